import Dispatch
import Foundation
import Synchronization

/// The parallel part of the work loop: maps a batch of items through a pure function on up to
/// `workers` threads at once, and returns the results in the batch's order.
///
/// The calling thread (the work loop) takes part; the others are Dispatch's worker threads
/// (`DispatchQueue.concurrentPerform`), not Swift's cooperative pool, so the service's timers,
/// signals and watchdog never wait for a summary. Items are handed out one at a time from a
/// shared counter, so a long article does not hold back the rest of its share.
enum PrepareStage {
    /// Worker count for a configuration: `prepare_workers`, or the number of active cores
    /// (`ProcessInfo.activeProcessorCount`) when it is 0.
    static func workers(_ configuration: Configuration) -> Int {
        configuration.prepareWorkers > 0 ? configuration.prepareWorkers : max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// `items.map(body)`, evaluated on up to `workers` threads.
    /// - Parameters:
    ///   - items: the batch, in arrival order.
    ///   - workers: threads at most (1 runs everything on the calling thread).
    ///   - body: a pure function (no ledger, no logging): it may run on any thread, in any order.
    /// - Returns: `body` of each item, in the order of `items`.
    static func map<T: Sendable, R: Sendable>(_ items: [T], workers: Int, _ body: @Sendable (T) -> R) -> [R] {
        let threads = min(workers, items.count)
        guard threads > 1 else { return items.map(body) }
        let results = Mutex<[R?]>(Array(repeating: nil, count: items.count))
        let nextIndex = Atomic<Int>(0)
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                while true {
                    let i = nextIndex.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard i < items.count else { return }
                    let result = body(items[i])
                    results.withLock { $0[i] = result }
                }
            }
        }
        return results.withLock { $0.compactMap { $0 } }
    }
}
