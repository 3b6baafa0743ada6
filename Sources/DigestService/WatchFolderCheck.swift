import Foundation

/// What `digestd check-config` finds at the configured inbox path: the service watches it
/// read-only and does not create it (but for the embedded defaults' `./inbox`), so a start fails
/// when it is missing, is no folder or cannot be read (digestd(8), `run`).
///
/// Checked with this process's permissions (`stat(2)`, `access(2)`): run as the service's user
/// (`runuser -u digestd -- digestd check-config`) it answers for the service.
package enum WatchFolderCheck: Equatable, Sendable {
    /// A folder this user may list and search.
    case ok
    /// Missing, but its nearest existing ancestor is a folder this user may write: `mkdir -p`
    /// would make it. The service makes it only from the embedded defaults.
    case missing
    /// Cannot be watched: the message says why (missing and cannot be created, not a folder,
    /// not readable), in the form `watch: PATH …`.
    case problem(String)

    /// Checks `path`, as the configuration's `watch` key (or `--watch`) names it.
    /// - Parameter path: the inbox path, absolute or relative to the working folder.
    package init(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else {
            let e = errno
            guard e == ENOENT else {
                self = .problem("watch: cannot look up \(path): \(Self.reason(e))")
                return
            }
            self = Self.creatable(path)
            return
        }
        guard (st.st_mode & S_IFMT) == S_IFDIR else {
            self = .problem("watch: \(path) is not a folder")
            return
        }
        guard access(path, R_OK | X_OK) == 0 else {
            self = .problem("watch: \(path) is not readable: \(Self.reason(errno))")
            return
        }
        self = .ok
    }

    /// `.missing` when the nearest existing ancestor of `path` is a folder this user may write
    /// and search, else the problem naming that ancestor.
    private static func creatable(_ path: String) -> WatchFolderCheck {
        var ancestor = path
        while true {
            // The parent: up to the last "/" (trailing ones dropped first); "." for a bare name.
            while ancestor.count > 1, ancestor.hasSuffix("/") { ancestor.removeLast() }
            if let slash = ancestor.lastIndex(of: "/") {
                ancestor = slash == ancestor.startIndex ? "/" : String(ancestor[..<slash])
            } else {
                ancestor = "."
            }
            var st = stat()
            if stat(ancestor, &st) == 0 {
                guard (st.st_mode & S_IFMT) == S_IFDIR else {
                    return .problem("watch: \(path) does not exist and cannot be created: \(ancestor) is not a folder")
                }
                guard access(ancestor, W_OK | X_OK) == 0 else {
                    return .problem("watch: \(path) does not exist and cannot be created in \(ancestor): \(reason(errno))")
                }
                return .missing
            }
            let e = errno
            if e != ENOENT || ancestor == "/" || ancestor == "." {
                return .problem("watch: \(path) does not exist and cannot be created: \(ancestor): \(reason(e))")
            }
        }
    }

    private static func reason(_ e: Int32) -> String {
        String(cString: strerror(e))
    }
}
