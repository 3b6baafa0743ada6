/// A monotonic clock as the render policy reads it: time since an arbitrary origin.
///
/// The service passes ``SystemMonotonicClock``; tests pass a clock they advance by hand, which
/// is the policy's input, not a stand-in for anything that runs.
protocol MonotonicClock: Sendable {
    /// Time elapsed since the clock's origin.
    var now: Duration { get }
}

/// `ContinuousClock` (CLOCK_MONOTONIC, counting suspended time on Linux), from its creation.
struct SystemMonotonicClock: MonotonicClock {
    private let origin = ContinuousClock.now
    var now: Duration { ContinuousClock.now - origin }
}

/// When the work loop writes the digest, when it tries a failed write again, and when it gives
/// memory back: the whole scheduling policy of the loop, as one value with an injected clock.
///
/// The loop tells it what happened (``afterWork(backlog:)``, ``renderStarted()``,
/// ``renderEnded(ok:)``, ``fired(_:backlog:)``, ``stop()``) and does the ``Action``s it returns:
/// render now, schedule a wake-up, trim. The policy itself does no I/O and reads no other clock,
/// so the same inputs give the same decisions.
///
/// - **Trickle** (fewer than ``burstBacklog`` entries waiting): a write follows each arrival,
///   unless the previous write ended less than the cost of the last write made in a trickle,
///   divided by ``trickleRenderCostDivisor``, ago; then a single held-back write is scheduled for
///   that time (when nothing else is waiting). Writing then takes at most four fifths of the
///   loop's time in a trickle. A wait of the whole cost cascaded once writes cost about half the
///   time between arrivals: each held-back write ended just before the next arrival, which was
///   held back in turn, so every arrival waited a write's cost on top of its own write
///   (`bench/run day`, 10,000 articles at 20/s: p50 59 ms for writes of 25 ms). The cost of a burst's writes does not count here, nor that of the
///   first write after a burst (its tail, written once the backlog fell below ``burstBacklog``):
///   they wrote the burst's many new entries, while the next trickle write costs one entry
///   (`bench/run day` saw the first arrival after a 3,000-article step held back 250 ms by the
///   step's last write, and after a 10,000-article step 264 ms by its tail).
/// - **Burst** (a backlog of ``burstBacklog`` or more, counting the articles in hand): during a
///   burst only the total time counts, so the next write waits ``burstRenderCostFactor`` × the
///   last write's cost, at least ``renderInterval`` and at most ``burstMaxInterval``, but never
///   less than ``burstCostFactorFloor`` × that cost (``burstGap(lastCost:)``). A growing day is
///   not rewritten quadratically; writing takes at most 1 / (``burstRenderCostFactor`` + 1) of
///   the loop's time while a write costs up to ``burstMaxInterval`` / ``burstRenderCostFactor``
///   (250 ms), and at most 1 / (``burstCostFactorFloor`` + 1) whatever it costs (a loaded
///   machine, a huge day); a reader sees the burst's progress at least every
///   ``burstMaxInterval`` (plus one write) while a write costs up to 500 ms. A burst of T seconds
///   is written at most T / ``renderInterval`` times before its end. Its last articles are
///   written as soon as the backlog falls below ``burstBacklog`` (the trickle rule).
/// - **Failure**: a failed write is retried after 1 s, then twice the previous wait, up to
///   ``retryCap``; one retry is pending at a time. **Recovery**: a write that works resets the
///   wait to 1 s.
/// - **Idle trim**: ``idleTrimDelay`` after the last work, once per quiet spell; and
///   ``memoReleaseDelay`` after it, the trim again with the digest writer's memos dropped.
/// - **Stop**: after ``stop()`` nothing more is scheduled or rendered by the policy (the loop
///   cancels the pending wake-ups and writes what is still dirty once).
struct RenderPolicy {
    /// A wake-up the policy asks for.
    enum Timer: Sendable, Equatable {
        /// Write what is dirty: a held-back render or a retry after a failed write.
        case flush
        /// Check whether the service has been quiet long enough to give memory back.
        case trim
    }

    /// What the loop does next.
    enum Action: Sendable, Equatable {
        /// Write the dirty days now, between ``renderStarted()`` and ``renderEnded(ok:)``.
        case render
        /// Put `timer`'s work on the queue after `after`.
        case schedule(Timer, after: Duration)
        /// Give memory back now (SQLite caches, freed heap, code pages).
        case trim
        /// Drop the digest writer's memos (``DigestWriter/releaseMemory()``): they grow with the
        /// day, and the next write renders its day from scratch once (same bytes).
        case releaseMemos
    }

    /// Minimum time between two renders during a burst. Each write rewrites files as large as
    /// the day (with the packaged formats, writes were still a quarter of a 10,000-article
    /// burst's CPU time at this interval, `perf` during `bench/run burst`); at 1 s the digest
    /// still shows a burst's progress every second.
    static let renderInterval: Duration = .seconds(1)
    /// Longest wait between two renders during a burst while writes are cheap enough
    /// (``burstCostFactorFloor`` × the cost wins beyond): a reader sees the burst's progress at
    /// least this often (plus one write's time).
    static let burstMaxInterval: Duration = .seconds(2)
    /// During a burst a render always waits at least this many times the previous render's cost,
    /// so writing is at most a fifth of the loop's time even when a write costs seconds (a
    /// loaded machine: `bench/run burst` under a load average of 8 measured 2.5–5.5 s per write
    /// of a day of 2,000–10,000 articles, which a fixed 2 s cap turned into 70 % of the burst).
    static let burstCostFactorFloor = 4
    /// Articles waiting or in hand from which arrivals count as a burst.
    static let burstBacklog = 8
    /// During a burst a render waits this many times the previous render's cost (within
    /// ``renderInterval`` … ``burstMaxInterval``): writing is then at most a ninth of the loop's
    /// time.
    static let burstRenderCostFactor = 8
    /// Outside bursts a render waits at most the previous trickle render's cost divided by this.
    static let trickleRenderCostDivisor = 4
    /// Quiet time after which memory is given back.
    static let idleTrimDelay: Duration = .seconds(2)
    /// Quiet time after which the digest writer's memos are dropped too (about 13 KB per article:
    /// an idle service held 64 MB RSS 3 s after a 3,000-article day, 24 MB once they were
    /// dropped; `bench/run idle`). Longer than ``idleTrimDelay`` so that a steady trickle keeps
    /// its cheap writes.
    static let memoReleaseDelay: Duration = .seconds(30)
    /// Shortest wait before checking the quiet spell again.
    static let trimRecheck: Duration = .milliseconds(100)
    /// First wait after a failed write.
    static let firstRetry: Duration = .seconds(1)
    /// Longest wait between two attempts of a failing write.
    static let retryCap: Duration = .seconds(16)

    private let clock: any MonotonicClock
    /// End of the last render (nil: none yet, so the first arrival is written at once).
    private var lastRender: Duration?
    /// How long the last render took (zero before the first).
    private(set) var lastRenderCost: Duration = .zero
    /// How long the last render decided in a trickle, with no burst item since the render before
    /// it, took (zero before the first): the trickle rule's measure of what one more write costs.
    private(set) var lastTrickleRenderCost: Duration = .zero
    /// Whether the render under way (or the next one) writes a burst's entries: decided during a
    /// burst, or the first render after one (the burst's tail, decided once the backlog fell
    /// below ``burstBacklog``).
    private var renderInBurst = false
    /// Whether an item since the last render decision came during a burst.
    private var burstSinceRender = false
    private var renderStart: Duration?
    /// Wait before the next retry of a failing write.
    private(set) var retryDelay: Duration = RenderPolicy.firstRetry
    /// Whether the last render failed (reset by one that works).
    private(set) var failing = false
    private var retryPending = false
    private var flushPending = false
    private var trimPending = false
    private var lastWork: Duration
    /// Whether ``stop()`` was called.
    private(set) var stopped = false

    /// - Parameter clock: the time source of every decision.
    init(clock: any MonotonicClock) {
        self.clock = clock
        lastWork = clock.now
    }

    /// After an item of work that may have recorded articles. `backlog` is the number of items
    /// still waiting in the queue plus the articles in hand, not yet recorded.
    mutating func afterWork(backlog: Int) -> [Action] {
        guard !stopped else { return [] }
        let now = clock.now
        lastWork = now
        var actions: [Action] = []
        if !trimPending {
            trimPending = true
            actions.append(.schedule(.trim, after: Self.idleTrimDelay))
        }
        let burst = backlog >= Self.burstBacklog
        if burst { burstSinceRender = true }
        let gap = burst
            ? Self.burstGap(lastCost: lastRenderCost)
            : lastTrickleRenderCost / Self.trickleRenderCostDivisor
        guard let lastRender, now - lastRender < gap else {
            renderInBurst = burstSinceRender
            burstSinceRender = false
            actions.append(.render)
            return actions
        }
        let since = now - lastRender
        if backlog == 0, !flushPending {
            // Nothing else will come through the loop to trigger it: wake up for it.
            flushPending = true
            actions.append(.schedule(.flush, after: gap - since))
        }
        return actions
    }

    /// The wait after a write of cost `lastCost` before the next one during a burst:
    /// ``burstRenderCostFactor`` × `lastCost` within ``renderInterval`` … ``burstMaxInterval``,
    /// and at least ``burstCostFactorFloor`` × `lastCost`.
    static func burstGap(lastCost: Duration) -> Duration {
        max(lastCost * burstCostFactorFloor, min(burstMaxInterval, max(renderInterval, lastCost * burstRenderCostFactor)))
    }

    /// A render begins now.
    mutating func renderStarted() {
        renderStart = clock.now
    }

    /// The render begun by ``renderStarted()`` ended; `ok` is false when a write failed.
    mutating func renderEnded(ok: Bool) -> [Action] {
        let now = clock.now
        lastRenderCost = renderStart.map { now - $0 } ?? .zero
        if !renderInBurst { lastTrickleRenderCost = lastRenderCost }
        renderInBurst = false
        renderStart = nil
        lastRender = now
        if ok {
            failing = false
            retryDelay = Self.firstRetry
            return []
        }
        failing = true
        guard !stopped, !retryPending else { return [] }
        retryPending = true
        let wait = retryDelay
        retryDelay = min(retryDelay * 2, Self.retryCap)
        return [.schedule(.flush, after: wait)]
    }

    /// A wake-up asked for by ``Action/schedule(_:after:)`` came through the queue.
    mutating func fired(_ timer: Timer, backlog: Int) -> [Action] {
        guard !stopped else { return [] }
        switch timer {
        case .flush:
            retryPending = false
            flushPending = false
            return afterWork(backlog: backlog)
        case .trim:
            // Only after a whole quiet spell: during a trickle, wait for its end.
            let quiet = clock.now - lastWork
            if quiet < Self.idleTrimDelay || backlog > 0 {
                return [.schedule(.trim, after: max(Self.trimRecheck, Self.idleTrimDelay - quiet))]
            }
            if quiet < Self.memoReleaseDelay {
                return [.trim, .schedule(.trim, after: Self.memoReleaseDelay - quiet)]
            }
            trimPending = false
            // Memos first, so that the trim returns the heap they held.
            return [.releaseMemos, .trim]
        }
    }

    /// The service stops: no further renders or wake-ups come from the policy.
    mutating func stop() {
        stopped = true
    }
}
