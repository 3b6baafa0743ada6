import GRDB

/// What ``Ledger/record(_:stamp:)`` did with an article.
public enum RecordOutcome: Sendable, Equatable {
    /// A new row, in `day`.
    case inserted(day: String)
    /// The path's row now holds new content; it stays in `day`, the day it was first recorded.
    case replaced(day: String)
    /// The path already holds these bytes (a touch, a second close): nothing changed.
    case unchanged
    /// The same bytes are already recorded under `originalPath`: not listed again.
    case duplicate(originalPath: String)
}

/// The article ledger: one SQLite database (GRDB `DatabasePool`, WAL) under the state folder,
/// the source of truth from which every digest is rendered.
///
/// Crash safety: an article's row and the mark that its day needs rendering are written in one
/// transaction; the mark is cleared only after the digest file was renamed into place
/// (``markRendered(day:generation:)``). So after a crash at any instant, either the article is not
/// recorded (its file is taken again at start-up) or it is, and its day is rendered again.
public final class Ledger: Sendable {
    /// Path of the database file.
    public let path: String
    private let pool: DatabasePool

    /// Opens (creating and migrating as needed) the database at `path`.
    /// - Parameter readOnly: open without writing (no migration): for reading commands run by a
    ///   user who may read the state folder but not write it (group `digestd`). SQLite then
    ///   needs the running service's `-shm` file, readable by the group.
    /// - Throws: ``LedgerError/database(path:underlying:)`` when it cannot be opened or migrated.
    public init(path: String, readOnly: Bool = false) throws(LedgerError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            configuration.readonly = readOnly
            // One writer and the work loop's reads: two readers are plenty, and each
            // connection holds its own page cache.
            configuration.maximumReaderCount = 2
            if readOnly {
                do {
                    pool = try DatabasePool(path: path, configuration: configuration)
                } catch {
                    // No service running, so no `-shm` file to share, and this user may not
                    // create one: read the file as it stands (SQLite `immutable` URI).
                    pool = try DatabasePool(path: Ledger.immutableURI(path), configuration: configuration)
                }
            } else {
                pool = try DatabasePool(path: path, configuration: configuration)
                try Ledger.migrator.migrate(pool)
            }
        } catch {
            throw .database(path: path, underlying: error)
        }
    }

    /// A `file:` URI opening `path` read-only and immutable (SQLite "URI filenames"; Debian's
    /// SQLite is built with `SQLITE_USE_URI`): every byte outside `A–Z a–z 0–9 / - . _ ~`
    /// percent-encoded.
    static func immutableURI(_ path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = Array("0123456789ABCDEF")
                encoded += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0xF)])
            }
        }
        return "file:" + encoded + "?mode=ro&immutable=1"
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "article") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("path", .text).notNull().unique()
                t.column("sha256", .text).notNull().indexed()
                t.column("size", .integer).notNull()
                t.column("arrivedAt", .integer).notNull()
                t.column("utcOffset", .integer).notNull()
                t.column("day", .text).notNull().indexed()
                t.column("title", .text).notNull()
                t.column("sentences", .text).notNull()
                t.column("keywords", .text).notNull()
                t.column("wordCount", .integer).notNull()
                t.column("sentenceCount", .integer).notNull()
                t.column("language", .text).notNull()
            }
            try db.create(table: "source") { t in
                t.primaryKey("path", .text)
                t.column("size", .integer).notNull()
                t.column("mtimeNs", .integer).notNull()
                t.column("sha256", .text).notNull()
            }
            // Days whose digest must be (re)written; `generation` grows with each change.
            try db.create(table: "dirtyDay") { t in
                t.primaryKey("day", .text)
                t.column("generation", .integer).notNull()
            }
        }
        registerBriefingMigration(&migrator)
        return migrator
    }

    private func write<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T {
        do { return try pool.write(body) } catch { throw .database(path: path, underlying: error) }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T {
        do { return try pool.read(body) } catch { throw .database(path: path, underlying: error) }
    }

    /// ``write(_:)`` for the briefing extension.
    func writeBriefing<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T { try write(body) }

    /// ``read(_:)`` for the briefing extension.
    func readBriefing<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T { try read(body) }

    /// `true` when `path` was last seen with exactly this size and modification time, so its
    /// content need not be read or hashed again.
    public func isUnchanged(path: String, size: Int, mtimeNanoseconds: Int64) throws(LedgerError) -> Bool {
        try read { db in
            guard let s = try SourceRecord.fetchOne(db, key: path) else { return false }
            return s.size == size && s.mtimeNs == mtimeNanoseconds
        }
    }

    /// The content hash last recorded for `path`, if any.
    public func recordedHash(path: String) throws(LedgerError) -> String? {
        try read { db in try SourceRecord.fetchOne(db, key: path)?.sha256 }
    }

    /// Records an article in one transaction.
    ///
    /// - Parameters:
    ///   - article: the new row. For a path already recorded, only its content fields are taken:
    ///     `day`, `arrivedAt` and the place in arrival order stay those of the first record.
    ///   - mtimeNanoseconds: the file's modification time, remembered with its size and hash.
    /// - Returns: what was done (see ``RecordOutcome``).
    public func record(_ article: ArticleRecord, mtimeNanoseconds: Int64) throws(LedgerError) -> RecordOutcome {
        try write { db in
            try SourceRecord(path: article.path, size: article.size, mtimeNs: mtimeNanoseconds, sha256: article.sha256).save(db)
            let existing = try ArticleRecord.filter(Column("path") == article.path).fetchOne(db)
            if let existing, existing.sha256 == article.sha256 { return .unchanged }
            if let existing {
                // The path's old bytes may still stand under another name that was recorded as
                // their duplicate: that name inherits the entry, so the old story stays listed once.
                let heir = try SourceRecord
                    .filter(Column("sha256") == existing.sha256 && Column("path") != article.path)
                    .order(Column("path")).fetchOne(db)
                if let heir, try ArticleRecord.filter(Column("path") == heir.path).fetchCount(db) == 0 {
                    var inherited = existing
                    inherited.id = nil
                    inherited.path = heir.path
                    try inherited.insert(db)
                }
            }
            if let twin = try ArticleRecord.filter(Column("sha256") == article.sha256 && Column("path") != article.path).fetchOne(db) {
                // New bytes already listed under another name: this path's old entry goes.
                if let existing {
                    try existing.delete(db)
                    try Ledger.markDirty(db, day: existing.day)
                }
                return .duplicate(originalPath: twin.path)
            }
            if var row = existing {
                row.sha256 = article.sha256
                row.size = article.size
                row.title = article.title
                row.sentences = article.sentences
                row.keywords = article.keywords
                row.wordCount = article.wordCount
                row.sentenceCount = article.sentenceCount
                row.language = article.language
                try row.update(db)
                try Ledger.markDirty(db, day: row.day)
                return .replaced(day: row.day)
            }
            var row = article
            row.id = nil
            try row.insert(db)
            try Ledger.markDirty(db, day: row.day)
            return .inserted(day: row.day)
        }
    }

    /// Remembers that `path` was seen with these bytes without recording an article (e.g. the
    /// content is the same as before), so a restart does not hash it again.
    public func remember(path: String, size: Int, mtimeNanoseconds: Int64, sha256: String) throws(LedgerError) {
        try write { db in
            try SourceRecord(path: path, size: size, mtimeNs: mtimeNanoseconds, sha256: sha256).save(db)
        }
    }

    private static func markDirty(_ db: Database, day: String) throws {
        try db.execute(sql: """
            INSERT INTO dirtyDay(day, generation) VALUES (?, 1)
            ON CONFLICT(day) DO UPDATE SET generation = generation + 1
            """, arguments: [day])
    }

    /// Marks `day` as needing its digest written again (e.g. for `digest --rebuild`).
    public func markDirty(day: String) throws(LedgerError) {
        try write { db in try Ledger.markDirty(db, day: day) }
    }

    /// Days whose digest must be written, with the generation to pass to ``markRendered(day:generation:)``;
    /// ordered by day.
    public func dirtyDays() throws(LedgerError) -> [(day: String, generation: Int64)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT day, generation FROM dirtyDay ORDER BY day").map { ($0["day"], $0["generation"]) }
        }
    }

    /// Clears the mark of `day` unless it changed again after `generation` was read.
    public func markRendered(day: String, generation: Int64) throws(LedgerError) {
        try write { db in
            try db.execute(sql: "DELETE FROM dirtyDay WHERE day = ? AND generation = ?", arguments: [day, generation])
        }
    }

    /// The articles of `day`, in arrival order (arrival instant, then row id).
    public func articles(day: String) throws(LedgerError) -> [ArticleRecord] {
        try read { db in
            try ArticleRecord.filter(Column("day") == day).order(Column("arrivedAt"), Column("id")).fetchAll(db)
        }
    }

    /// Number of articles recorded for `day`.
    public func count(day: String) throws(LedgerError) -> Int {
        try read { db in try ArticleRecord.filter(Column("day") == day).fetchCount(db) }
    }

    /// Frees the memory SQLite can spare: page caches of every connection, and idle reader
    /// connections (GRDB `DatabasePool.releaseMemory()`). For an idle service; the next query
    /// reads from the file again.
    public func releaseMemory() {
        pool.releaseMemory()
    }

    /// Runs SQLite's `PRAGMA integrity_check`; returns its messages (`["ok"]` for a sound database).
    public func integrityCheck() throws(LedgerError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// Every day that has articles, ascending.
    public func days() throws(LedgerError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT day FROM article ORDER BY day") }
    }
}
