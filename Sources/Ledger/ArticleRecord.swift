import GRDB

/// One article of the ledger: one row per distinct article, rendered into its day's digest.
///
/// Identity is the inbox path plus the content hash: a path whose content changes keeps its row
/// (same ``day``, same place in arrival order) with the new content; the same bytes under another
/// path add no row.
public struct ArticleRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "article"

    /// Row id; also breaks ties in arrival order.
    public var id: Int64?
    /// Path of the article in the inbox.
    public var path: String
    /// SHA-256 of the bytes, 64 lower-case hex digits.
    public var sha256: String
    /// Size in bytes.
    public var size: Int
    /// Arrival instant, milliseconds since the Unix epoch (UTC).
    public var arrivedAt: Int64
    /// UTC offset of the configured time zone at arrival, in seconds (for printing local times).
    public var utcOffset: Int
    /// Local calendar day of arrival, `YYYY-MM-DD`, in the configured time zone.
    public var day: String
    /// The headline, from the text or the file name.
    public var title: String
    /// The summary sentences, in document order, verbatim.
    public var sentences: [String]
    /// Key terms, most important first.
    public var keywords: [String]
    /// Words in the body.
    public var wordCount: Int
    /// Sentences in the body.
    public var sentenceCount: Int
    /// Snowball language name used, e.g. `english`.
    public var language: String

    public init(id: Int64? = nil, path: String, sha256: String, size: Int, arrivedAt: Int64, utcOffset: Int, day: String,
                title: String, sentences: [String], keywords: [String], wordCount: Int, sentenceCount: Int, language: String) {
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

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
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
