#if canImport(Glibc)
import Glibc
#endif

/// Why the service cannot start; each case maps to a sysexits code for the CLI.
package enum ServiceError: Error, CustomStringConvertible {
    /// The configuration is invalid (EX_CONFIG, 78).
    case configuration(ConfigurationError)
    /// The inbox is missing or cannot be watched (EX_NOINPUT, 66).
    case inbox(path: String, errno: Int32, detail: String)
    /// The output or state folder cannot be created or written (EX_CANTCREAT, 73).
    case notWritable(path: String, errno: Int32)
    /// The state database cannot be opened (EX_IOERR, 74).
    case state(path: String, detail: String)
    /// Another instance holds the state folder's lock (EX_TEMPFAIL, 75).
    case alreadyRunning(path: String, pid: Int32?)

    /// The sysexits(3) code for this error.
    package var exitCode: Int32 {
        switch self {
        case .configuration: 78
        case .inbox: 66
        case .notWritable: 73
        case .state: 74
        case .alreadyRunning: 75
        }
    }

    /// The errno behind the error, if any.
    package var errno: Int32? {
        switch self {
        case .inbox(_, let e, _), .notWritable(_, let e): e
        default: nil
        }
    }

    /// The path the error is about, if any.
    package var path: String? {
        switch self {
        case .inbox(let p, _, _), .notWritable(let p, _), .state(let p, _), .alreadyRunning(let p, _): p
        case .configuration: nil
        }
    }

    package var description: String {
        switch self {
        case .configuration(let e): e.description
        case .inbox(_, _, let detail): detail
        case .notWritable(let p, let e): "cannot write to \(p): \(String(cString: strerror(e))) (errno \(e))"
        case .state(_, let detail): detail
        case .alreadyRunning(let p, let pid): InstanceLockError.held(path: p, pid: pid).description
        }
    }
}
