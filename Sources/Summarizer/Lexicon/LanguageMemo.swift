import Synchronization

/// A value computed once per language (or locale) name and kept for the life of the process:
/// the per-language tables read from ICU, from Debian's data files or from Foundation. The
/// computations are pure, so two threads that ask for the same key at once may both compute it
/// and store the same value.
final class LanguageMemo<Value: Sendable>: Sendable {
    private let values = Mutex<[String: Value]>([:])

    init() {}

    /// The value kept for `key`, computed by `compute` the first time.
    func value(for key: String, compute: () -> Value) -> Value {
        if let known = values.withLock({ $0[key] }) { return known }
        let value = compute()
        values.withLock { $0[key] = value }
        return value
    }
}
