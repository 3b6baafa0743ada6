import GRDB

/// One article's share of a group commit (``Ledger/commit(_:)``): its row, when preparing it
/// found an article, and the step to end.
package struct ArticleCommit: Sendable {
    /// The row to record (``Ledger/record(_:mtimeNanoseconds:)``); nil when the article is skipped
    /// (binary, empty, no sentence) and only its step ends.
    package let article: ArticleRecord?
    /// The file's modification time, ns since the epoch, remembered with the row's size and hash.
    package let mtimeNanoseconds: Int64
    /// The step begun for the article (``Ledger/beginStep(_:fingerprint:)``), ended in the same
    /// transaction.
    package let step: String

    /// An article's record (or none) and its step.
    package init(article: ArticleRecord?, mtimeNanoseconds: Int64, step: String) {
        self.article = article
        self.mtimeNanoseconds = mtimeNanoseconds
        self.step = step
    }
}

/// Group commit: the work loop's ledger writes for a batch of articles in one SQLite
/// transaction each, so that a burst pays one WAL commit (and its `fsync`) per batch, not three
/// per article (begin step, record, end step). SQLite's WAL makes a transaction atomic: after a
/// crash, either every row and step change of the batch is in the ledger or none is.
extension Ledger {
    /// Begins several steps in one transaction: ``beginStep(_:fingerprint:)`` for each, in order.
    /// - Parameter steps: step names and fingerprints; names must differ from one another.
    /// - Returns: for each step, how many earlier runs died in it (see ``beginStep(_:fingerprint:)``).
    /// - Throws: ``LedgerError`` when the transaction fails; then no step was begun.
    package func beginSteps(_ steps: [(step: String, fingerprint: String)]) throws(LedgerError) -> [Int] {
        let own = ownSteps.withLock { $0 }
        let deaths: [Int] = try write { db in
            var begun = Set<String>() // a step named twice in `steps` is begun once
            let find = try db.cachedStatement(sql: "SELECT fingerprint, attempts FROM stepInFlight WHERE step = ?")
            let begin = try db.cachedStatement(sql: "INSERT OR REPLACE INTO stepInFlight(step, fingerprint, attempts) VALUES (?, ?, 1)")
            return try steps.map { item in
                let (step, fingerprint) = item
                defer { begun.insert(step) }
                if let row = try Row.fetchOne(find, arguments: [step]), (row["fingerprint"] as String) == fingerprint {
                    // Left by this process (its end failed to commit): no run died in it.
                    if own.contains(step) || begun.contains(step) { return 0 }
                    let deaths: Int = row["attempts"]
                    if deaths >= Ledger.stepAttemptLimit { return deaths }
                    try db.execute(sql: "UPDATE stepInFlight SET attempts = attempts + 1 WHERE step = ?", arguments: [step])
                    return deaths
                }
                try begin.execute(arguments: [step, fingerprint])
                return 0
            }
        }
        ownSteps.withLock { own in
            for (item, deaths) in zip(steps, deaths) where deaths < Ledger.stepAttemptLimit { own.insert(item.step) }
        }
        return deaths
    }

    /// Of `steps`, those in the ledger that this process did not begin: steps a run that died had
    /// in hand (or, rarely, whose end failed to commit in an earlier run). One read with a
    /// statement prepared once, instead of reading every step in flight (during a burst the table
    /// holds the steps of every article in hand).
    package func stepsLeftByEarlierRuns(_ steps: [String]) throws(LedgerError) -> Set<String> {
        let own = ownSteps.withLock { $0 }
        return try read { db in
            let find = try db.cachedStatement(sql: "SELECT 1 FROM stepInFlight WHERE step = ?")
            var left = Set<String>()
            for step in steps where !own.contains(step) {
                if try Bool.fetchOne(find, arguments: [step]) != nil { left.insert(step) }
            }
            return left
        }
    }

    /// Records a batch of articles and ends their steps in one transaction, in the batch's order:
    /// the same rows, outcomes and day revisions as ``record(_:mtimeNanoseconds:)`` and
    /// ``endStep(_:)`` called for each in turn, with one commit.
    /// - Parameter batch: the articles in arrival order.
    /// - Returns: each item's outcome (nil for an item without an article).
    /// - Throws: ``LedgerError`` when the transaction fails; then nothing of the batch was
    ///   written (the caller may record the items one by one to learn which one fails).
    package func commit(_ batch: [ArticleCommit]) throws(LedgerError) -> [RecordOutcome?] {
        let outcomes: [RecordOutcome?] = try write { db in
            let end = try db.cachedStatement(sql: "DELETE FROM stepInFlight WHERE step = ?")
            return try batch.map { item in
                let outcome = try item.article.map { try Ledger.record(db, $0, mtimeNanoseconds: item.mtimeNanoseconds) }
                try end.execute(arguments: [item.step])
                return outcome
            }
        }
        ownSteps.withLock { own in
            for item in batch { own.remove(item.step) }
        }
        return outcomes
    }
}
