import Synchronization
import Testing
@testable import DigestService

/// A clock moved by hand: the render policy's time input in these tests.
final class ManualClock: MonotonicClock {
    private let time = Mutex<Duration>(.seconds(100))
    var now: Duration { time.withLock { $0 } }
    func advance(by duration: Duration) { time.withLock { $0 += duration } }
}

/// The work loop's scheduling policy, driven step by step with a manual clock.
@Suite struct RenderPolicyTests {
    /// Runs one render that takes `cost` on the clock and ends with `ok`.
    static func render(_ policy: inout RenderPolicy, _ clock: ManualClock, cost: Duration, ok: Bool = true) -> [RenderPolicy.Action] {
        policy.renderStarted()
        clock.advance(by: cost)
        return policy.renderEnded(ok: ok)
    }

    @Test func firstArrivalIsWrittenAtOnceWithATrimScheduled() {
        let clock = ManualClock()
        var policy = RenderPolicy(clock: clock)
        #expect(policy.afterWork(backlog: 0) == [.schedule(.trim, after: RenderPolicy.idleTrimDelay), .render])
    }

    /// A trickle: an arrival that comes a quarter of the last write's cost or more after that
    /// write ended is written at once; one sooner than that is held back to the moment that
    /// quarter has passed, with one wake-up.
    @Test func trickleWritesEachArrivalOrHoldsItBackOnce() {
        let clock = ManualClock()
        var policy = RenderPolicy(clock: clock)
        _ = policy.afterWork(backlog: 0)
        #expect(Self.render(&policy, clock, cost: .milliseconds(40)).isEmpty)
        clock.advance(by: .milliseconds(50))
        #expect(policy.afterWork(backlog: 0) == [.render])
        #expect(Self.render(&policy, clock, cost: .milliseconds(40)).isEmpty)
        // 10 ms after a 40 ms write: written at once.
        clock.advance(by: .milliseconds(10))
        #expect(policy.afterWork(backlog: 0) == [.render])
        #expect(Self.render(&policy, clock, cost: .milliseconds(40)).isEmpty)
        // 4 ms after a 40 ms write: held back 6 ms, one wake-up only.
        clock.advance(by: .milliseconds(4))
        #expect(policy.afterWork(backlog: 0) == [.schedule(.flush, after: .milliseconds(6))])
        clock.advance(by: .milliseconds(3))
        #expect(policy.afterWork(backlog: 0) == [])
        clock.advance(by: .milliseconds(3))
        #expect(policy.fired(.flush, backlog: 0) == [.render])
    }

    /// Arrivals at 20/s on a large day whose writes cost about half the time between them, a
    /// little late now and then (a sleep's jitter): no arrival waits behind the write of the one
    /// before. With a wait of the whole cost, one late arrival was held back until the next
    /// came, which was then held back too, and so on: every arrival waited a write on top of
    /// its own (`bench/run day` at 10,000 articles, p50 59 ms for writes of 25 ms).
    @Test func aTrickleAtHalfTheWritesPaceIsNeverHeldBack() {
        let clock = ManualClock()
        var policy = RenderPolicy(clock: clock)
        var waited: [Duration] = []
        var next = clock.now
        for arrival in 0..<40 {
            // Arrivals 50 ms apart, every fifth 3 ms late; writes of 26 to 30 ms.
            let due = next + (arrival % 5 == 4 ? .milliseconds(3) : .zero)
            next += .milliseconds(50)
            if clock.now < due { clock.advance(by: due - clock.now) }
            var actions = policy.afterWork(backlog: 0).filter { if case .schedule(.trim, _) = $0 { false } else { true } }
            if case .schedule(.flush, let after)? = actions.first {
                clock.advance(by: after)
                actions = policy.fired(.flush, backlog: 0)
            }
            #expect(actions == [.render], "arrival \(arrival)")
            waited.append(clock.now - due)
            _ = Self.render(&policy, clock, cost: .milliseconds(26 + arrival % 5))
        }
        #expect(waited.allSatisfy { $0 == .zero }, "\(waited)")
    }

    /// A burst (a backlog of burstBacklog or more): at most one write per
    /// burstRenderCostFactor × cost (at least renderInterval), and no wake-up while work is waiting.
    @Test func burstSpacesWritesByAMultipleOfTheirCost() {
        let clock = ManualClock()
        var policy = RenderPolicy(clock: clock)
        let backlog = RenderPolicy.burstBacklog
        #expect(policy.afterWork(backlog: backlog).contains(.render))
        _ = Self.render(&policy, clock, cost: .milliseconds(200))
        var rendersAt: [Int] = []
        // 400 arrivals 10 ms apart: 4 s of work; a write costs 200 ms, so one every 8 × 200 ms.
        for arrival in 1...400 {
            clock.advance(by: .milliseconds(10))
            let actions = policy.afterWork(backlog: backlog)
            #expect(!actions.contains { if case .schedule(.flush, _) = $0 { true } else { false } })
            if actions.contains(.render) {
                rendersAt.append(arrival)
                _ = Self.render(&policy, clock, cost: .milliseconds(200))
            }
        }
        // 1.6 s after the previous write ended: at arrival 160, then 160 arrivals and the
        // write's 200 ms later (a trickle rule would have written after each of the 400).
        #expect(rendersAt == [160, 320])
        // The burst ends 800 ms after the last write: the trickle rule (a quarter of the cost) writes at once.
        clock.advance(by: .milliseconds(10))
        #expect(policy.afterWork(backlog: 0) == [.render])
    }

    /// The trickle after a burst: the burst's last write wrote its many entries, so its cost does
    /// not hold back the next single arrival; the cost of trickle writes does.
    @Test func aBurstsWriteCostDoesNotHoldBackTheTrickleAfterIt() {
        let clock = ManualClock()
        var policy = RenderPolicy(clock: clock)
        #expect(policy.afterWork(backlog: RenderPolicy.burstBacklog).contains(.render))
        _ = Self.render(&policy, clock, cost: .milliseconds(250))
        // 10 ms after the burst's 250 ms write, one arrival alone: written at once.
        clock.advance(by: .milliseconds(10))
        #expect(policy.afterWork(backlog: 0) == [.render])
        _ = Self.render(&policy, clock, cost: .milliseconds(40))
        // 4 ms after a 40 ms trickle write: held back 6 ms, as the trickle rule says.
        clock.advance(by: .milliseconds(4))
        #expect(policy.afterWork(backlog: 0) == [.schedule(.flush, after: .milliseconds(6))])
        clock.advance(by: .milliseconds(6))
        #expect(policy.fired(.flush, backlog: 0) == [.render])
    }

    /// The burst's tail: once the backlog falls below the burst threshold, the write that follows
    /// is decided by the trickle rule, yet it writes the burst's last entries; its cost does not
    /// hold back the next single arrival (`bench/run day`: 264 ms after a 10,000-article step).
    @Test func aBurstsTailWriteDoesNotHoldBackTheTrickleAfterIt() {
        let clock = ManualClock()
        var policy = RenderPolicy(clock: clock)
        #expect(policy.afterWork(backlog: RenderPolicy.burstBacklog).contains(.render))
        _ = Self.render(&policy, clock, cost: .milliseconds(100))
        clock.advance(by: .milliseconds(10))
        #expect(!policy.afterWork(backlog: RenderPolicy.burstBacklog).contains(.render))
        // The burst drains: the tail is written by the trickle rule, at a burst's cost.
        clock.advance(by: .seconds(1))
        #expect(policy.afterWork(backlog: 0) == [.render])
        _ = Self.render(&policy, clock, cost: .milliseconds(264))
        // 10 ms later, one arrival alone: written at once.
        clock.advance(by: .milliseconds(10))
        #expect(policy.afterWork(backlog: 0) == [.render])
        _ = Self.render(&policy, clock, cost: .milliseconds(24))
        // And the trickle's own cost holds back the next one as before.
        clock.advance(by: .milliseconds(2))
        #expect(policy.afterWork(backlog: 0) == [.schedule(.flush, after: .milliseconds(4))])
    }

    /// The burst's wait: 8 × the last write's cost within 1 s … 2 s, and never under 4 × the cost.
    @Test func burstGapIsAMultipleOfTheCostWithinBounds() {
        #expect(RenderPolicy.burstGap(lastCost: .zero) == RenderPolicy.renderInterval)
        #expect(RenderPolicy.burstGap(lastCost: .milliseconds(50)) == .seconds(1))
        #expect(RenderPolicy.burstGap(lastCost: .milliseconds(150)) == .milliseconds(1200))
        #expect(RenderPolicy.burstGap(lastCost: .milliseconds(250)) == .seconds(2))
        #expect(RenderPolicy.burstGap(lastCost: .milliseconds(400)) == RenderPolicy.burstMaxInterval)
        #expect(RenderPolicy.burstGap(lastCost: .milliseconds(600)) == .milliseconds(2400))
        #expect(RenderPolicy.burstGap(lastCost: .seconds(3)) == .seconds(12))
    }

    /// A long burst on a growing day (a write costs 25 µs per article of the day, 1,000 articles
    /// recorded per second of loop time, 10,000 in all): writing takes at most a ninth of the
    /// time while a write costs up to 250 ms, the reader sees progress at least every 2 s plus a
    /// write, and the day is written far fewer times than once per batch.
    @Test func aBurstOnAGrowingDayBoundsTheShareOfWriting() {
        let clock = ManualClock()
        var policy = RenderPolicy(clock: clock)
        var recorded = 0, writing = Duration.zero, writes = 0
        let start = clock.now
        var lastEnd = clock.now, longestWait = Duration.zero
        while recorded < 10_000 {
            // One batch of 16 articles recorded: 16 ms of loop time.
            clock.advance(by: .milliseconds(16))
            recorded += 16
            if policy.afterWork(backlog: 10_000 - recorded + 512).contains(.render) {
                longestWait = max(longestWait, clock.now - lastEnd)
                let cost = Duration.microseconds(25 * recorded)
                _ = Self.render(&policy, clock, cost: cost)
                writing += cost
                writes += 1
                lastEnd = clock.now
            }
        }
        let total = clock.now - start
        // Up to 250 ms a write (10,000 articles here), writing is at most 1 / 9 of the time.
        #expect(writing * 9 <= total + .milliseconds(50), "\(writing) of \(total)")
        #expect(longestWait <= RenderPolicy.burstMaxInterval + .milliseconds(16), "\(longestWait)")
        #expect(writes >= 5 && writes <= 12, "\(writes) writes")
        // The end of the burst is written at once: the trickle rule.
        clock.advance(by: .seconds(1))
        #expect(policy.afterWork(backlog: 0) == [.render])
    }

    /// Writes of up to 500 ms leave the reader progress every 2 s (plus the write); slower ones
    /// (a loaded machine, a huge day) wait 4 × their cost, so writing stays at most a fifth of
    /// the burst.
    @Test func slowWritesInABurstShowProgressEveryTwoSecondsUpToAFifthOfTheTime() {
        let clock = ManualClock()
        var policy = RenderPolicy(clock: clock)
        _ = policy.afterWork(backlog: 100)
        _ = Self.render(&policy, clock, cost: .milliseconds(400))
        clock.advance(by: .milliseconds(1990))
        #expect(!policy.afterWork(backlog: 100).contains(.render))
        clock.advance(by: .milliseconds(10))
        #expect(policy.afterWork(backlog: 100).contains(.render))
        _ = Self.render(&policy, clock, cost: .seconds(3))
        clock.advance(by: .milliseconds(11_990))
        #expect(!policy.afterWork(backlog: 100).contains(.render))
        clock.advance(by: .milliseconds(10))
        #expect(policy.afterWork(backlog: 100).contains(.render))
    }

    /// A write that fails during a burst: one retry is pending (1 s), further writes keep the
    /// burst's spacing, and the first that works resets the back-off.
    @Test func aFailedWriteDuringABurstRetriesOnceAndRecovers() {
        let clock = ManualClock()
        var policy = RenderPolicy(clock: clock)
        _ = policy.afterWork(backlog: 100)
        #expect(Self.render(&policy, clock, cost: .milliseconds(100), ok: false) == [.schedule(.flush, after: .seconds(1))])
        // Within the burst's wait: no write, and no second retry.
        clock.advance(by: .milliseconds(500))
        #expect(policy.afterWork(backlog: 100).filter { $0 != .schedule(.trim, after: RenderPolicy.idleTrimDelay) } == [])
        // The retry fires while the burst goes on: the burst's spacing decides (1 s passed: write).
        clock.advance(by: .milliseconds(500))
        #expect(policy.fired(.flush, backlog: 100) == [.render])
        #expect(Self.render(&policy, clock, cost: .milliseconds(100), ok: false) == [.schedule(.flush, after: .seconds(2))])
        clock.advance(by: .seconds(1))
        #expect(policy.afterWork(backlog: 100) == [.render])
        #expect(Self.render(&policy, clock, cost: .milliseconds(100), ok: true).isEmpty)
        #expect(!policy.failing)
        #expect(policy.retryDelay == RenderPolicy.firstRetry)
    }

    /// Cheap writes in a long burst: the burst is written at most once per renderInterval, not
    /// once per batch, and its end at once.
    @Test func aLongBurstOfCheapWritesIsWrittenOncePerInterval() {
        let clock = ManualClock()
        var policy = RenderPolicy(clock: clock)
        var renders = 0
        // 10 s of batches 5 ms apart, each write 10 ms.
        for _ in 0..<2000 {
            clock.advance(by: .milliseconds(5))
            if policy.afterWork(backlog: 1000).contains(.render) {
                renders += 1
                _ = Self.render(&policy, clock, cost: .milliseconds(10))
            }
        }
        let seconds = 10.0 + Double(renders) * 0.01
        #expect(renders >= 9 && Double(renders) <= seconds / 1.0 + 1, "\(renders) writes")
        clock.advance(by: .milliseconds(20))
        #expect(policy.afterWork(backlog: RenderPolicy.burstBacklog - 1) == [.render])
    }

    /// A cheap write in a burst still waits the minimum interval.
    @Test func burstWaitsAtLeastTheRenderInterval() {
        let clock = ManualClock()
        var policy = RenderPolicy(clock: clock)
        _ = policy.afterWork(backlog: 20)
        _ = Self.render(&policy, clock, cost: .milliseconds(1))
        clock.advance(by: RenderPolicy.renderInterval - .milliseconds(2))
        #expect(!policy.afterWork(backlog: 20).contains(.render))
        clock.advance(by: .milliseconds(2))
        #expect(policy.afterWork(backlog: 20).contains(.render))
    }

    /// Failed writes are retried after 1 s, 2 s, 4 s… up to the cap, one retry pending at a time.
    @Test func failureBacksOffExponentiallyWithOneRetryPending() {
        let clock = ManualClock()
        var policy = RenderPolicy(clock: clock)
        _ = policy.afterWork(backlog: 0)
        var waits: [Duration] = []
        for _ in 0..<7 {
            let actions = Self.render(&policy, clock, cost: .milliseconds(1), ok: false)
            guard case .schedule(.flush, let wait)? = actions.first, actions.count == 1 else {
                Issue.record("\(actions)")
                return
            }
            waits.append(wait)
            // An arrival while the retry waits writes again (the day is dirty) but does not
            // schedule a second retry.
            clock.advance(by: .milliseconds(50))
            #expect(policy.afterWork(backlog: 0) == [.render])
            #expect(Self.render(&policy, clock, cost: .milliseconds(1), ok: false) == [])
            clock.advance(by: wait)
            #expect(policy.fired(.flush, backlog: 0) == [.render])
        }
        #expect(waits == [1, 2, 4, 8, 16, 16, 16].map { Duration.seconds($0) })
        #expect(policy.failing)
    }

    /// A write that works again resets the back-off: the next failure waits 1 s.
    @Test func recoveryResetsTheBackOff() {
        let clock = ManualClock()
        var policy = RenderPolicy(clock: clock)
        _ = policy.afterWork(backlog: 0)
        for _ in 0..<3 {
            _ = Self.render(&policy, clock, cost: .milliseconds(1), ok: false)
            clock.advance(by: policy.retryDelay)
            _ = policy.fired(.flush, backlog: 0)
        }
        #expect(policy.retryDelay == .seconds(8))
        #expect(Self.render(&policy, clock, cost: .milliseconds(1), ok: true).isEmpty)
        #expect(!policy.failing)
        #expect(policy.retryDelay == RenderPolicy.firstRetry)
        clock.advance(by: .seconds(1))
        #expect(policy.afterWork(backlog: 0) == [.render])
        #expect(Self.render(&policy, clock, cost: .milliseconds(1), ok: false) == [.schedule(.flush, after: .seconds(1))])
    }

    /// Memory is given back only after a whole quiet spell, once per spell.
    @Test func idleTrimWaitsForAQuietSpell() {
        let clock = ManualClock()
        var policy = RenderPolicy(clock: clock)
        #expect(policy.afterWork(backlog: 0).first == .schedule(.trim, after: .seconds(2)))
        clock.advance(by: .milliseconds(1500))
        _ = policy.afterWork(backlog: 0) // more work 1.5 s later: no second trim timer
        clock.advance(by: .milliseconds(500))
        #expect(policy.fired(.trim, backlog: 0) == [.schedule(.trim, after: .milliseconds(1500))])
        clock.advance(by: .milliseconds(1500))
        #expect(policy.fired(.trim, backlog: 3) == [.schedule(.trim, after: RenderPolicy.trimRecheck)])
        // 2 s quiet: caches and heap are given back; the writer's memos wait for 30 s quiet.
        #expect(policy.fired(.trim, backlog: 0) == [.trim, .schedule(.trim, after: .seconds(28))])
        clock.advance(by: .seconds(28))
        #expect(policy.fired(.trim, backlog: 0) == [.releaseMemos, .trim])
        #expect(policy.afterWork(backlog: 0).first == .schedule(.trim, after: .seconds(2)))
    }

    /// Work within the 30 s puts the memo release off until a whole new quiet spell.
    @Test func memoReleaseWaitsForThirtyQuietSeconds() {
        let clock = ManualClock()
        var policy = RenderPolicy(clock: clock)
        _ = policy.afterWork(backlog: 0)
        clock.advance(by: .seconds(2))
        #expect(policy.fired(.trim, backlog: 0) == [.trim, .schedule(.trim, after: .seconds(28))])
        clock.advance(by: .seconds(20))
        _ = policy.afterWork(backlog: 0) // an arrival 22 s in: no second trim timer
        clock.advance(by: .seconds(8))
        #expect(policy.fired(.trim, backlog: 0) == [.trim, .schedule(.trim, after: .seconds(22))])
        clock.advance(by: .seconds(22))
        #expect(policy.fired(.trim, backlog: 0) == [.releaseMemos, .trim])
    }

    /// After stop: no render, no retry, no wake-up, whatever happens.
    @Test func stopCancelsEverySchedule() {
        let clock = ManualClock()
        var policy = RenderPolicy(clock: clock)
        _ = policy.afterWork(backlog: 0)
        _ = Self.render(&policy, clock, cost: .milliseconds(1), ok: false)
        policy.stop()
        clock.advance(by: .seconds(60))
        #expect(policy.afterWork(backlog: 0) == [])
        #expect(policy.fired(.flush, backlog: 0) == [])
        #expect(policy.fired(.trim, backlog: 0) == [])
        // The final write at stop may still run; its failure schedules no retry.
        #expect(Self.render(&policy, clock, cost: .milliseconds(1), ok: false) == [])
        #expect(policy.stopped)
    }
}

/// The service's wake-ups: cancelled at shutdown, none runs later.
@Suite struct ServiceTimersTests {
    @Test func cancelAllStopsPendingActionsAndRefusesNewOnes() async throws {
        let timers = ServiceTimers()
        let box = FiredBox()
        timers.schedule(after: .milliseconds(20)) { box.hit() }
        // Other tests may keep the cooperative pool busy: wait for the firing, up to 20 s.
        let deadline = ContinuousClock.now + .seconds(20)
        while box.count == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(box.count == 1)
        #expect(timers.pending == 0)
        timers.schedule(after: .milliseconds(300)) { box.hit() }
        timers.schedule(after: .seconds(1)) { box.hit() }
        #expect(timers.pending == 2)
        timers.cancelAll()
        #expect(timers.pending == 0)
        timers.schedule(after: .milliseconds(1)) { box.hit() }
        #expect(timers.pending == 0)
        try await Task.sleep(for: .milliseconds(1500))
        #expect(box.count == 1)
    }
}

/// A counter the timer actions bump.
final class FiredBox: Sendable {
    private let value = Mutex<Int>(0)
    func hit() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}
