import Foundation
import GRDB
import Synchronization

/// One article of the ledger: one row per distinct article, rendered into its day's digest.
///
/// Identity is the inbox path plus the content hash: a path whose content changes keeps its row
/// (same ``day``, same place in arrival order) with the new content; the same bytes under another
/// path add no row.
package struct ArticleRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    package static let databaseTableName = "article"

    /// Row id; also breaks ties in arrival order.
    package var id: Int64?
    /// Path of the article in the inbox.
    package var path: String
    /// SHA-256 of the bytes, 64 lower-case hex digits.
    package var sha256: String
    /// Size in bytes.
    package var size: Int
    /// Arrival instant, milliseconds since the Unix epoch (UTC).
    package var arrivedAt: Int64
    /// UTC offset of the configured time zone at arrival, in seconds (for printing local times).
    package var utcOffset: Int
    /// Local calendar day of arrival, `YYYY-MM-DD`, in the configured time zone.
    package var day: String
    /// The headline, from the text or the file name.
    package var title: String
    /// The summary sentences, in document order, verbatim.
    package var sentences: [String]
    /// Key terms, most important first.
    package var keywords: [String]
    /// Words in the body.
    package var wordCount: Int
    /// Sentences in the body.
    package var sentenceCount: Int
    /// Snowball language name used, e.g. `english`.
    package var language: String
    /// Non-blank lines the boilerplate filter dropped from the body (0 for rows recorded before
    /// the column existed).
    package var boilerplateDropped: Int

    package init(id: Int64? = nil, path: String, sha256: String, size: Int, arrivedAt: Int64, utcOffset: Int, day: String,
                title: String, sentences: [String], keywords: [String], wordCount: Int, sentenceCount: Int, language: String,
                boilerplateDropped: Int = 0) {
        self.boilerplateDropped = boilerplateDropped
        self.id = id
        self.path = path
        self.sha256 = sha256
        self.size = size
        self.arrivedAt = arrivedAt
        self.utcOffset = utcOffset
        self.day = day
        self.title = title
        self.sentences = sentences
        self.keywords = keywords
        self.wordCount = wordCount
        self.sentenceCount = sentenceCount
        self.language = language
    }

    package mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Decodes a row of the `article` table. Written out rather than derived from `Decodable`:
    /// every digest write reads its whole day, and the derived decoder (a keyed container per
    /// row, a new `JSONDecoder` per array column) dominated that read. The JSON arrays are read
    /// through ``JSONArrayMemo``.
    /// - Throws: `DatabaseDecodingError` (GRDB) for a missing column or a wrong type,
    ///   `DecodingError` for an array column that is not a JSON array of strings.
    package init(row: Row) throws {
        id = try row.decode(Int64?.self, forColumn: "id")
        path = try row.decode(String.self, forColumn: "path")
        sha256 = try row.decode(String.self, forColumn: "sha256")
        size = try row.decode(Int.self, forColumn: "size")
        arrivedAt = try row.decode(Int64.self, forColumn: "arrivedAt")
        utcOffset = try row.decode(Int.self, forColumn: "utcOffset")
        day = try row.decode(String.self, forColumn: "day")
        title = try row.decode(String.self, forColumn: "title")
        sentences = try JSONArrayMemo.strings(try row.decode(String.self, forColumn: "sentences"))
        keywords = try JSONArrayMemo.strings(try row.decode(String.self, forColumn: "keywords"))
        wordCount = try row.decode(Int.self, forColumn: "wordCount")
        sentenceCount = try row.decode(Int.self, forColumn: "sentenceCount")
        language = try row.decode(String.self, forColumn: "language")
        boilerplateDropped = row.hasColumn("boilerplateDropped") ? try row.decode(Int.self, forColumn: "boilerplateDropped") : 0
    }
}

/// Decoded JSON arrays of strings, by their JSON text: the `sentences` and `keywords` columns
/// of the rows that digest writes read again and again. A memo of a pure function (JSON text →
/// array), bounded to ``capacity`` texts: it is emptied when full.
enum JSONArrayMemo {
    static let capacity = 4_096
    private static let memo = Mutex<[Key: [String]]>([:])

    /// A JSON text compared and hashed by its UTF-8 bytes (`String` hashing normalizes
    /// non-ASCII text to NFC first, which cost more than the lookup saves).
    private struct Key: Hashable {
        let json: String
        static func == (a: Key, b: Key) -> Bool { a.json.utf8.elementsEqual(b.json.utf8) }
        func hash(into hasher: inout Hasher) {
            var json = json
            json.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// Texts kept.
    static var count: Int { memo.withLock { $0.count } }

    /// Whether `json` is kept (for tests).
    static func contains(_ json: String) -> Bool { memo.withLock { $0[Key(json: json)] != nil } }

    /// Forgets every decoded text and frees the table's storage (an idle service).
    static func removeAll() {
        memo.withLock { $0 = [:] }
    }

    /// The array of strings that `json` encodes.
    /// - Throws: `DecodingError` when `json` is not a JSON array of strings.
    static func strings(_ json: String) throws -> [String] {
        let key = Key(json: json)
        if let known = memo.withLock({ $0[key] }) { return known }
        let strings = try JSONDecoder().decode([String].self, from: Data(json.utf8))
        memo.withLock { memo in
            if memo.count >= capacity { memo.removeAll(keepingCapacity: true) }
            memo[key] = strings
        }
        return strings
    }
}

/// The last state seen of one inbox path: lets start-up skip unchanged files without hashing them.
struct SourceRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "source"
    var path: String
    var size: Int
    var mtimeNs: Int64
    var sha256: String
}
