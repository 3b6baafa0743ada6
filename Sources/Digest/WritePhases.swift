import Synchronization

/// Where the time of the last digest write went, phase by phase: what `digestd run
/// --log-level debug` logs after each write and `digestd-bench write --phases` prints, so that
/// the cost of one arrival on a big day can be broken down in the service as shipped.
///
/// Phases, in the order a write does them (each in milliseconds of wall time, summed over the
/// days written):
/// - `rows`: the day's rows brought up to date from the ledger and its top stories found
///   (``DayCopy`` and ``TopStoriesMemo``);
/// - `markdown`, `html`, `json`: the day's file rendered from its kept pieces and written into
///   the temporary file (`write(2)`s included);
/// - `replace`: the temporary files put in place of the day's files (the exchange and the unlink
///   of the old version, or the hand-over of that unlink), `open` and `close` included;
/// - `index`, `feed`: `index.html` and `feed.atom`, rendered and replaced.
final class WritePhases: Sendable {
    /// A phase's name and its duration.
    package typealias Phase = (name: String, duration: Duration)

    private let state = Mutex<[Phase]>([])

    /// Starts the record of a new write.
    func reset() {
        state.withLock { $0.removeAll(keepingCapacity: true) }
    }

    /// Adds `duration` to phase `name` (appended the first time it is named in this write).
    func add(_ name: String, _ duration: Duration) {
        state.withLock { phases in
            if let i = phases.firstIndex(where: { $0.name == name }) {
                phases[i].duration += duration
            } else {
                phases.append((name, duration))
            }
        }
    }

    /// Runs `body` and adds its time to phase `name`.
    func time<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        defer { add(name, ContinuousClock.now - start) }
        return try body()
    }

    /// The phases of the last write, in order.
    var last: [Phase] { state.withLock { $0 } }
}
