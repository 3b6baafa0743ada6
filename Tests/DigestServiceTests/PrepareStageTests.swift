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

    /// Batches of 4 × workers, and up to what the helpers prepare during one write of a big day.
    @Test func batchLimitFollowsTheWriteCost() {
        #expect(DigestdService.batchLimit(workers: 2, renderCost: .zero) == 8)
        #expect(DigestdService.batchLimit(workers: 2, renderCost: .milliseconds(100)) == 100)
        #expect(DigestdService.batchLimit(workers: 3, renderCost: .milliseconds(100)) == 200)
        #expect(DigestdService.batchLimit(workers: 2, renderCost: .seconds(2)) == DigestdService.batchCap)
        #expect(DigestdService.batchLimit(workers: 1, renderCost: .seconds(2)) == 4)
    }
}
