import Foundation

/// The prepare stage's helper threads: threads of their own (`digestd-prepare-N`, 8 MB stacks
/// like the work loop's, for the extractors' recursion), started on first use and kept for the
/// life of the process, blocked on a condition variable while there is nothing to prepare.
///
/// Why not `DispatchQueue.concurrentPerform`: libdispatch grants a `dispatch_apply` only the
/// width of the global root queue that is free at that instant. During a burst that queue is
/// busy with the inotify source, the close timers and GRDB's queues, so on two cores the apply
/// ran nearly every iteration on the calling thread: `bench/run burst` measured the work loop
/// thread at 21.4 s of CPU and the busiest Dispatch worker at 1.5 s over 10,000 articles.
/// Threads of our own cannot be refused.
///
/// One job at a time (the work loop is the only caller): ``run(helpers:_:)`` hands `body` to up
/// to `helpers` threads, runs it on the calling thread too, and returns once every helper that
/// took it is done with it; ``begin(helpers:_:)`` and ``finish()`` do the same in two halves, so
/// the caller can write the digest while the helpers prepare. `body` is expected to share its work through a counter of its own
/// and to return when nothing is left, so a helper that starts late finds nothing to do.
final class PrepareWorkers: @unchecked Sendable {
    // @unchecked: every stored property below is read and written with `condition` locked.
    private let condition = NSCondition()
    private var job: (@Sendable () -> Void)?
    /// Helpers that may still take the job in hand.
    private var openSeats = 0
    /// Helpers running the job in hand.
    private var running = 0
    private var threads = 0

    /// The process's helpers, shared by every batch of the work loop.
    static let shared = PrepareWorkers()

    /// Stack of each helper thread, bytes (the work loop's).
    static let stackSize = 8 << 20

    /// The job handed out by ``begin(helpers:_:)`` and not yet finished.
    private var inHand: (@Sendable () -> Void)?

    /// Runs `body` on the calling thread and on up to `helpers` helper threads at once; returns
    /// when every run of `body` has returned.
    /// - Parameters:
    ///   - helpers: helper threads wanted besides the caller (started when fewer exist).
    ///   - body: the shared work; it may run on several threads at once.
    func run(helpers: Int, _ body: @escaping @Sendable () -> Void) {
        begin(helpers: helpers, body)
        finish()
    }

    /// Hands `body` to up to `helpers` helper threads and returns at once, so the caller can do
    /// other work meanwhile; ``finish()`` must follow before the next job.
    func begin(helpers: Int, _ body: @escaping @Sendable () -> Void) {
        condition.lock()
        while threads < helpers {
            threads += 1
            let thread = Thread { [unowned self] in self.helperLoop() }
            thread.name = "digestd-prepare-\(threads)"
            thread.stackSize = Self.stackSize
            thread.start()
        }
        job = body
        inHand = body
        openSeats = helpers
        condition.broadcast()
        condition.unlock()
    }

    /// Runs the job begun by ``begin(helpers:_:)`` on the calling thread too (it takes what the
    /// helpers left), then waits until every helper that took it is done with it.
    func finish() {
        condition.lock()
        let body = inHand
        inHand = nil
        condition.unlock()
        body?()

        condition.lock()
        // No helper takes the job after this; wait for those that did.
        job = nil
        openSeats = 0
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func helperLoop() {
        condition.lock()
        while true {
            guard openSeats > 0, let body = job else {
                condition.wait()
                continue
            }
            openSeats -= 1
            running += 1
            condition.unlock()
            body()
            condition.lock()
            running -= 1
            if running == 0 { condition.broadcast() }
        }
    }
}
