import Dispatch
import Synchronization

/// The service's delayed actions (a held-back render, a retry with back-off, the idle trim, a
/// rewatch or settle rescan), each a one-shot Dispatch timer that puts work on the queue when it
/// fires.
///
/// The timers run on a serial Dispatch queue of their own, not on Swift's cooperative pool, so
/// they fire on time whatever else the process does. Every pending action is tracked, so shutdown
/// cancels them all at once (``cancelAll()``): none outlives the service, and none can be
/// scheduled after it.
final class ServiceTimers: Sendable {
    private struct State {
        var nextID: UInt64 = 0
        var timers: [UInt64: any DispatchSourceTimer] = [:]
        var closed = false
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "digestd.timers")

    /// Runs `action` once after `delay`, on the timers' queue: the action must not block
    /// (enqueueing work is all it should do). Ignored after ``cancelAll()``.
    func schedule(after delay: Duration, _ action: @escaping @Sendable () -> Void) {
        let (seconds, attoseconds) = max(delay, .zero).components
        let nanoseconds = Int(clamping: seconds.multipliedReportingOverflow(by: 1_000_000_000).partialValue + attoseconds / 1_000_000_000)
        state.withLock { s in
            guard !s.closed else { return }
            let id = s.nextID
            s.nextID &+= 1
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.schedule(deadline: .now() + .nanoseconds(nanoseconds))
            timer.setEventHandler { [self] in
                // Removed under the lock: an action cancelled meanwhile finds nothing and stays quiet.
                let fired = state.withLock { s in s.closed ? nil : s.timers.removeValue(forKey: id) }
                guard let fired else { return }
                fired.cancel()
                action()
            }
            s.timers[id] = timer
            timer.resume()
        }
    }

    /// Number of actions waiting to run.
    var pending: Int { state.withLock { $0.timers.count } }

    /// Cancels every waiting action and refuses new ones.
    func cancelAll() {
        let timers = state.withLock { s -> [any DispatchSourceTimer] in
            s.closed = true
            defer { s.timers = [:] }
            return Array(s.timers.values)
        }
        for timer in timers { timer.cancel() }
    }
}
