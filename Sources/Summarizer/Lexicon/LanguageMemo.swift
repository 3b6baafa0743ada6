import Foundation
import Synchronization

/// A value computed once per language (or locale) name and kept until an idle service lets it
/// go (``LanguageMemos/releaseAll()``): the per-language tables read from ICU, from Debian's data
/// files or from Foundation. The computations are pure, so two threads that ask for the same key
/// at once may both compute it and store the same value, and a value computed again after a
/// release is the same value.
final class LanguageMemo<Value: Sendable>: Sendable {
    private let values = Mutex<[String: Value]>([:])

    /// A memo registered with ``LanguageMemos`` so that an idle service can empty it.
    init() {
        LanguageMemos.register(release: { [self] in removeAll() }, count: { [self] in count })
    }

    /// Number of languages kept (for tests: 0 after ``removeAll()``).
    var count: Int { values.withLock { $0.count } }

    /// Forgets every value; the next look-up of a language computes it again.
    func removeAll() {
        values.withLock { $0 = [:] }
    }

    /// The value kept for `key`, computed by `compute` the first time.
    func value(for key: String, compute: () -> Value) -> Value {
        if let known = values.withLock({ $0[key] }) { return known }
        let value = compute()
        values.withLock { $0[key] = value }
        return value
    }

    /// The value parsed from the UTF-8 data file at `path` (a list a Debian package ships),
    /// read once for `key`; `missing` when the file cannot be read (the package is not
    /// installed, or the file is not UTF-8).
    func value(for key: String, parsingFile path: String, with parse: (String) -> Value, missing: Value) -> Value {
        value(for: key) { (try? String(contentsOfFile: path, encoding: .utf8)).map(parse) ?? missing }
    }
}
