import Foundation

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
    /// Write the digest days still marked dirty (a held-back render, or a retry after a failed write).
    case flush
    /// Nothing arrived for a while: give freed heap memory back to the system.
    case trim
}

/// The work loop's queue: many producers (inotify, signals, timers), one consumer thread.
///
/// File items are deduplicated while they wait (a file closed twice before it is taken is taken
/// once); control items (reload, rescan, rewatch) go before files. ``close()`` makes ``next()``
/// return nil once the item in hand is done, leaving waiting files to the next start-up scan.
///
/// The consumer blocks in ``next()`` on a condition variable: it runs on the work loop's own
/// thread (``WorkLoopThread``), never on Swift's cooperative pool. Producers never block on the
/// consumer (they hold the lock only to append).
final class WorkQueue: @unchecked Sendable {
    // @unchecked: every access to `state` is made with `condition` locked.
    private struct State {
        var control: [Work] = []
        /// Keyed by the name's UTF-8 bytes: Swift's `String ==` equates canonically equivalent
        /// names (NFC `café` and NFD `café`), which are two different files on disk.
        var files: [[UInt8]: Bool] = [:]
        var order: [String] = []
        var head = 0
        var closed = false
    }

    private let condition = NSCondition()
    private var state = State()

    private func locked<T>(_ body: (inout State) -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body(&state)
    }

    /// Adds `work`; ignored after ``close()``.
    func enqueue(_ work: Work) {
        locked { s in
            if s.closed { return }
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
            condition.signal()
        }
    }

    /// Number of items waiting.
    var count: Int { locked { $0.control.count + $0.order.count - $0.head } }

    /// Number of waiting items that bring articles (files, re-checks, rescans): the backlog the
    /// render policy goes by. Timers (flush, trim), reload and rewatch are not counted: a trim
    /// waiting behind the last file of a burst made that file look like the middle of one, so
    /// its held-back write was never scheduled (`bench/run` saw 7 to 71 articles left out).
    var arrivals: Int {
        locked { s in
            s.order.count - s.head + s.control.reduce(0) { n, work in
                switch work {
                case .recheck, .rescan: n + 1
                default: n
                }
            }
        }
    }

    /// The next item, blocking the calling thread until there is one; nil once closed.
    func next() -> Work? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if state.closed { return nil }
            if let work = Self.pop(&state) { return work }
            condition.wait()
        }
    }

    /// The next item if it is a file and one is waiting now (no control item before it); never
    /// blocks. The work loop uses it to gather a batch for the parallel prepare stage.
    func nextFileIfReady() -> (name: String, foundAtStartup: Bool)? {
        locked { s in
            guard !s.closed, s.control.isEmpty, case .file(let name, let startup)? = Self.pop(&s) else { return nil }
            return (name, startup)
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
        locked { s in
            s.closed = true
            condition.broadcast()
        }
    }
}
