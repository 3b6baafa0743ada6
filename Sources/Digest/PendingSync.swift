import Foundation
import Synchronization

/// The digest files renamed into place without an `fsync`, and the dirty marks that may be
/// cleared once they are durable: the bookkeeping of ``DigestWriter``'s deferred durability.
///
/// A write in ``DigestWriter/writeDirtyDays(deferringSync:)`` renames its files and ``add(paths:marks:)``
/// them here; ``DigestWriter/syncPending()`` later ``take()``s the lot, syncs the files and the
/// folder, clears the marks, and ``finish(ok:)``es. Until then a day's mark stays in the ledger,
/// so a crash (or a power loss that left a file empty) before the sync is repaired by the
/// rewrite of every dirty day at start-up. Meanwhile ``isWritten(day:generation:)`` tells the
/// next write that the day's files already show that generation, so it is not written again.
final class PendingSync: Sendable {
    /// What one sync covers: the files to sync and the dirty marks (day, generation) to clear
    /// after them, both in the order they were first written.
    struct Batch: Sendable {
        var paths: [String] = []
        var marks: [DayMark] = []

        var isEmpty: Bool { paths.isEmpty && marks.isEmpty }
    }

    /// A day's dirty mark as ``Ledger/dirtyDays()`` gives it.
    struct DayMark: Sendable, Equatable {
        let day: String
        let generation: Int64
    }

    private struct State {
        /// Written since the last ``take()``.
        var waiting = Batch()
        /// Taken by a sync that has not finished.
        var syncing = Batch()
    }

    private let state = Mutex(State())
    /// Held for a whole sync: two syncs never share one batch's bookkeeping.
    private let syncLock = NSLock()

    /// Runs `body` (one sync) while no other sync runs.
    func serialized<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        syncLock.lock()
        defer { syncLock.unlock() }
        return try body()
    }

    /// Whether anything waits for a sync.
    var isEmpty: Bool { state.withLock { $0.waiting.isEmpty } }

    /// Records files just renamed into place and the marks their content satisfies. A day's
    /// newer mark replaces its older one: the files show the newer generation, and clearing the
    /// older one would do nothing (the ledger's mark is at least the newer).
    func add(paths: [String], marks: [DayMark]) {
        state.withLock { s in
            for path in paths where !s.waiting.paths.contains(path) { s.waiting.paths.append(path) }
            for mark in marks {
                s.waiting.marks.removeAll { $0.day == mark.day }
                s.waiting.marks.append(mark)
            }
        }
    }

    /// Whether `day`'s files were written at `generation` and wait for (or are in) a sync.
    func isWritten(day: String, generation: Int64) -> Bool {
        let mark = DayMark(day: day, generation: generation)
        return state.withLock { $0.waiting.marks.contains(mark) || $0.syncing.marks.contains(mark) }
    }

    /// Takes everything waiting, for one sync; it counts as written until ``finish()``.
    func take() -> Batch {
        state.withLock { s in
            let batch = s.waiting
            s.waiting = Batch()
            s.syncing.paths += batch.paths
            s.syncing.marks += batch.marks
            return batch
        }
    }

    /// The sync of the batch taken last ended. Either way its days no longer count as written: on
    /// success their marks are cleared; on failure they stay dirty and are written again.
    func finish() {
        state.withLock { $0.syncing = Batch() }
    }

    /// Forgets everything (a writer whose files may not be what it recorded).
    func removeAll() {
        state.withLock { $0 = State() }
    }
}
