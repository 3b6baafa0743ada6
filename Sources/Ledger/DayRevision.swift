import GRDB

/// A day as the ledger last changed it: its revision and how many articles it holds.
///
/// Every change to a day's articles (an insert, a new content, a removal, a quarantine) raises
/// the day's revision by one in the same transaction, and stamps each inserted or changed row
/// with the day's new revision. A reader that remembers the revision it last saw can so ask for
/// the rows changed since (``Ledger/changes(day:since:)``) instead of reading and comparing the
/// whole day. Revisions only grow, across restarts too; they are not the dirty-mark generation,
/// which is cleared once the day is written.
package struct DayState: Sendable, Equatable {
    /// `YYYY-MM-DD`.
    package let day: String
    /// Grows by at least one with every change of the day's articles; 0 for a day recorded before
    /// revisions existed and unchanged since; -1 when the database keeps no revisions (an older
    /// version's, opened read-only).
    package let revision: Int64
    /// Articles recorded for the day.
    package let articles: Int

    /// A day's state as the ledger reports it.
    package init(day: String, revision: Int64, articles: Int) {
        self.day = day
        self.revision = revision
        self.articles = articles
    }
}

/// An article row with the revision of its day at which it was last inserted or changed.
package struct RevisedArticle: Sendable, Equatable {
    /// The row.
    package let record: ArticleRecord
    /// The day's revision when the row got its present content.
    package let revision: Int64

    /// A row and the revision it was stamped with.
    package init(record: ArticleRecord, revision: Int64) {
        self.record = record
        self.revision = revision
    }
}

/// What changed in one day after a given revision, read in one snapshot.
package struct DayChanges: Sendable {
    /// The day's present revision and article count.
    package let state: DayState
    /// The rows inserted or changed after the given revision (all rows when none was given), in
    /// arrival order (arrival instant, then row id). Removed rows are not listed: a reader finds
    /// them by ``DayState/articles`` being lower than the rows it holds.
    package let changed: [RevisedArticle]
}

extension Ledger {
    /// Day revisions (issue 15): a revision and an article count per day, and a revision stamp per
    /// article row. Days recorded before start at revision 0, their rows too.
    static func registerDayRevisionMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("i15-day-revision") { db in
            try db.alter(table: "article") { t in t.add(column: "revision", .integer).notNull().defaults(to: 0) }
            try db.create(index: "article_day_revision", on: "article", columns: ["day", "revision"])
            try db.create(table: "dayRevision") { t in
                t.primaryKey("day", .text)
                t.column("revision", .integer).notNull()
                t.column("articles", .integer).notNull()
            }
            try db.execute(sql: "INSERT INTO dayRevision(day, revision, articles) SELECT day, 0, count(*) FROM article GROUP BY day")
        }
    }

    /// Raises `day`'s revision, brings its article count up to date (by `added` when the caller
    /// knows the change, else by counting its rows), and stamps `row` (when given) with the new
    /// revision. Called in the transaction that changed the day.
    static func revise(_ db: Database, day: String, row: Int64?, added: Int? = nil) throws {
        if let added {
            // The count moves by what the caller changed: counting the day's rows at every
            // insert made a burst's records quadratic in the day's size.
            try db.cachedStatement(sql: "UPDATE dayRevision SET revision = revision + 1, articles = articles + ? WHERE day = ?")
                .execute(arguments: [added, day])
        }
        if added == nil || db.changesCount == 0 {
            try db.cachedStatement(sql: """
                INSERT INTO dayRevision(day, revision, articles) VALUES (?, 1, (SELECT count(*) FROM article WHERE day = ?))
                ON CONFLICT(day) DO UPDATE SET revision = revision + 1, articles = excluded.articles
                """).execute(arguments: [day, day])
        }
        if let row {
            try db.cachedStatement(sql: "UPDATE article SET revision = (SELECT revision FROM dayRevision WHERE day = ?) WHERE id = ?")
                .execute(arguments: [day, row])
        }
    }

    package func dayStates() throws(LedgerError) -> [DayState] {
        try read { db in
            guard try db.tableExists("dayRevision") else {
                // A database of an older version, opened read-only: counted, revisions unknown (-1).
                return try Row.fetchAll(db, sql: "SELECT day, count(*) AS n FROM article GROUP BY day ORDER BY day").map {
                    DayState(day: $0["day"], revision: -1, articles: $0["n"])
                }
            }
            return try Row.fetchAll(db, sql: "SELECT day, revision, articles FROM dayRevision WHERE articles > 0 ORDER BY day").map {
                DayState(day: $0["day"], revision: $0["revision"], articles: $0["articles"])
            }
        }
    }

    /// The state of `day` and its rows inserted or changed after `revision` (every row when nil),
    /// read in one snapshot.
    /// - Complexity: the changed rows (an index on day and revision), plus one row for the state.
    package func changes(day: String, since revision: Int64?) throws(LedgerError) -> DayChanges {
        try read { db in
            guard try db.tableExists("dayRevision") else {
                // A database of an older version, opened read-only: every row, revision unknown (-1).
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM article WHERE day = ? ORDER BY arrivedAt, id", arguments: [day])
                let changed = try rows.map { RevisedArticle(record: try ArticleRecord(row: $0), revision: 0) }
                return DayChanges(state: DayState(day: day, revision: -1, articles: changed.count), changed: changed)
            }
            let stateRow = try Row.fetchOne(db, sql: "SELECT revision, articles FROM dayRevision WHERE day = ?", arguments: [day])
            let state = DayState(day: day, revision: stateRow?["revision"] ?? 0, articles: stateRow?["articles"] ?? 0)
            let rows: [Row]
            if let revision {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM article WHERE day = ? AND revision > ? ORDER BY arrivedAt, id",
                                        arguments: [day, revision])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM article WHERE day = ? ORDER BY arrivedAt, id", arguments: [day])
            }
            let changed = try rows.map { RevisedArticle(record: try ArticleRecord(row: $0), revision: $0["revision"]) }
            return DayChanges(state: state, changed: changed)
        }
    }
}
