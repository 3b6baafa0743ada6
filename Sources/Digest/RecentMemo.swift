import Synchronization

/// Values the last two digest writes used, by key: what every cache of ``DigestWriter`` keeps
/// between writes. ``startWrite()`` drops each entry the previous write did not touch, so memory
/// stays bounded by what recent writes needed.
final class RecentMemo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Generations {
        var current: [Key: Value] = [:]
        var previous: [Key: Value] = [:]
    }

    private let state = Mutex(Generations())

    /// Starts a write: entries not used since the previous call are dropped.
    func startWrite() {
        state.withLock { generations in
            generations.previous = generations.current
            generations.current = [:]
            generations.current.reserveCapacity(generations.previous.count)
        }
    }

    /// The value kept for `key`, when there is one and `isValid` accepts it; it is kept for the
    /// next write too.
    func value(for key: Key, isValid: (Value) -> Bool = { _ in true }) -> Value? {
        state.withLock { generations in
            guard let value = generations.current[key] ?? generations.previous[key], isValid(value) else { return nil }
            generations.current[key] = value
            return value
        }
    }

    /// Drops every entry.
    func removeAll() {
        state.withLock { $0 = Generations() }
    }

    /// Keeps `value` for `key` (replacing what was kept).
    func store(_ value: Value, for key: Key) {
        state.withLock { $0.current[key] = value }
    }

    /// Entries kept, in both generations (a key kept in both counts twice).
    var count: Int {
        state.withLock { $0.current.count + $0.previous.count }
    }
}
