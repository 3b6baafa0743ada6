import Foundation
import GRDB
import Synchronization

/// What ``Ledger/record(_:stamp:)`` did with an article.
package enum RecordOutcome: Sendable, Equatable {
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
package final class Ledger: Sendable {
    /// Path of the database file.
    package let path: String
    private let pool: DatabasePool
    /// Steps this process began and has not ended yet. A step in the table that is also here was
    /// not left by a run that died: its end could not be written (a full disk), so beginning it
    /// again is a retry, not a death.
    let ownSteps = Mutex<Set<String>>([])

    /// Opens (creating and migrating as needed) the database at `path`.
    /// - Throws: ``LedgerError/database(path:underlying:)`` when it cannot be opened or migrated.
    package init(path: String) throws(LedgerError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            // One writer and the work loop's reads: two readers are plenty, and each
            // connection holds its own page cache.
            configuration.maximumReaderCount = 2
            pool = try DatabasePool(path: path, configuration: configuration)
            try Ledger.migrator.migrate(pool)
        } catch {
            throw .database(path: path, underlying: error)
        }
    }

    /// Opens the database at `path` for reading only, without migrating or writing anything: for
    /// `digestd digest` run by a user who may read the state folder but not write it (F77).
    ///
    /// While the service runs, SQLite reads the WAL through the service's `-shm` file (read-only
    /// WAL, SQLite ≥ 3.22, https://sqlite.org/wal.html#readonly). After a clean stop there is no
    /// `-wal` and no `-shm`, and a reader that cannot create them opens the file with
    /// `immutable=1` (https://sqlite.org/uri.html#uriimmutable): nothing writes it then.
    /// - Throws: ``LedgerError/database(path:underlying:)`` when neither way can read it.
    package init(readingOnly path: String) throws(LedgerError) {
        self.path = path
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        configuration.maximumReaderCount = 1
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            _ = try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
            self.pool = pool
        } catch {
            // No WAL to read, and no right to create the -shm: the file is all there is.
            guard access(path + "-wal", F_OK) != 0 else { throw .database(path: path, underlying: error) }
            do {
                let pool = try DatabasePool(path: "file:" + Ledger.uriEscaped(path) + "?immutable=1", configuration: configuration)
                _ = try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
                self.pool = pool
            } catch {
                throw .database(path: path, underlying: error)
            }
        }
    }

    /// `path` with the characters a `file:` URI gives a meaning (`%`, `?`, `#`) percent-encoded.
    static func uriEscaped(_ path: String) -> String {
        var bytes: [UInt8] = []
        for byte in path.utf8 {
            if byte == UInt8(ascii: "%") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") {
                bytes += Array(("%" + String(byte, radix: 16, uppercase: true)).utf8)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
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
        // Poison quarantine (issue 13): steps in hand, and articles refused after dying twice.
        migrator.registerMigration("v2-quarantine") { db in
            try db.create(table: "stepInFlight") { t in
                t.primaryKey("step", .text)
                t.column("fingerprint", .text).notNull()
                t.column("attempts", .integer).notNull()
            }
            try db.create(table: "failedArticle") { t in
                t.primaryKey("path", .text)
                t.column("sha256", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("failedAt", .integer).notNull()
            }
        }
        // Boilerplate lines dropped per article (issue 13: no silent truncation).
        migrator.registerMigration("v3-boilerplate-count") { db in
            try db.alter(table: "article") { t in t.add(column: "boilerplateDropped", .integer).notNull().defaults(to: 0) }
        }
        registerBriefingMigration(&migrator)
        registerDayRevisionMigration(&migrator)
        return migrator
    }

    /// Runs that may die in one step before the step is skipped: the first death is taken for an
    /// accident (SIGKILL, power loss) and the step is retried once; a second death in the same
    /// step marks it as poison.
    package static let stepAttemptLimit = 2

    /// Records that `step` (e.g. `article:/srv/inbox/a.txt`, `day:2026-11-29`) begins, before the
    /// work that might kill the process.
    /// - Parameters:
    ///   - step: the step's name.
    ///   - fingerprint: what the step works on (a content hash); a step with another fingerprint
    ///     is new work and starts again from zero deaths.
    /// - Returns: how many earlier runs died in this step with this fingerprint. When it is
    ///   ``stepAttemptLimit`` or more, the caller must skip the step (the record is left as it is).
    package func beginStep(_ step: String, fingerprint: String) throws(LedgerError) -> Int {
        // The caller takes the step only below the limit; a skipped step stays another run's.
        try beginSteps([(step, fingerprint)]).first ?? 0
    }

    /// Records that `step` ended (done, or failed in an orderly way).
    package func endStep(_ step: String) throws(LedgerError) {
        try write { db in try db.cachedStatement(sql: "DELETE FROM stepInFlight WHERE step = ?").execute(arguments: [step]) }
        ownSteps.withLock { _ = $0.remove(step) }
    }

    /// Steps in hand when the last run died, with their death counts, by step name.
    package func stepsInFlight() throws(LedgerError) -> [(step: String, attempts: Int)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT step, attempts FROM stepInFlight ORDER BY step").map { ($0["step"], $0["attempts"]) }
        }
    }

    /// Records that the article at `path` with content `sha256` is refused for `reason` and
    /// remembers the file's size and mtime, so it is not taken again until its content changes;
    /// ends its step `step`.
    /// - Parameter failedAt: milliseconds since the epoch.
    package func quarantine(path: String, sha256: String, size: Int, mtimeNanoseconds: Int64, reason: String,
                           failedAt: Int64, step: String) throws(LedgerError) {
        try write { db in
            try SourceRecord(path: path, size: size, mtimeNs: mtimeNanoseconds, sha256: sha256).save(db)
            try db.execute(sql: "INSERT OR REPLACE INTO failedArticle(path, sha256, reason, failedAt) VALUES (?, ?, ?, ?)",
                           arguments: [path, sha256, reason, failedAt])
            try db.execute(sql: "DELETE FROM stepInFlight WHERE step = ?", arguments: [step])
        }
    }

    /// Takes a recorded article out of its day (its digest is written without it) and records
    /// it as failed for `reason`; its source stays remembered, so it is not taken again until its
    /// content changes. Ends its step `step`.
    package func quarantine(_ article: ArticleRecord, reason: String, failedAt: Int64, step: String) throws(LedgerError) {
        try write { db in
            try db.execute(sql: "DELETE FROM article WHERE path = ?", arguments: [article.path])
            try db.execute(sql: "INSERT OR REPLACE INTO failedArticle(path, sha256, reason, failedAt) VALUES (?, ?, ?, ?)",
                           arguments: [article.path, article.sha256, reason, failedAt])
            try db.execute(sql: "DELETE FROM stepInFlight WHERE step = ?", arguments: [step])
            try Ledger.markDirty(db, day: article.day)
        }
    }

    /// Articles refused after a crash, with their reasons, by path.
    package func failedArticles() throws(LedgerError) -> [(path: String, reason: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT path, reason FROM failedArticle ORDER BY path").map { ($0["path"], $0["reason"]) }
        }
    }

    /// Forgets a failed mark of `path` (its content changed and was recorded).
    static func clearFailed(_ db: Database, path: String) throws {
        try db.execute(sql: "DELETE FROM failedArticle WHERE path = ?", arguments: [path])
    }

    func write<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T {
        do { return try pool.write(body) } catch { throw .database(path: path, underlying: error) }
    }

    func read<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T {
        do { return try pool.read(body) } catch { throw .database(path: path, underlying: error) }
    }

    /// ``write(_:)`` for the briefing extension.
    func writeBriefing<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T { try write(body) }

    /// ``read(_:)`` for the briefing extension.
    func readBriefing<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T { try read(body) }

    /// `true` when `path` was last seen with exactly this size and modification time, so its
    /// content need not be read or hashed again.
    package func isUnchanged(path: String, size: Int, mtimeNanoseconds: Int64) throws(LedgerError) -> Bool {
        try read { db in
            guard let s = try SourceRecord.fetchOne(db, key: path) else { return false }
            return s.size == size && s.mtimeNs == mtimeNanoseconds
        }
    }

    /// The content hash last recorded for `path`, if any.
    package func recordedHash(path: String) throws(LedgerError) -> String? {
        try read { db in try String.fetchOne(db.cachedStatement(sql: "SELECT sha256 FROM source WHERE path = ?"), arguments: [path]) }
    }

    /// ``recordedHash(path:)`` of several paths in one read, by path (paths not recorded are
    /// absent).
    package func recordedHashes(paths: [String]) throws(LedgerError) -> [String: String] {
        try read { db in
            let statement = try db.cachedStatement(sql: "SELECT sha256 FROM source WHERE path = ?")
            var hashes: [String: String] = [:]
            for path in paths {
                if let sha = try String.fetchOne(statement, arguments: [path]) { hashes[path] = sha }
            }
            return hashes
        }
    }

    /// Records an article in one transaction.
    ///
    /// - Parameters:
    ///   - article: the new row. For a path already recorded, only its content fields are taken:
    ///     `day`, `arrivedAt` and the place in arrival order stay those of the first record.
    ///   - mtimeNanoseconds: the file's modification time, remembered with its size and hash.
    /// - Returns: what was done (see ``RecordOutcome``).
    package func record(_ article: ArticleRecord, mtimeNanoseconds: Int64) throws(LedgerError) -> RecordOutcome {
        try write { db in try Ledger.record(db, article, mtimeNanoseconds: mtimeNanoseconds) }
    }

    /// ``record(_:mtimeNanoseconds:)`` inside the caller's transaction `db` (also the group
    /// commit's, ``commit(_:)``).
    ///
    /// The statements of the common case (a new path: remember the source, look for the path's
    /// row and for the same bytes under another path, insert, mark the day) are SQLite statements
    /// prepared once per connection (GRDB's `cachedStatement`), with their arguments bound
    /// directly: the query builder and `Codable` encoding of each row cost about 8 % of the work
    /// loop's time in a 10,000-article burst (`perf`), compiling each statement again.
    static func record(_ db: Database, _ article: ArticleRecord, mtimeNanoseconds: Int64) throws -> RecordOutcome {
        try rememberSource(db, path: article.path, size: article.size, mtimeNanoseconds: mtimeNanoseconds, sha256: article.sha256)
        try clearFailed(db, path: article.path)
        let existing = try ArticleRecord.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM article WHERE path = ?"), arguments: [article.path])
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
                try Ledger.markDirty(db, day: inherited.day, row: inherited.id, added: 1)
            }
        }
        if let twin = try String.fetchOne(
            db.cachedStatement(sql: "SELECT path FROM article WHERE sha256 = ? AND path <> ? LIMIT 1"),
            arguments: [article.sha256, article.path]) {
            // New bytes already listed under another name: this path's old entry goes.
            if let existing {
                try existing.delete(db)
                try Ledger.markDirty(db, day: existing.day)
            }
            return .duplicate(originalPath: twin)
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
            row.boilerplateDropped = article.boilerplateDropped
            try row.update(db)
            try Ledger.markDirty(db, day: row.day, row: row.id, added: 0)
            return .replaced(day: row.day)
        }
        let id = try insert(db, article)
        try Ledger.markDirty(db, day: article.day, row: id, added: 1)
        return .inserted(day: article.day)
    }

    /// Inserts `article` as a new row (its `id` is ignored) with a statement prepared once per
    /// connection; the array columns are the JSON texts GRDB's `Codable` encoding writes
    /// (``ArticleRecord/databaseJSONEncoder(for:)``), so rows read the same either way.
    /// - Returns: the new row id.
    static func insert(_ db: Database, _ article: ArticleRecord) throws -> Int64 {
        func json(_ strings: [String], _ column: String) throws -> String {
            String(decoding: try ArticleRecord.databaseJSONEncoder(for: column).encode(strings), as: UTF8.self)
        }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO article(path, sha256, size, arrivedAt, utcOffset, day, title, sentences, keywords,
                                wordCount, sentenceCount, language, boilerplateDropped)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            article.path, article.sha256, article.size, article.arrivedAt, article.utcOffset, article.day, article.title,
            try json(article.sentences, "sentences"), try json(article.keywords, "keywords"),
            article.wordCount, article.sentenceCount, article.language, article.boilerplateDropped,
        ])
        return db.lastInsertedRowID
    }

    /// Remembers the last state seen of `path` (``SourceRecord``), in the caller's transaction.
    static func rememberSource(_ db: Database, path: String, size: Int, mtimeNanoseconds: Int64, sha256: String) throws {
        try db.cachedStatement(sql: """
            INSERT INTO source(path, size, mtimeNs, sha256) VALUES (?, ?, ?, ?)
            ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtimeNs = excluded.mtimeNs, sha256 = excluded.sha256
            """).execute(arguments: [path, size, mtimeNanoseconds, sha256])
    }

    /// Remembers that `path` was seen with these bytes without recording an article (e.g. the
    /// content is the same as before), so a restart does not hash it again.
    package func remember(path: String, size: Int, mtimeNanoseconds: Int64, sha256: String) throws(LedgerError) {
        try write { db in
            try Ledger.rememberSource(db, path: path, size: size, mtimeNanoseconds: mtimeNanoseconds, sha256: sha256)
        }
    }

    /// Marks `day` dirty and records the change in its revision (``dayStates()``); `row`, the
    /// article row inserted or changed, if any, is stamped with the new revision.
    /// - Parameter added: the change in the day's number of articles when the caller knows it
    ///   (1 for an inserted row, 0 for a changed one); nil counts the day's rows again.
    static func markDirty(_ db: Database, day: String, row: Int64? = nil, added: Int? = nil) throws {
        try db.cachedStatement(sql: """
            INSERT INTO dirtyDay(day, generation) VALUES (?, 1)
            ON CONFLICT(day) DO UPDATE SET generation = generation + 1
            """).execute(arguments: [day])
        try revise(db, day: day, row: row, added: added)
    }

    /// Marks `day` as needing its digest written again (e.g. for `digest --rebuild`).
    package func markDirty(day: String) throws(LedgerError) {
        try write { db in try Ledger.markDirty(db, day: day) }
    }

    /// Days whose digest must be written, with the generation to pass to ``markRendered(day:generation:)``;
    /// ordered by day.
    package func dirtyDays() throws(LedgerError) -> [(day: String, generation: Int64)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT day, generation FROM dirtyDay ORDER BY day").map { ($0["day"], $0["generation"]) }
        }
    }

    /// Clears the mark of `day` unless it changed again after `generation` was read.
    package func markRendered(day: String, generation: Int64) throws(LedgerError) {
        try write { db in
            try db.execute(sql: "DELETE FROM dirtyDay WHERE day = ? AND generation = ?", arguments: [day, generation])
        }
    }

    /// The articles of `day`, in arrival order (arrival instant, then row id).
    package func articles(day: String) throws(LedgerError) -> [ArticleRecord] {
        try read { db in
            try ArticleRecord.filter(Column("day") == day).order(Column("arrivedAt"), Column("id")).fetchAll(db)
        }
    }

    /// Number of articles recorded for `day`.
    package func count(day: String) throws(LedgerError) -> Int {
        try read { db in try ArticleRecord.filter(Column("day") == day).fetchCount(db) }
    }

    /// Frees the memory SQLite can spare: page caches of every connection, and idle reader
    /// connections (GRDB `DatabasePool.releaseMemory()`), and the process-wide memo of decoded
    /// `sentences`/`keywords` arrays (up to 4,096 texts). For an idle service; the next query
    /// reads from the file again.
    package func releaseMemory() {
        pool.releaseMemory()
        JSONArrayMemo.removeAll()
    }

    /// Decoded JSON texts held by the process-wide memo of rows read (for tests).
    package static var memoizedTexts: Int { JSONArrayMemo.count }

    /// Runs SQLite's `PRAGMA integrity_check`; returns its messages (`["ok"]` for a sound database).
    package func integrityCheck() throws(LedgerError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// Every day that has articles, ascending.
    package func days() throws(LedgerError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT day FROM article ORDER BY day") }
    }
}
