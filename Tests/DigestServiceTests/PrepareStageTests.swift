import Foundation
import Synchronization
import Testing
@testable import DigestService

/// The prepare stage's threads (issue 15, burst): results in the batch's order, a batch in
/// flight that the helpers prepare while the caller does something else, and batch sizes.
@Suite struct PrepareStageTests {
    @Test func mapKeepsTheOrderOfTheItems() {
        let items = Array(0..<500)
        #expect(PrepareStage.map(items, workers: 2) { $0 * 3 } == items.map { $0 * 3 })
        #expect(PrepareStage.map(items, workers: 1) { $0 * 3 } == items.map { $0 * 3 })
        #expect(PrepareStage.map([Int](), workers: 2) { $0 } == [])
    }

    /// A started batch is prepared by the helper thread while the caller does not take part:
    /// the work loop writes the digest meanwhile.
    @Test func aBatchInFlightProgressesWithoutTheCaller() {
        let done = Atomic<Int>(0)
        let threads = Mutex<Set<UInt>>([])
        let caller = UInt(pthread_self())
        let pending = PrepareStage.start(Array(0..<20), workers: 2) { item -> Int in
            threads.withLock { _ = $0.insert(UInt(pthread_self())) }
            done.wrappingAdd(1, ordering: .relaxed)
            return item + 1
        }
        // The caller is busy elsewhere; the helper takes the whole batch.
        let deadline = Date().addingTimeInterval(30)
        while done.load(ordering: .relaxed) < 20, Date() < deadline { usleep(1000) }
        #expect(done.load(ordering: .relaxed) == 20)
        #expect(!threads.withLock { $0 }.contains(caller))
        #expect(pending.finish() == Array(1...20))
    }

    /// Several batches in hand: the helpers prepare them while the caller does something else,
    /// each batch's items in order (one seat each on two workers), and each gives its own results.
    @Test func batchesInHandAreTakenInOrderWithoutTheCaller() {
        let order = Mutex<[Int]>([])
        let caller = UInt(pthread_self())
        let onCaller = Atomic<Int>(0)
        let batches = (0..<4).map { b in
            PrepareStage.start(Array((b * 10)..<(b * 10 + 10)), workers: 2) { item -> Int in
                if UInt(pthread_self()) == caller { onCaller.wrappingAdd(1, ordering: .relaxed) }
                order.withLock { $0.append(item) }
                return item * 2
            }
        }
        let deadline = Date().addingTimeInterval(30)
        while !batches.allSatisfy(\.isComplete), Date() < deadline { usleep(1000) }
        let allComplete = batches.allSatisfy(\.isComplete)
        #expect(allComplete)
        #expect(onCaller.load(ordering: .relaxed) == 0)
        // One seat per batch (two workers): each batch's items in their order. (Other tests
        // may have started more helpers, which take later batches side by side.)
        let taken = order.withLock { $0 }
        #expect(taken.sorted() == Array(0..<40))
        for b in 0..<4 {
            let mine = taken.filter { $0 / 10 == b }
            #expect(mine == mine.sorted())
        }
        for (b, batch) in batches.enumerated() {
            #expect(batch.finish() == Array((b * 10)..<(b * 10 + 10)).map { $0 * 2 })
        }
    }

    /// A batch the caller waits for before the helper took it: the caller prepares it.
    @Test func theCallerPreparesWhatTheHelpersHaveNotTaken() {
        let gate = Atomic<Bool>(false)
        // The helper is held on the first batch; the second is left to the caller.
        let first = PrepareStage.start([0, 1], workers: 2) { item -> Int in
            while !gate.load(ordering: .relaxed) { usleep(100) }
            return item
        }
        let second = PrepareStage.start(Array(0..<50), workers: 2) { $0 + 1 }
        #expect(second.finish() == Array(1...50))
        gate.store(true, ordering: .relaxed)
        #expect(first.finish() == [0, 1])
    }

    /// Batches of 16 × workers: one transaction admits them and one records them.
    @Test func batchLimitIsSixteenPerWorker() {
        #expect(DigestdService.batchLimit(workers: 2) == 32)
        #expect(DigestdService.batchLimit(workers: 1) == 16)
        #expect(DigestdService.batchLimit(workers: 1_000) == DigestdService.batchCap)
    }
}
