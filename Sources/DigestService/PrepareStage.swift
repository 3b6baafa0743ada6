import Foundation
import Synchronization

/// The parallel part of the work loop: maps a batch of items through a pure function on up to
/// `workers` threads at once, and returns the results in the batch's order.
///
/// The calling thread (the work loop) takes part; the others are the prepare stage's own helper
/// threads (``PrepareWorkers``), not Swift's cooperative pool nor Dispatch's, so the service's
/// timers, signals and watchdog never wait for a summary, and a busy Dispatch pool cannot leave
/// the batch to one thread. Items are handed out one at a time from a shared counter, so a long
/// article does not hold back the rest of its share.
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
        let threads = min(workers, items.count)
        guard threads > 1 else { return items.map(body) }
        // Shared by reference with the helpers, which are done with it when `run` returns.
        let batch = Batch<T, R>(items)
        PrepareWorkers.shared.run(helpers: threads - 1) {
            while let (i, item) = batch.take() {
                let result = body(item)
                batch.results.withLock { $0[i] = result }
            }
        }
        return batch.results.withLock { $0.compactMap { $0 } }
    }
}

/// A batch in the prepare stage: its items, handed out one at a time, and their results.
private final class Batch<T: Sendable, R: Sendable>: Sendable {
    let items: [T]
    let results: Mutex<[R?]>
    private let nextIndex = Atomic<Int>(0)

    init(_ items: [T]) {
        self.items = items
        results = Mutex(Array(repeating: nil, count: items.count))
    }

    /// The next item not yet taken, with its index; nil when every item was taken.
    func take() -> (Int, T)? {
        let i = nextIndex.wrappingAdd(1, ordering: .relaxed).oldValue
        return i < items.count ? (i, items[i]) : nil
    }
}
