import Dispatch

/// Holds each "writer is done" signal back for a short quiet period, so that a file closed and
/// at once re-opened for more writing is read once, after its last close.
///
/// Writers that close several times (F03: the headline, then the body appended), that create an
/// empty file and then fill it through a new descriptor, or that make a symlink just before its
/// target (F24) all look finished for a moment. A close (`IN_CLOSE_WRITE`, `IN_MOVED_TO`, or
/// `IN_CREATE` of a non-regular entry) is reported after ``quietPeriod`` unless, in the meantime,
/// the entry is written again (`IN_MODIFY`: the writer's next close re-arms it) or closed again
/// (the period restarts). F03's expectation suggests 300–1000 ms; F06 wants a renamed-in file
/// taken within 2 s.
///
/// Memory: one entry per name with a close in its quiet period, dropped when it fires.
// @unchecked Sendable: `pending` and `ticket` are read and written only on `queue`, a serial
// queue: `closed`/`cancel` are called from the inotify source's event handler, which runs on
// `queue`, and the timers are scheduled on `queue` too. Nothing else touches them.
final class CloseDebouncer: @unchecked Sendable {
    /// How long an entry must stay untouched after its close, before it is reported.
    let quietPeriod: Duration
    private let queue: DispatchQueue
    private let report: @Sendable (String) -> Void
    /// By the name's UTF-8 bytes: `String` equality would merge two names that differ only
    /// in Unicode normalization (`café` composed and decomposed), which are two files.
    private var pending: [[UInt8]: UInt64] = [:]
    private var ticket: UInt64 = 0
    /// Reads the inotify events already queued in the kernel; set once before events flow.
    /// A timer may run before the read source's handler when the queue was starved, so it
    /// reads what is pending first: a write after the close then cancels the report.
    var drainFirst: (() -> Void)?

    /// - Parameters:
    ///   - quietPeriod: the wait after a close.
    ///   - queue: the serial queue every call comes from; timers fire on it.
    ///   - report: called on `queue` with the entry name once its quiet period passed.
    init(quietPeriod: Duration, queue: DispatchQueue, report: @escaping @Sendable (String) -> Void) {
        self.quietPeriod = quietPeriod
        self.queue = queue
        self.report = report
    }

    /// The entry was closed after writing (or created, for a non-regular entry): report it after
    /// the quiet period unless something supersedes it. Call on `queue`.
    /// - Parameter period: the wait for this close; ``quietPeriod`` when nil.
    func closed(_ name: String, after period: Duration? = nil) {
        ticket &+= 1
        let mine = ticket
        let key = Array(name.utf8)
        pending[key] = mine
        let (seconds, attoseconds) = (period ?? quietPeriod).components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        queue.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { [self] in
            guard pending[key] == mine else { return }
            drainFirst?()
            guard pending[key] == mine else { return }
            pending[key] = nil
            report(name)
        }
    }

    /// The entry was written again after its close: forget the close. Call on `queue`.
    func cancel(_ name: String) {
        pending[Array(name.utf8)] = nil
    }
}
