import Synchronization

/// One unit of work for the service's work loop.
enum Work: Sendable, Equatable {
    /// Take the inbox entry `name`; `foundAtStartup` dates it by its modification time.
    case file(name: String, foundAtStartup: Bool)
    /// An entry's permissions may have changed: take it only if it was waiting for read permission.
    case recheck(name: String)
    /// List the inbox and take every entry not yet recorded (start-up, overflow, periodic rescan).
    case rescan(reason: String)
    /// The inbox folder vanished: wait for it and watch it again.
    case rewatch
    /// Re-read the configuration (SIGHUP).
    case reload
    /// Write the digest days still marked dirty (retry after a failed write).
    case flush
    /// Nothing arrived for a while: give freed heap memory back to the system.
    case trim
}

/// The work loop's queue: many producers (inotify, signals, timers), one consumer.
///
/// File items are deduplicated while they wait (a file closed twice before it is taken is taken
/// once); control items (reload, rescan, rewatch) go before files. ``close()`` makes ``next()``
/// return nil once the item in hand is done, leaving waiting files to the next start-up scan.
final class WorkQueue: Sendable {
    private struct State {
        var control: [Work] = []
        /// Keyed by the name's UTF-8 bytes: Swift's `String ==` equates canonically equivalent
        /// names (NFC `café` and NFD `café`), which are two different files on disk.
        var files: [[UInt8]: Bool] = [:]
        var order: [String] = []
        var head = 0
        var waiter: CheckedContinuation<Work?, Never>?
        var closed = false
    }

    private let state = Mutex(State())

    /// Adds `work`; ignored after ``close()``.
    func enqueue(_ work: Work) {
        let resume: (CheckedContinuation<Work?, Never>, Work)? = state.withLock { s in
            if s.closed { return nil }
            if let waiter = s.waiter {
                s.waiter = nil
                return (waiter, work)
            }
            switch work {
            case .file(let name, let startup):
                let key = Array(name.utf8)
                if let existing = s.files[key] {
                    s.files[key] = existing || startup
                } else {
                    s.files[key] = startup
                    s.order.append(name)
                }
            default:
                if !s.control.contains(work) { s.control.append(work) }
            }
            return nil
        }
        if let (waiter, work) = resume { waiter.resume(returning: work) }
    }

    /// Number of items waiting.
    var count: Int { state.withLock { $0.control.count + $0.order.count - $0.head } }

    /// The next item, waiting for one if needed; nil once closed.
    func next() async -> Work? {
        if let ready = state.withLock({ s in Self.pop(&s) }) { return ready }
        return await withCheckedContinuation { continuation in
            let immediate: Work?? = state.withLock { s in
                if s.closed { return .some(nil) }
                if let work = Self.pop(&s) { return .some(work) }
                s.waiter = continuation
                return .none
            }
            if let immediate { continuation.resume(returning: immediate) }
        }
    }

    private static func pop(_ s: inout State) -> Work? {
        if s.closed { return nil }
        if !s.control.isEmpty { return s.control.removeFirst() }
        guard s.head < s.order.count else { return nil }
        let name = s.order[s.head]
        s.head += 1
        if s.head > 1024, s.head * 2 > s.order.count {
            s.order.removeFirst(s.head)
            s.head = 0
        }
        let startup = s.files.removeValue(forKey: Array(name.utf8)) ?? false
        return .file(name: name, foundAtStartup: startup)
    }

    /// Stops the queue: the consumer's ``next()`` returns nil.
    func close() {
        let waiter = state.withLock { s -> CheckedContinuation<Work?, Never>? in
            s.closed = true
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume(returning: nil)
    }
}
