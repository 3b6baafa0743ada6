import Synchronization

/// Every ``LanguageMemo`` of the process, so that an idle service can empty them all at once
/// without naming each table (a generic class cannot hold a static list of its instances).
enum LanguageMemos {
    private static let memos = Mutex<[(release: @Sendable () -> Void, count: @Sendable () -> Int)]>([])

    /// Adds one memo's release step and its count of values (called by ``LanguageMemo/init()``).
    static func register(release: @escaping @Sendable () -> Void, count: @escaping @Sendable () -> Int) {
        memos.withLock { $0.append((release, count)) }
    }

    /// Values kept over every memo.
    static var entries: Int {
        let all = memos.withLock { $0 }
        return all.reduce(0) { $0 + $1.count() }
    }

    /// Empties every registered memo; each table is read again from its data files on its next
    /// use (a few milliseconds per language, on the next article after an idle spell).
    static func releaseAll() {
        let all = memos.withLock { $0 }
        for memo in all { memo.release() }
    }
}
