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
/// Jobs wait in a first-in, first-out list (the work loop is the only caller): ``submit(helpers:_:)``
/// appends one and returns at once, so the loop can admit the next batch, commit the one before
/// and write the digest while the helpers prepare; each helper takes the oldest job with a free
/// seat. A job's `body` is expected to share its work through a counter of its own and to return
/// when nothing is left to take, so a helper that comes late finds nothing to do, and the caller
/// can take part in a job itself (``PrepareStage/Pending/finish()``) and then ``retire(_:)`` it.
final class PrepareWorkers: @unchecked Sendable {
    // @unchecked: every stored property below is read and written with `condition` locked.
    private let condition = NSCondition()
    /// Jobs whose work may not all be taken yet, oldest first.
    private var jobs: [Job] = []
    private var threads = 0

    /// The process's helpers, shared by every batch of the work loop.
    static let shared = PrepareWorkers()

    /// Stack of each helper thread, bytes (the work loop's).
    static let stackSize = 8 << 20

    /// One piece of shared work and the helpers that may still take it.
    final class Job: @unchecked Sendable {
        // @unchecked: `openSeats` is read and written with the owner's `condition` locked.
        fileprivate let body: @Sendable () -> Void
        fileprivate var openSeats: Int
        fileprivate init(body: @escaping @Sendable () -> Void, seats: Int) {
            self.body = body
            openSeats = seats
        }
    }

    /// Appends `body` to the jobs, for up to `helpers` helper threads at once (started when fewer
    /// exist), and returns at once.
    /// - Returns: the job, to ``retire(_:)`` once its work is all taken.
    @discardableResult
    func submit(helpers: Int, _ body: @escaping @Sendable () -> Void) -> Job {
        let job = Job(body: body, seats: helpers)
        condition.lock()
        while threads < helpers {
            threads += 1
            let thread = Thread { [unowned self] in self.helperLoop() }
            thread.name = "digestd-prepare-\(threads)"
            thread.stackSize = Self.stackSize
            thread.start()
        }
        jobs.append(job)
        condition.broadcast()
        condition.unlock()
        return job
    }

    /// Takes `job` off the list: its work is all taken (its caller drained it), so no helper
    /// need look at it again.
    func retire(_ job: Job) {
        condition.lock()
        jobs.removeAll { $0 === job }
        condition.unlock()
    }

    private func helperLoop() {
        condition.lock()
        while true {
            guard let job = jobs.first(where: { $0.openSeats > 0 }) else {
                condition.wait()
                continue
            }
            job.openSeats -= 1
            condition.unlock()
            job.body()
            condition.lock()
            // The body returned: nothing of this job is left to take.
            job.openSeats = 0
            jobs.removeAll { $0 === job }
        }
    }
}
