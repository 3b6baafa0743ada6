import Foundation
import Synchronization

/// The parallel part of the work loop: maps a batch of items through a pure function on up to
/// `workers` threads at once, and returns the results in the batch's order.
///
/// The calling thread (the work loop) takes part only when it waits for a batch
/// (``Pending/finish()``); the others are the prepare stage's own helper threads
/// (``PrepareWorkers``), not Swift's cooperative pool nor Dispatch's, so the service's timers,
/// signals and watchdog never wait for a summary, and a busy Dispatch pool cannot leave the
/// batch to one thread. Items are handed out one at a time from a shared counter, so a long
/// article does not hold back the rest of its share. Several batches may be started before the
/// first is finished: the helpers take them in the order they were started.
enum PrepareStage {
    /// Worker count for a configuration: `prepare_workers`, or the number of active cores
    /// (`ProcessInfo.activeProcessorCount`) when it is 0.
    static func workers(_ configuration: Configuration) -> Int {
        configuration.prepareWorkers > 0 ? configuration.prepareWorkers : max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// `items.map(body)`, evaluated on up to `workers` threads.
    /// - Parameters:
    ///   - items: the batch, in arrival order.
    ///   - workers: threads at most, the calling thread included (1 runs everything on it).
    ///   - body: a pure function (no ledger, no logging): it may run on any thread, in any order.
    /// - Returns: `body` of each item, in the order of `items`.
    static func map<T: Sendable, R: Sendable>(_ items: [T], workers: Int, _ body: @escaping @Sendable (T) -> R) -> [R] {
        start(items, workers: workers, body).finish()
    }

    /// Starts `items.map(body)` on up to `workers` - 1 helper threads and returns at once;
    /// ``Pending/finish()`` (on the calling thread, which then takes part) gives the results.
    /// With one worker nothing starts before ``Pending/finish()``. A batch started while others
    /// are still in hand is taken by the helpers after them.
    static func start<T: Sendable, R: Sendable>(_ items: [T], workers: Int, _ body: @escaping @Sendable (T) -> R) -> Pending<T, R> {
        let threads = min(workers, items.count)
        let batch = Batch<T, R>(items)
        guard threads > 1 else { return Pending(batch: batch, body: body, job: nil) }
        // Shared by reference with the helpers, which are done with it when `finish` returns.
        let job = PrepareWorkers.shared.submit(helpers: threads - 1) { batch.drain(body) }
        return Pending(batch: batch, body: body, job: job)
    }

    /// A batch handed to the helper threads, not yet finished.
    final class Pending<T: Sendable, R: Sendable> {
        private let batch: Batch<T, R>
        private let body: @Sendable (T) -> R
        private let job: PrepareWorkers.Job?

        fileprivate init(batch: Batch<T, R>, body: @escaping @Sendable (T) -> R, job: PrepareWorkers.Job?) {
            self.batch = batch
            self.body = body
            self.job = job
        }

        /// Items in the batch.
        var count: Int { batch.items.count }

        /// Whether every item is prepared, so ``finish()`` returns without preparing or waiting.
        var isComplete: Bool { batch.isComplete }

        /// Prepares what the helpers have not taken on the calling thread, waits for the
        /// helpers, and returns the results in the order of the items.
        func finish() -> [R] {
            batch.drain(body)
            if let job { PrepareWorkers.shared.retire(job) }
            return batch.waitForResults()
        }
    }
}

/// A batch in the prepare stage: its items, handed out one at a time, and their results.
fileprivate final class Batch<T: Sendable, R: Sendable>: @unchecked Sendable {
    // @unchecked: `results` and `done` are read and written with `condition` locked.
    let items: [T]
    private let condition = NSCondition()
    private var results: [R?]
    private var done = 0
    private let nextIndex = Atomic<Int>(0)

    init(_ items: [T]) {
        self.items = items
        results = Array(repeating: nil, count: items.count)
    }

    /// Whether every item's result is in.
    var isComplete: Bool {
        condition.lock()
        defer { condition.unlock() }
        return done == items.count
    }

    /// Maps the items not yet taken through `body`, one at a time, until every item was taken.
    func drain(_ body: (T) -> R) {
        while true {
            let i = nextIndex.wrappingAdd(1, ordering: .relaxed).oldValue
            guard i < items.count else { return }
            let result = body(items[i])
            condition.lock()
            results[i] = result
            done += 1
            if done == items.count { condition.broadcast() }
            condition.unlock()
        }
    }

    /// Waits until every item's result is in (every item must have been taken), and returns them
    /// in the order of the items.
    func waitForResults() -> [R] {
        condition.lock()
        defer { condition.unlock() }
        while done < items.count { condition.wait() }
        return results.compactMap { $0 }
    }
}
