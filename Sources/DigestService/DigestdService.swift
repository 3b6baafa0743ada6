import Digest
import Foundation
import Inbox
import Journal
import Ledger
import Logging
import ServiceLifecycle
import Summarizer
import Synchronization
import UnixSignals

/// Where the settings come from: a config file (or none), and command-line overrides.
package struct ConfigurationSource: Sendable {
    /// The TOML file, or nil for the embedded defaults.
    package var file: String?
    /// `--watch`, `--output`, `--state` overrides; they win over the file.
    package var watch: String?
    package var output: String?
    package var state: String?

    package init(file: String? = nil, watch: String? = nil, output: String? = nil, state: String? = nil) {
        self.file = file
        self.watch = watch
        self.output = output
        self.state = state
    }

    /// Loads the file (if any) and applies the overrides.
    /// - Throws: ``ConfigurationError`` naming the file, key and line.
    package func load() throws(ConfigurationError) -> Configuration {
        var configuration = try file.map { path throws(ConfigurationError) in try Configuration.load(path: path) } ?? Configuration()
        if let watch { configuration.watch = watch }
        if let output { configuration.output = output }
        if let state { configuration.state = state }
        let problems = configuration.folderProblems()
        if !problems.isEmpty { throw .invalid(file: file ?? "command line", problems: problems) }
        return configuration
    }

    /// `true` when nothing names the folders, so the embedded `./inbox` etc. may be created.
    var usesEmbeddedDefaults: Bool { file == nil && watch == nil }
}

/// The digestd service: watches the inbox, summarizes each finished article into the ledger and
/// keeps each day's digest file current. A `ServiceLifecycle.Service`.
///
/// Start-up order (the service is ready only when it can do its job): configuration valid →
/// state database open → output folder writable (a file created and removed) → inbox watched →
/// start-up scan queued → `READY=1` → backlog processed. Any failure before READY throws a
/// ``ServiceError`` and logs one error naming the path and errno.
///
/// - Important: On graceful shutdown (SIGTERM/SIGINT via `ServiceGroup`) it sends `STOPPING=1`,
///   cancels every pending retry, finishes the batches in hand (one article, or, from a
///   backlog, the batches being prepared: at most ``batchCap`` articles, and the one being read,
///   at most ``batchLimit(workers:)``), writes the days still dirty once and returns; waiting files are left
///   to the next start-up scan.
///   SIGHUP re-reads the configuration (`RELOADING=1` … `READY=1`); a bad one is refused and the
///   old one stays.
package final class DigestdService: Service, Sendable {
    private let source: ConfigurationSource
    private let initial: Configuration
    private let logger: Logger
    private let notifier: Notifier
    private let clock: @Sendable () -> Date
    private let queue = WorkQueue()
    /// Pending wake-ups (retries with back-off, held-back renders, trims, rewatch and settle
    /// rescans); all cancelled at shutdown.
    private let timers = ServiceTimers()
    /// The deferred `fdatasync` of the digest files and the clearing of the days' marks after it.
    private let digestSync: DigestSync
    private let heartbeat = Mutex<(beats: UInt64, busy: Bool)>((0, false))
    private let watcher = Mutex<InotifyWatcher?>(nil)
    /// The failing digest write last reported ("path errno", or a ledger cause), so that a
    /// failure that repeats is logged once, and its recovery once.
    private let renderFailure = Mutex<String?>(nil)
    /// The output folder as digestd last left it (``refillIfOutputChanged(_:ledger:)``).
    private let outputStamp = Mutex<[UInt64]?>(nil)
    /// The last digest file written: gone means the folder changed, even when a recreated folder
    /// has the old inode number and a change time in the same clock tick (ext4, under load).
    private let lastWritten = Mutex<String?>(nil)
    /// Recurring operations (rescan, rewatch) whose failure was reported, with its cause.
    private let reported = Mutex<[String: String]>([:])

    /// Files gathered per worker into one batch of the prepare stage: one ledger transaction
    /// admits them and one records them; several batches are in hand at once.
    static let batchPerWorker = 16

    /// - Parameters:
    ///   - source: where the configuration comes from; re-read on SIGHUP.
    ///   - configuration: the configuration already loaded from `source`.
    ///   - clock: the wall clock used to date arrivals (injectable for tests).
    package init(source: ConfigurationSource, configuration: Configuration, logger: Logger,
                notifier: Notifier = Notifier(), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.source = source
        self.initial = configuration
        self.logger = logger
        self.notifier = notifier
        self.clock = clock
        self.digestSync = DigestSync(logger: logger)
    }

    package func run() async throws {
        let configuration = initial
        // Validate before creating anything: a start that fails on its inbox leaves no state
        // database and no output folder behind.
        if source.usesEmbeddedDefaults { _ = Self.makeFolders(configuration.watch) }
        try startWatching(configuration.watch)
        let prepared: (ledger: Ledger, lock: InstanceLock)
        do {
            prepared = try prepare(configuration)
        } catch {
            watcher.withLock { $0?.stop(); $0 = nil }
            throw error
        }
        let ledger = prepared.ledger
        // Held until the service returns; the kernel releases it if the process dies.
        defer { withExtendedLifetime(prepared.lock) {} }
        // Tried (and logged once when it fails) at start-up, not at the first .eml.
        if configuration.extensions.contains(where: { $0.lowercased() == "eml" }) { _ = ArticleExtractor.readsEmail }
        queue.enqueue(.rescan(reason: "startup"))
        let pipeline = ArticlePipeline(configuration: configuration, ledger: ledger, logger: logger, clock: clock)
        logger.info("watching \(configuration.watch); digests in \(configuration.output)", metadata: [
            JournalField.watch: "\(configuration.watch)", JournalField.messageID: MessageID.ready.metadataValue])
        notifier.ready(status: status(pipeline, ledger: ledger))

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [self] in await watchdogLoop() }
            group.addTask { [self] in await signalLoop() }
            if configuration.rescanInterval > 0 {
                group.addTask { [self] in await rescanLoop(every: .seconds(configuration.rescanInterval)) }
            }
            await withGracefulShutdownHandler {
                await withTaskCancellationHandler {
                    await runOnWorkThread(pipeline: pipeline, ledger: ledger)
                } onCancel: { [queue] in
                    queue.close()
                }
            } onGracefulShutdown: { [self] in
                notifier.stopping()
                logger.info("stopping", metadata: [JournalField.messageID: MessageID.stopping.metadataValue])
                timers.cancelAll()
                queue.close()
            }
            group.cancelAll()
        }
        timers.cancelAll()
        watcher.withLock { $0?.stop(); $0 = nil }
    }

    /// Runs the work loop on a thread of its own (blocking reads, SQLite commits, summaries and
    /// `fsync` never occupy Swift's cooperative pool, where the timers, signals and watchdog run)
    /// and returns when it ends.
    ///
    /// The pipeline and ledger are handed over through a box the thread empties, so that every
    /// reference the thread held is gone when this returns: the ledger closes (and SQLite
    /// checkpoints and removes its WAL) when ``run()`` drops the last one, as a clean stop must.
    private func runOnWorkThread(pipeline: ArticlePipeline, ledger: Ledger) async {
        let handoff = WorkThreadHandoff(pipeline: pipeline, ledger: ledger)
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let thread = Thread { [self] in
                if let taken = handoff.slot.withLock({ $0.take() }) { workLoop(pipeline: taken.pipeline, ledger: taken.ledger) }
                done.resume()
            }
            thread.name = "digestd-work"
            // The size of a main thread's stack: parsers recurse on hostile input.
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    // MARK: start-up

    /// Takes the state folder's lock, opens the state database and checks the folders; throws
    /// ``ServiceError`` after one log line.
    private func prepare(_ configuration: Configuration) throws -> (ledger: Ledger, lock: InstanceLock) {
        if let e = Self.makeFolders(configuration.state) { throw fail(.notWritable(path: configuration.state, errno: e)) }
        let lock: InstanceLock
        do {
            lock = try InstanceLock(stateFolder: configuration.state)
        } catch {
            switch error {
            case .held(let path, let pid): throw fail(.alreadyRunning(path: path, pid: pid))
            case .system(let path, let e): throw fail(.notWritable(path: path, errno: e))
            }
        }
        if let e = Self.makeFolders(configuration.output) { throw fail(.notWritable(path: configuration.output, errno: e)) }
        let ledger: Ledger
        do {
            ledger = try Ledger(path: configuration.state + "/digestd.sqlite")
        } catch {
            throw fail(.state(path: configuration.state, detail: error.description))
        }
        // Writable: create and remove a file, as the digest writer will.
        let probe = configuration.output + "/.probe" + AtomicFile.temporaryMarker + String(getpid())
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 { throw fail(.notWritable(path: configuration.output, errno: errno)) }
        close(fd)
        unlink(probe)
        let removed = AtomicFile.removeStrayTemporaries(in: configuration.output)
        if removed > 0 { logger.info("removed \(removed) temporary files left by an earlier run") }
        // A format added since the last run (or a file deleted): write those days now, not at
        // the next arrival.
        let writer = Self.writer(for: configuration, ledger: ledger)
        if let missing = try? writer.daysWithMissingFiles(), !missing.isEmpty {
            logger.info("\(missing.count) \(missing.count == 1 ? "day lacks" : "days lack") a configured digest file; writing \(missing.count == 1 ? "it" : "them")")
            for day in missing { try? ledger.markDirty(day: day) }
        }
        noteOutput(configuration.output)
        return (ledger: ledger, lock: lock)
    }

    /// The output folder's device, inode and change time (any entry added, removed or renamed
    /// changes it); nil when it cannot be stat'ed.
    private static func outputStamp(_ path: String) -> [UInt64]? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return [UInt64(st.st_dev), UInt64(st.st_ino), UInt64(bitPattern: Int64(st.st_ctim.tv_sec)), UInt64(st.st_ctim.tv_nsec)]
    }

    /// When the output folder changed since digestd last wrote it (files deleted, the folder
    /// deleted and recreated: a new inode may reuse the old number, its change time differs),
    /// marks every day lacking a file dirty, as at start-up: otherwise only the day written next
    /// came back, and the index linked to the other days' missing files. One stat per write;
    /// the day files are looked at only after an outside change.
    private func refillIfOutputChanged(_ writer: DigestWriter, ledger: Ledger) {
        let now = Self.outputStamp(writer.output)
        let before = outputStamp.withLock { $0 }
        let lost = lastWritten.withLock { $0 }.map { access($0, F_OK) != 0 } ?? false
        guard before != nil, before != now || lost, let missing = try? writer.daysWithMissingFiles(), !missing.isEmpty else { return }
        logger.info("the output folder \(writer.output) changed outside digestd; \(missing.count) \(missing.count == 1 ? "day lacks" : "days lack") a digest file; writing \(missing.count == 1 ? "it" : "them")")
        for day in missing { try? ledger.markDirty(day: day) }
    }

    /// Remembers the output folder as digestd left it (a folder gone keeps the last stamp seen,
    /// so that its recreation is noticed too).
    private func noteOutput(_ path: String) {
        if let now = Self.outputStamp(path) { outputStamp.withLock { $0 = now } }
    }

    /// `mkdir -p`; returns the errno of the first failure, nil on success.
    static func makeFolders(_ path: String) -> Int32? {
        var st = stat()
        if stat(path, &st) == 0 { return (st.st_mode & S_IFMT) == S_IFDIR ? nil : ENOTDIR }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            if let e = makeFolders(String(path[..<slash])) { return e }
        }
        if mkdir(path, 0o755) != 0, errno != EEXIST { return errno }
        return nil
    }

    private func fail(_ error: ServiceError) -> ServiceError {
        var metadata: Logger.Metadata = [:]
        if let e = error.errno { metadata[JournalField.errno] = "\(e)" }
        switch error {
        case .inbox(let path, _, _):
            metadata[JournalField.watch] = "\(path)"
            metadata[JournalField.messageID] = MessageID.watchDirMissing.metadataValue
        case .notWritable(let path, _):
            metadata[JournalField.digest] = "\(path)"
            metadata[JournalField.messageID] = MessageID.outputNotWritable.metadataValue
        case .alreadyRunning(_, let pid):
            if let pid { metadata[JournalField.pid] = "\(pid)" }
            metadata[JournalField.messageID] = MessageID.alreadyRunning.metadataValue
        default: break
        }
        logger.error("\(error.description)", metadata: metadata)
        return error
    }

    /// Watches `path`; a failure is logged here as an error when `logFailure` (start-up), else
    /// left to the caller (the rewatch loop reports it once).
    private func startWatching(_ path: String, logFailure: Bool = true) throws {
        let newWatcher: InotifyWatcher
        do {
            newWatcher = try InotifyWatcher(path: path)
        } catch let error as InboxError {
            let failure = ServiceError.inbox(path: path, errno: error.errno ?? 0, detail: error.description)
            throw logFailure ? fail(failure) : failure
        }
        watcher.withLock { $0?.stop(); $0 = newWatcher }
        let queue = self.queue
        Task {
            for await event in newWatcher.events {
                switch event {
                case .candidate(let name): queue.enqueue(.file(name: name, foundAtStartup: false))
                case .attributesChanged(let name): queue.enqueue(.recheck(name: name))
                case .overflow: queue.enqueue(.rescan(reason: "queue_overflow"))
                case .folderAttributesChanged: queue.enqueue(.rescan(reason: "folder_attributes"))
                case .watchLost:
                    // DELETE_SELF is followed by IGNORED: one rewatch per lost watch is enough.
                    queue.enqueue(.rewatch)
                    return
                }
            }
        }
    }

    // MARK: the work loop

    /// The digest writer for a configuration's output folder, formats and feed window.
    static func writer(for configuration: Configuration, ledger: Ledger) -> DigestWriter {
        DigestWriter(output: configuration.output, ledger: ledger,
                     formats: configuration.formats.compactMap(DigestFormat.init(rawValue:)), feedDays: configuration.feedDays)
    }

    /// The work loop, on its own thread: takes work off the queue until it is closed, then
    /// writes what is still dirty once. Scheduling decisions are ``RenderPolicy``'s.
    private func workLoop(pipeline initial: ArticlePipeline, ledger: Ledger) {
        var pipeline = initial
        var writer = Self.writer(for: pipeline.configuration, ledger: ledger)
        var policy = RenderPolicy(clock: SystemMonotonicClock())
        var intakeDelays: [String: Duration] = [:]
        var inFlight = BatchesInHand()
        /// Items that bring articles and are not recorded yet: those waiting in the queue and
        /// those in hand (the render policy's backlog, so the end of a burst, still being
        /// prepared, is not written batch by batch).
        func backlog() -> Int { queue.arrivals + inFlight.articles }
        while true {
            if !inFlight.isEmpty, queue.count == 0 || inFlight.articles >= Self.batchCap {
                // No file to read and admit (or enough in hand): the loop has nothing serial to
                // do, so it helps prepare the oldest batch, and records it.
                heartbeat.withLock { $0.busy = true }
                finishOldest(&inFlight, pipeline: &pipeline, delays: &intakeDelays)
                perform(policy.afterWork(backlog: backlog()), policy: &policy, writer: writer, pipeline: pipeline, ledger: ledger)
                heartbeat.withLock { $0.beats &+= 1; $0.busy = false }
                continue
            }
            guard let work = queue.next() else { break }
            heartbeat.withLock { $0.busy = true }
            switch work {
            case .file, .flush, .trim:
                // A timer needs nothing recorded: the batches in hand are recorded as they are
                // prepared, and all of them once the queue is empty (the loop's first branch).
                break
            default:
                guard !inFlight.isEmpty else { break }
                // Reload, rescans and rewatch find every taken article recorded, and the policy
                // hears of the records.
                finish(&inFlight, pipeline: &pipeline, delays: &intakeDelays)
                perform(policy.afterWork(backlog: backlog()), policy: &policy, writer: writer, pipeline: pipeline, ledger: ledger)
            }
            let actions: [RenderPolicy.Action]
            switch work {
            case .file(let name, let startup):
                let limit = Self.batchLimit(workers: PrepareStage.workers(pipeline.configuration))
                takeFiles(first: (name, startup), pipeline: &pipeline, delays: &intakeDelays, inFlight: &inFlight, limit: limit)
                actions = policy.afterWork(backlog: backlog())
                if actions.contains(.render), !inFlight.isEmpty {
                    // A digest write comes: first give the helpers a full hand to prepare while
                    // this thread writes (a write of a big day takes longer than a batch).
                    while inFlight.articles + limit <= Self.batchCap, queue.arrivals >= limit,
                          let next = queue.nextFileIfReady() {
                        takeFiles(first: next, pipeline: &pipeline, delays: &intakeDelays, inFlight: &inFlight, limit: limit)
                    }
                }
            case .recheck(let name):
                if pipeline.isWaitingForPermission(name) {
                    let outcome = pipeline.take(name: name, foundAtStartup: false)
                    backOff(outcome, .file(name: name, foundAtStartup: false), name: name, delays: &intakeDelays)
                }
                actions = policy.afterWork(backlog: backlog())
            case .rescan(let reason):
                rescan(pipeline: &pipeline, reason: reason)
                actions = policy.afterWork(backlog: backlog())
            case .rewatch:
                rewatch(pipeline.configuration.watch)
                actions = policy.afterWork(backlog: backlog())
            case .reload:
                // Files skipped under the old configuration (extension not listed, too large)
                // are looked at again; the ledger keeps recorded ones from being taken twice.
                if reload(pipeline: &pipeline, ledger: ledger) { queue.enqueue(.rescan(reason: "reload")) }
                // Formats and the feed window take effect at once; rewrite every day in them.
                let reloaded = Self.writer(for: pipeline.configuration, ledger: ledger)
                if reloaded.formats != writer.formats || reloaded.feedDays != writer.feedDays {
                    writer = reloaded
                    do {
                        for day in try ledger.days() { try ledger.markDirty(day: day) }
                    } catch {
                        logger.error("cannot mark the digests for rewriting after a reload: \(error); they are rewritten as articles arrive", metadata: [
                            JournalField.error: "\(error.cause)", JournalField.reason: "ledger_error"])
                    }
                }
                actions = policy.afterWork(backlog: backlog())
            case .flush:
                actions = policy.fired(.flush, backlog: backlog())
            case .trim:
                actions = policy.fired(.trim, backlog: backlog())
            }
            perform(actions, policy: &policy, writer: writer, pipeline: pipeline, ledger: ledger)
            heartbeat.withLock { $0.beats &+= 1; $0.busy = false }
        }
        finish(&inFlight, pipeline: &pipeline, delays: &intakeDelays)
        policy.stop()
        // Stopping: articles recorded since the last write (a write held back by the render
        // spacing, or one waiting for a retry) go into the digest now, not at the next start.
        // Durably: the files are synced and every mark cleared before the process exits.
        if let dirty = try? ledger.dirtyDays(), !dirty.isEmpty { _ = render(writer, ledger: ledger, durable: true) }
        digestSync.close()
    }

    /// Does what the render policy decided.
    private func perform(_ actions: [RenderPolicy.Action], policy: inout RenderPolicy, writer: DigestWriter,
                         pipeline: ArticlePipeline, ledger: Ledger) {
        for action in actions {
            switch action {
            case .render:
                policy.renderStarted()
                let ok = render(writer, ledger: ledger)
                perform(policy.renderEnded(ok: ok), policy: &policy, writer: writer, pipeline: pipeline, ledger: ledger)
                notifier.status(status(pipeline, ledger: ledger))
            case .schedule(let timer, let delay):
                scheduleRetry(timer == .flush ? .flush : .trim, after: delay)
            case .trim:
                ledger.releaseMemory()
                let unmapped = IdleTrim.run()
                logger.debug("idle trim: heap trimmed, \(unmapped) KiB of clean file pages unmapped")
            case .releaseMemos:
                writer.releaseMemory()
                SummarizerCaches.releaseAll()
            }
        }
    }

    /// Takes `first` and, when the prepare stage has several workers, the files queued right
    /// behind it: read and hashed, admitted in arrival order (one ledger transaction), then
    /// handed to the prepare stage's helpers and added to the batches `inFlight`: the loop goes
    /// on (a digest write, the next batch) while they extract and summarize, and records the
    /// batches in the order they were taken (one transaction each), recording first every batch
    /// in hand that the helpers have finished. So reading and admitting, recording, writing the
    /// digest and preparing overlap on two cores, and the records are those of a serial run, in
    /// its order. An article the last run died with in hand, and every one behind it in its
    /// batch, is taken the old way (after every batch in hand is recorded): prepared alone, so
    /// that a poison article cannot take the rest of its batch into quarantine with it.
    private func takeFiles(first: (name: String, foundAtStartup: Bool), pipeline: inout ArticlePipeline,
                           delays: inout [String: Duration], inFlight: inout BatchesInHand, limit: Int) {
        // Batches the helpers finished meanwhile are recorded now, oldest first.
        while inFlight.oldestIsComplete { finishOldest(&inFlight, pipeline: &pipeline, delays: &delays) }
        let workers = PrepareStage.workers(pipeline.configuration)
        var batch = [first]
        if workers > 1 {
            while batch.count < limit, let next = queue.nextFileIfReady() { batch.append(next) }
        }
        guard batch.count > 1 else {
            finish(&inFlight, pipeline: &pipeline, delays: &delays)
            let outcome = pipeline.take(name: first.name, foundAtStartup: first.foundAtStartup)
            backOff(outcome, .file(name: first.name, foundAtStartup: first.foundAtStartup), name: first.name, delays: &delays)
            return
        }
        logger.debug("preparing \(batch.count) articles side by side on \(min(workers, batch.count)) threads")
        let stage = pipeline // the pure stages read only what does not change during a batch
        // While the helpers prepare the batches in hand, this thread reads and hashes alone.
        let fetched = inFlight.isEmpty
            ? PrepareStage.map(batch, workers: workers) { stage.fetch(name: $0.name, foundAtStartup: $0.foundAtStartup) }
            : batch.map { stage.fetch(name: $0.name, foundAtStartup: $0.foundAtStartup) }
        // The head of the batch is admitted in one ledger transaction; from an article the last
        // run died with in hand on, one by one after the head is recorded.
        let (admissions, rest) = pipeline.admit(batch: fetched)
        var admitted: [ArticlePipeline.Ticket] = []
        var alone = !rest.isEmpty
        for (admission, item) in zip(admissions, fetched) {
            switch admission {
            case .done(let outcome):
                backOff(outcome, .file(name: item.name, foundAtStartup: item.foundAtStartup), name: item.name, delays: &delays)
            case .admitted(let ticket):
                admitted.append(ticket)
                if ticket.deaths > 0 { alone = true }
            }
        }
        guard alone else {
            if !admitted.isEmpty { inFlight.append(PrepareStage.start(admitted, workers: workers, preparing(stage))) }
            return
        }
        // The batches before are recorded first: records stay in arrival order.
        finish(&inFlight, pipeline: &pipeline, delays: &delays)
        func commit(_ tickets: [ArticlePipeline.Ticket]) {
            let prepared = PrepareStage.map(tickets, workers: workers, preparing(stage))
            for (item, outcome) in zip(prepared, pipeline.commit(batch: prepared)) {
                let name = item.ticket.fetched.name, startup = item.ticket.fetched.foundAtStartup
                backOff(outcome, .file(name: name, foundAtStartup: startup), name: name, delays: &delays)
            }
        }
        var pending: [ArticlePipeline.Ticket] = []
        func settle(_ ticket: ArticlePipeline.Ticket) {
            guard ticket.deaths > 0 else {
                pending.append(ticket)
                return
            }
            commit(pending)
            pending = []
            commit([ticket])
        }
        for ticket in admitted { settle(ticket) }
        for item in rest {
            switch pipeline.admit(item) {
            case .done(let outcome):
                backOff(outcome, .file(name: item.name, foundAtStartup: item.foundAtStartup), name: item.name, delays: &delays)
            case .admitted(let ticket):
                settle(ticket)
            }
        }
        commit(pending)
    }

    /// Articles read and admitted together at most: ``batchPerWorker`` × `workers`. Several
    /// batches are in hand at once (up to ``batchCap`` articles), so a batch need not cover a
    /// digest write: the next ones are prepared meanwhile.
    static func batchLimit(workers: Int) -> Int {
        min(batchCap, max(1, workers) * batchPerWorker)
    }

    /// Most articles in hand (admitted, not yet recorded): bounds the articles prepared before
    /// the service exits at a stop (about 1 s on two cores), and their memory (their bytes and
    /// summaries, about 20 KB each); about 2 s of preparing for one helper, more than a digest
    /// write of a 7,000–10,000-article day takes during a burst (1.7–1.9 s with markdown, html and
    /// atom in `bench/run burst`, where 1,024 are about 0.9 s for the helper), so the helpers are
    /// not idle while the loop writes.
    static let batchCap = 2048

    /// Records the oldest batch in hand: waits for its preparation (this thread takes what the
    /// helpers have not) and commits it in arrival order (one transaction), then logs.
    private func finishOldest(_ inFlight: inout BatchesInHand, pipeline: inout ArticlePipeline, delays: inout [String: Duration]) {
        guard let batch = inFlight.removeOldest() else { return }
        let prepared = batch.finish()
        for (item, outcome) in zip(prepared, pipeline.commit(batch: prepared)) {
            let name = item.ticket.fetched.name, startup = item.ticket.fetched.foundAtStartup
            backOff(outcome, .file(name: name, foundAtStartup: startup), name: name, delays: &delays)
        }
    }

    /// Records every batch in hand, oldest first.
    private func finish(_ inFlight: inout BatchesInHand, pipeline: inout ArticlePipeline, delays: inout [String: Duration]) {
        while !inFlight.isEmpty { finishOldest(&inFlight, pipeline: &pipeline, delays: &delays) }
    }

    /// Poison quarantine of day writes: each dirty day's write is a step in the ledger. A day whose
    /// write killed the service twice is first rendered entry by entry (each entry a step of its
    /// own); an entry that kills the service twice then, or fails to render, is left out of the
    /// day and reported. Returns the day steps begun, to end after the write.
    private func beginDaySteps(_ writer: DigestWriter, ledger: Ledger) -> [String] {
        var steps: [String] = []
        let dirty: [(day: String, generation: Int64)]
        // Days written already and waiting only for their sync are not written again.
        do { dirty = try writer.daysToWrite() } catch { return [] } // writeDirtyDays reports the same error
        for (day, _) in dirty {
            let step = "day:" + day
            do {
                if try ledger.beginStep(step, fingerprint: "") >= Ledger.stepAttemptLimit {
                    logger.warning("writing \(day) killed the service twice; checking it entry by entry", metadata: [
                        JournalField.reason: "retry_after_crash"])
                    try probeEntries(day: day, writer: writer, ledger: ledger)
                    try ledger.endStep(step)
                    _ = try ledger.beginStep(step, fingerprint: "")
                }
                steps.append(step)
            } catch {
                logger.error("cannot record the write of \(day) in the state database: \(error)", metadata: [
                    JournalField.reason: "ledger_error"])
            }
        }
        return steps
    }

    /// Renders every entry of `day` alone; quarantines those that killed the service twice or fail.
    private func probeEntries(day: String, writer: DigestWriter, ledger: Ledger) throws {
        for article in try ledger.articles(day: day) {
            let step = "entry:" + article.path
            let now = Int64((clock().timeIntervalSince1970 * 1000).rounded(.down))
            var reason: String?
            // An entry is retried once, like an article: one death in hand may be an outside
            // SIGKILL (an administrator, a restart) that landed there by chance.
            if try ledger.beginStep(step, fingerprint: article.sha256) >= Ledger.stepAttemptLimit {
                reason = "render_crashed"
            } else {
                do { try writer.renderAlone(article) } catch { reason = "render_failed" }
            }
            guard let reason else {
                try ledger.endStep(step)
                continue
            }
            try ledger.quarantine(article, reason: reason, failedAt: now, step: step)
            logger.error("\(article.path): its digest entry could not be written; left out of \(day) (quarantined)", metadata: [
                JournalField.article: "\(article.path)", JournalField.reason: "\(reason)",
                JournalField.messageID: MessageID.articleQuarantined.metadataValue])
        }
    }

    /// Writes the dirty days; false when a write failed (logged with path and errno).
    ///
    /// The files are renamed into place without an `fsync`, and ``DigestSync`` makes them durable
    /// within ``DigestSync/delay`` off this thread, then clears the days' marks; with `durable`
    /// (at shutdown) the sync is done here, before returning.
    private func render(_ writer: DigestWriter, ledger: Ledger, durable: Bool = false) -> Bool {
        let begun = ContinuousClock.now
        refillIfOutputChanged(writer, ledger: ledger)
        let steps = beginDaySteps(writer, ledger: ledger)
        let stepsBegun = ContinuousClock.now - begun
        var written = false
        defer {
            let ending = ContinuousClock.now
            noteOutput(writer.output)
            for step in steps {
                do { try ledger.endStep(step) } catch {
                    logger.error("cannot record the end of \(step) in the state database: \(error)", metadata: [
                        JournalField.reason: "ledger_error"])
                }
            }
            if written, logger.logLevel <= .debug {
                // Where the write's time went (issue 15: the cost of one arrival on a big day).
                let phases = writer.lastWritePhases.map { "\($0.name) \(Self.milliseconds($0.duration))" }
                let text = "steps \(Self.milliseconds(stepsBegun)), " + phases.joined(separator: ", ")
                    + ", end steps \(Self.milliseconds(ContinuousClock.now - ending))"
                logger.debug("write phases (ms): \(text)")
            }
        }
        do {
            let started = ContinuousClock.now
            let days = try writer.writeDirtyDays(deferringSync: !durable)
            written = !days.isEmpty
            // The time of the whole write (every dirty day, the index and the feed).
            let micros = (ContinuousClock.now - started).microseconds
            if !durable, writer.hasPendingSync {
                let queue = self.queue
                // A failed sync leaves the days marked and no longer counted as written: a write
                // now writes them again.
                digestSync.schedule(writer, timers: timers) { queue.enqueue(.flush) }
            }
            if let last = days.last { lastWritten.withLock { $0 = last.path } }
            for written in days {
                logger.info("wrote \(written.path) (\(written.entries) \(written.entries == 1 ? "entry" : "entries"))", metadata: [
                    JournalField.digest: "\(written.path)", JournalField.durationUsec: "\(micros)",
                    JournalField.messageID: MessageID.digestWritten.metadataValue])
            }
            if let failure = renderFailure.withLock({ $0 }) {
                renderFailure.withLock { $0 = nil }
                logger.notice("digest writes work again after an earlier failure (\(failure)); recovered", metadata: [
                    JournalField.reason: "write_recovered"])
            }
            return true
        } catch let error as AtomicWriteError {
            if renderFailure.withLock({ $0 }) != "\(error.path) \(error.errno)" {
                renderFailure.withLock { $0 = "\(error.path) \(error.errno)" }
                logger.error("digest write failing: \(error.description); will retry with back-off", metadata: [
                    JournalField.digest: "\(error.path)", JournalField.errno: "\(error.errno)",
                    JournalField.messageID: MessageID.digestWriteFailed.metadataValue])
            } else {
                logger.debug("digest write still failing: \(error.description)", metadata: [JournalField.digest: "\(error.path)"])
            }
            notifier.status("digest write failing: \(String(cString: strerror(error.errno)))")
            return false
        } catch {
            let cause = (error as? LedgerError)?.cause ?? "\(error)"
            if renderFailure.withLock({ $0 }) != cause {
                renderFailure.withLock { $0 = cause }
                logger.error("digest write failing: \(error); will retry with back-off", metadata: [
                    JournalField.error: "\(cause)", JournalField.messageID: MessageID.digestWriteFailed.metadataValue])
            } else {
                logger.debug("digest write still failing: \(error)")
            }
            return false
        }
    }

    /// `duration` in milliseconds with two decimals, for the debug log.
    private static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.2f", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
    }

    /// Longest wait between two attempts of a failing intake or digest write.
    static let retryCap: Duration = RenderPolicy.retryCap

    /// Intake back-off: an entry whose ledger write failed is tried again after 1 s, then after
    /// twice the previous wait, up to ``retryCap``; any other outcome resets its wait.
    private func backOff(_ outcome: ArticlePipeline.Outcome, _ work: Work, name: String, delays: inout [String: Duration]) {
        guard case .failed(retry: true) = outcome else {
            delays[name] = nil
            return
        }
        let delay = delays[name].map { min($0 * 2, Self.retryCap) } ?? .seconds(1)
        delays[name] = delay
        scheduleRetry(work, after: delay)
    }

    /// Puts `work` on the queue after `delay` (cancelled at shutdown).
    private func scheduleRetry(_ work: Work, after delay: Duration) {
        let queue = self.queue
        timers.schedule(after: delay) { queue.enqueue(work) }
    }

    /// Lists the inbox (sorted by name, for a stable order) and queues every entry that is not
    /// recorded with its current size and mtime.
    private func rescan(pipeline: inout ArticlePipeline, reason: String) {
        let folder = pipeline.configuration.watch
        if reason == "queue_overflow" {
            logger.warning("inotify queue overflowed; rescanning \(folder)", metadata: [
                JournalField.watch: "\(folder)", JournalField.reason: "queue_overflow",
                JournalField.messageID: MessageID.queueOverflow.metadataValue])
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
            reportRecovery(of: "rescan")
        } catch {
            // The error's text varies by Foundation version; opendir(3) gives the errno.
            let e: Int32 = { guard let dir = opendir(folder) else { return errno }; closedir(dir); return 0 }()
            reportOnce(key: "rescan", cause: "\(e)", "cannot list the inbox \(folder) for a rescan: \(String(cString: strerror(e))); files may wait until the next event",
                       metadata: [JournalField.watch: "\(folder)", JournalField.errno: "\(e)", JournalField.reason: "rescan_failed"])
            return
        }
        var queued = 0, settling = 0
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let nowNanoseconds = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        for name in names.sorted() where !pipeline.accepts(name) { pipeline.noteNotTaken(name, fromScan: true) }
        for name in names.sorted() where pipeline.accepts(name) && !pipeline.isKnownUnchanged(name) {
            // Modified within the last 5 s: maybe still being written, by a writer that pauses
            // (F01: 2 s between chunks). Its close event will come (the folder is watched); a
            // later rescan takes it once it is quiet if none does (F09 overflow, W7 start-up).
            if let stamp = pipeline.reader.stamp(name: name),
               (-5_000_000_000..<5_000_000_000).contains(nowNanoseconds - stamp.mtimeNanoseconds) {
                settling += 1
                continue
            }
            queue.enqueue(.file(name: name, foundAtStartup: reason == "startup"))
            queued += 1
        }
        if settling > 0 { scheduleRetry(.rescan(reason: reason == "startup" ? "startup" : "settle"), after: .seconds(1)) }
        logger.debug("rescan (\(reason)): \(queued) entries queued, \(settling) still settling", metadata: [JournalField.watch: "\(folder)"])
    }

    /// The inbox vanished: say so, then watch it again once it exists (checked every second).
    /// Only the folder at the configured path is watched: a moved-away inbox is not followed (F16).
    private func rewatch(_ folder: String) {
        if watcher.withLock({ $0 != nil }) {
            watcher.withLock { $0?.stop(); $0 = nil }
            logger.warning("watch dir missing: \(folder) was deleted or moved away; waiting for it", metadata: [
                JournalField.watch: "\(folder)", JournalField.reason: "watch_dir_missing",
                JournalField.messageID: MessageID.watchDirMissing.metadataValue])
            notifier.status("watch dir missing: \(folder)")
        }
        var st = stat()
        let exists = stat(folder, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
        if exists {
            do {
                try startWatching(folder, logFailure: false)
                reportRecovery(of: "rewatch")
                logger.notice("watching \(folder) again", metadata: [JournalField.watch: "\(folder)"])
                queue.enqueue(.rescan(reason: "rewatch"))
                return
            } catch {
                let e = (error as? ServiceError)?.errno ?? 0
                reportOnce(key: "rewatch", cause: "\(e)", "cannot watch \(folder) again: \(error); retrying every second",
                           metadata: [JournalField.watch: "\(folder)", JournalField.errno: "\(e)", JournalField.reason: "rewatch_failed"])
            }
        }
        scheduleRetry(.rewatch, after: .seconds(1))
    }

    /// Logs a failure of the recurring operation `key` as a warning once per cause; a repeat of
    /// the same cause goes to debug level.
    private func reportOnce(key: String, cause: String, _ message: String, metadata: Logger.Metadata) {
        if reported.withLock({ $0[key] }) == cause {
            logger.debug("\(message)", metadata: metadata)
            return
        }
        reported.withLock { $0[key] = cause }
        logger.warning("\(message)", metadata: metadata)
    }

    /// Says once that the operation `key` works again after ``reportOnce(key:cause:_:metadata:)``.
    private func reportRecovery(of key: String) {
        guard reported.withLock({ $0.removeValue(forKey: key) }) != nil else { return }
        logger.notice("\(key) works again; recovered", metadata: [JournalField.reason: "\(key)_recovered"])
    }

    /// Re-reads the configuration (SIGHUP); returns whether it was accepted.
    @discardableResult
    private func reload(pipeline: inout ArticlePipeline, ledger: Ledger) -> Bool {
        notifier.reloading()
        defer { notifier.ready(status: status(pipeline, ledger: ledger)) }
        do {
            let new = try source.load()
            var fixed = [("watch", new.watch, pipeline.configuration.watch), ("output", new.output, pipeline.configuration.output),
                         ("state", new.state, pipeline.configuration.state)].filter { $0.1 != $0.2 }.map(\.0)
            // The rescan loop runs at the interval it started with.
            if new.rescanInterval != initial.rescanInterval { fixed.append("inbox.rescan_interval") }
            for key in fixed {
                logger.warning("\(key) changed in the configuration; it takes effect at the next restart")
            }
            pipeline.apply(new)
            logger.info("configuration reloaded", metadata: [JournalField.messageID: MessageID.configReloaded.metadataValue])
            return true
        } catch {
            logger.error("configuration rejected; keeping the old one: \(error.description)", metadata: [
                JournalField.messageID: MessageID.configRejected.metadataValue])
            return false
        }
    }

    private func status(_ pipeline: ArticlePipeline, ledger: Ledger) -> String {
        let today = pipeline.calendar.day(of: clock())
        let count = (try? ledger.count(day: today)) ?? 0
        let failed = (try? ledger.failedArticles().count) ?? 0
        let quarantined = failed == 0 ? "" : "; \(failed) quarantined (journalctl MESSAGE_ID=\(MessageID.articleQuarantined))"
        return "watching \(pipeline.configuration.watch); \(count) \(count == 1 ? "article" : "articles") today" + quarantined
    }

    /// `stage.prepare`, counting each article prepared as progress for the watchdog: a batch
    /// of many large articles (six pages of 6–10 MB took 85 s of wall time on a loaded 2-core
    /// machine) made no beat until the whole batch was recorded, so `WATCHDOG=1` stopped and
    /// systemd killed a service that was working (and the poison quarantine then skipped those
    /// articles). A single article that never ends still stops the beats.
    private func preparing(_ stage: ArticlePipeline) -> @Sendable (ArticlePipeline.Ticket) -> ArticlePipeline.Prepared {
        { [self] ticket in
            let prepared = stage.prepare(ticket)
            heartbeat.withLock { $0.beats &+= 1 }
            return prepared
        }
    }

    // MARK: timers and signals

    /// Pings the watchdog at half of `WATCHDOG_USEC`, only while the work loop is idle or has made
    /// progress since the last ping, so a stuck loop gets the service restarted.
    private func watchdogLoop() async {
        guard let interval = notifier.watchdogInterval else { return }
        var seen: UInt64 = .max
        while !Task.isCancelled {
            let (beats, busy) = heartbeat.withLock { ($0.beats, $0.busy) }
            if !busy || beats != seen {
                notifier.watchdog()
                seen = beats
            }
            try? await Task.sleep(for: interval)
        }
    }

    private func signalLoop() async {
        for await _ in await UnixSignalsSequence(trapping: .sighup) {
            if Task.isCancelled { return }
            queue.enqueue(.reload)
        }
    }

    private func rescanLoop(every interval: Duration) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            queue.enqueue(.rescan(reason: "periodic"))
        }
    }
}

/// What the work thread starts with, handed over once (see `runOnWorkThread`).
private final class WorkThreadHandoff: Sendable {
    let slot: Mutex<(pipeline: ArticlePipeline, ledger: Ledger)?>
    init(pipeline: ArticlePipeline, ledger: Ledger) { slot = Mutex((pipeline, ledger)) }
}
