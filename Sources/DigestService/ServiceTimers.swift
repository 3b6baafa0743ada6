import Synchronization

/// The service's delayed actions (a held-back render, a retry with back-off, the idle trim, a
/// rewatch or settle rescan), each a sleeping `Task` that puts work on the queue when it wakes.
///
/// Every pending action is tracked, so shutdown cancels them all at once (``cancelAll()``):
/// none outlives the service, and none can be scheduled after it.
final class ServiceTimers: Sendable {
    private struct State {
        var nextID: UInt64 = 0
        var tasks: [UInt64: Task<Void, Never>] = [:]
        var closed = false
    }

    private let state = Mutex(State())

    /// Runs `action` once after `delay` (on Swift's cooperative pool: the action must not block;
    /// enqueueing work is all it should do). Ignored after ``cancelAll()``.
    func schedule(after delay: Duration, _ action: @escaping @Sendable () -> Void) {
        state.withLock { s in
            guard !s.closed else { return }
            let id = s.nextID
            s.nextID &+= 1
            // Created under the lock, so the task's own removal below always finds it.
            s.tasks[id] = Task { [self] in
                do { try await Task.sleep(for: delay) } catch { return }
                let due = state.withLock { s in !s.closed && s.tasks.removeValue(forKey: id) != nil }
                if due { action() }
            }
        }
    }

    /// Number of actions waiting to run.
    var pending: Int { state.withLock { $0.tasks.count } }

    /// Cancels every waiting action and refuses new ones.
    func cancelAll() {
        let tasks = state.withLock { s -> [Task<Void, Never>] in
            s.closed = true
            defer { s.tasks = [:] }
            return Array(s.tasks.values)
        }
        for task in tasks { task.cancel() }
    }
}
