/// Errors of the article ledger.
public enum LedgerError: Error, CustomStringConvertible {
    /// The database could not be opened, migrated or written. `underlying` is GRDB's error;
    /// `errno` is set when SQLite reported a system error (for example ENOSPC, disk full).
    case database(path: String, underlying: any Error)

    public var description: String {
        switch self {
        case .database(let path, let underlying): "state database \(path): \(underlying)"
        }
    }
}
