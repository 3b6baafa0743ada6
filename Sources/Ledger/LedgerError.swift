import GRDB

/// Errors of the article ledger.
package enum LedgerError: Error, CustomStringConvertible {
    /// The database could not be opened, migrated or written. `underlying` is GRDB's error;
    /// ``cause`` names SQLite's result code (for example `SQLITE_FULL` on a full disk).
    case database(path: String, underlying: any Error)

    package var description: String {
        switch self {
        case .database(let path, let underlying): "state database \(path): \(underlying)"
        }
    }

    /// A short stable name of what went wrong, for "warn once per cause": SQLite's primary
    /// result code (`SQLITE_FULL`, `SQLITE_READONLY`, `SQLITE_IOERR`…, see
    /// https://sqlite.org/rescode.html), or the error's type for anything else.
    package var cause: String {
        switch self {
        case .database(_, let underlying):
            if let db = underlying as? DatabaseError {
                let names: [Int32: String] = [5: "SQLITE_BUSY", 8: "SQLITE_READONLY", 10: "SQLITE_IOERR", 11: "SQLITE_CORRUPT",
                                              13: "SQLITE_FULL", 14: "SQLITE_CANTOPEN", 23: "SQLITE_AUTH", 26: "SQLITE_NOTADB"]
                let code = db.resultCode.primaryResultCode.rawValue
                return names[code] ?? "SQLITE_\(code)"
            }
            return String(describing: type(of: underlying))
        }
    }
}
