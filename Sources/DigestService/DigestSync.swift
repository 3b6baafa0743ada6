import Digest
import Dispatch
import Foundation
import Journal
import Logging
import Synchronization

/// The deferred durability step of the digest: the work loop renames each write's files into
/// place without `fsync` (``DigestWriter/writeDirtyDays(deferringSync:)``), and this makes them
/// durable within ``delay`` of the first such write, off the loop: one
/// ``DigestWriter/syncPending()`` (`fdatasync` of every file written since the last sync, one
/// folder `fsync`, then the days' dirty marks cleared) on a Dispatch queue of its own.
///
/// The loop never waits for a disk flush, so an arrival costs its rendering and its `write(2)`s;
/// a burst of writes shares one sync. A crash before the sync leaves the days marked, and the
/// start-up writes every marked day again (`docs/architecture.md`, durability rules 3 and 4).
/// A failed sync leaves the days marked and asks the loop for a write (`onFailure`), which writes
/// them again rather than syncing pages the kernel may have dropped.
final class DigestSync: Sendable {
    /// Longest time a written digest file waits for its sync.
    static let delay: Duration = .seconds(1)

    private struct State {
        var scheduled = false
        /// The writer of the latest deferred write (a reload may replace the writer; the new one
        /// rewrites every day at a new generation, so the old one's marks are moot).
        var writer: DigestWriter?
        /// The cause of the failing sync last reported, so that a failure that repeats is logged once.
        var failure: String?
        /// After ``close()``: nothing more is scheduled or synced here.
        var closed = false
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "digestd.sync")
    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// After a deferred write by `writer`: a sync within ``delay``, unless one is scheduled.
    /// - Parameters:
    ///   - timers: the service's timers (cancelled at shutdown, when the loop syncs itself).
    ///   - onFailure: called on the sync's queue after a failed sync (the days stay marked).
    func schedule(_ writer: DigestWriter, timers: ServiceTimers, onFailure: @escaping @Sendable () -> Void) {
        let first = state.withLock { s -> Bool in
            guard !s.closed else { return false }
            s.writer = writer
            defer { s.scheduled = true }
            return !s.scheduled
        }
        guard first else { return }
        let queue = self.queue
        timers.schedule(after: Self.delay) { [self] in
            queue.async { [self] in
                // Unscheduled before syncing: a write during this sync schedules the next one.
                let writer = state.withLock { s -> DigestWriter? in
                    s.scheduled = false
                    return s.closed ? nil : s.writer
                }
                guard let writer else { return }
                let ok = sync(writer)
                // Not holding the writer (and its ledger) while nothing waits.
                state.withLock { s in if !s.scheduled { s.writer = nil } }
                if !ok { onFailure() }
            }
        }
    }

    /// Stops scheduling, waits for a sync in progress, and lets go of the writer (and its ledger,
    /// which closes when the service drops it). The loop calls it at shutdown after its own
    /// last, synced write.
    func close() {
        state.withLock { $0.closed = true }
        queue.sync {}
        state.withLock { $0.writer = nil }
    }

    /// Syncs `writer`'s pending files now and logs a failure (once per cause) or the recovery.
    /// - Returns: whether it worked.
    @discardableResult
    func sync(_ writer: DigestWriter) -> Bool {
        do {
            try writer.syncPending()
            if let failure = state.withLock({ s -> String? in defer { s.failure = nil }; return s.failure }) {
                logger.notice("digest files are made durable again after an earlier failure (\(failure)); recovered", metadata: [
                    JournalField.reason: "sync_recovered"])
            }
            return true
        } catch {
            let cause = (error as? AtomicWriteError).map { "\($0.path) \($0.errno)" } ?? "\(error)"
            let repeated = state.withLock { s -> Bool in defer { s.failure = cause }; return s.failure == cause }
            var metadata: Logger.Metadata = [JournalField.messageID: MessageID.digestWriteFailed.metadataValue]
            if let e = error as? AtomicWriteError {
                metadata[JournalField.digest] = "\(e.path)"
                metadata[JournalField.errno] = "\(e.errno)"
            }
            if repeated {
                logger.debug("syncing the digest files still failing: \(error)")
            } else {
                logger.error("cannot make the digest files durable: \(error); the days stay marked and are written again", metadata: metadata)
            }
            return false
        }
    }
}
