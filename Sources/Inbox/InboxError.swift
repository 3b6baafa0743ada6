#if canImport(Glibc)
import Glibc
#endif

/// Why an inbox entry was not taken, or why the inbox cannot be watched.
///
/// ``reason`` is the short code logged as `DIGESTD_REASON`; ``errno`` the C errno where one is known.
package enum InboxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The entry is a FIFO, socket, device or directory.
    case notRegularFile(path: String)
    /// A symlink whose target resolves outside the inbox (or to something that is not a regular file there).
    case symlinkOutsideInbox(path: String, target: String)
    /// The file has no bytes, or only white space.
    case empty(path: String)
    /// The file is larger than `max_bytes`.
    case tooLarge(path: String, size: Int, limit: Int)
    /// The bytes are not text (NUL bytes or undecodable).
    case binary(path: String)
    /// A system call failed on the entry.
    case system(path: String, call: String, errno: Int32)
    /// The inbox folder cannot be watched.
    case watchFailed(path: String, errno: Int32, hint: String)

    /// Short reason code for the journal (`DIGESTD_REASON`).
    package var reason: String {
        switch self {
        case .notRegularFile: "not_regular_file"
        case .symlinkOutsideInbox: "symlink_outside_inbox"
        case .empty: "empty"
        case .tooLarge: "too_large"
        case .binary: "binary"
        case .system(_, _, let e):
            switch e {
            case ENOENT: "missing"
            case EACCES, EPERM: "unreadable"
            case ELOOP: "symlink_loop"
            default: "io_error"
            }
        case .watchFailed: "watch_failed"
        }
    }

    /// The errno behind the error, if any.
    package var errno: Int32? {
        switch self {
        case .system(_, _, let e), .watchFailed(_, let e, _): e
        default: nil
        }
    }

    /// The path the error is about.
    package var path: String {
        switch self {
        case .notRegularFile(let p), .symlinkOutsideInbox(let p, _), .empty(let p), .tooLarge(let p, _, _),
             .binary(let p), .system(let p, _, _), .watchFailed(let p, _, _): p
        }
    }

    package var description: String {
        switch self {
        case .notRegularFile(let p): "\(p): not a regular file; skipped"
        case .symlinkOutsideInbox(let p, let t): "\(p): symlink to \(t), outside the inbox or not a regular file; skipped"
        case .empty(let p): "\(p): empty article; skipped until it has content"
        case .tooLarge(let p, let s, let l): "\(p): \(s) bytes is over max_bytes (\(l)); skipped"
        case .binary(let p): "\(p): binary content, not text; skipped"
        case .system(let p, let call, let e): "\(p): \(call) failed: \(String(cString: strerror(e))) (errno \(e))"
        case .watchFailed(let p, let e, let hint): "cannot watch \(p): \(String(cString: strerror(e))) (errno \(e))\(hint.isEmpty ? "" : "; " + hint)"
        }
    }
}
