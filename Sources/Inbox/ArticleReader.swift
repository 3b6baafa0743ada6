#if canImport(Glibc)
import Glibc
#endif

/// The bytes of one inbox entry, read safely, with what `fstat` said of the file.
package struct RawArticle: Sendable {
    /// The path inside the inbox, as named there (the symlink's own path when it was a link).
    package let path: String
    /// The file's bytes.
    package let bytes: [UInt8]
    /// Size in bytes from `fstat`.
    package let size: Int
    /// Modification time from `fstat`, in nanoseconds since the Unix epoch.
    package let mtimeNanoseconds: Int64
}

/// File identity from `stat(2)`: enough to tell a file is unchanged without reading it.
package struct FileStamp: Sendable, Equatable {
    /// Size in bytes.
    package let size: Int
    /// Modification time, nanoseconds since the Unix epoch.
    package let mtimeNanoseconds: Int64
}

/// Opens inbox entries without ever blocking or leaving the inbox.
///
/// Order of checks (F19/F24): `lstat`; a symlink is resolved with `realpath` and followed only to a
/// regular file inside the inbox; the open itself uses `O_RDONLY|O_NONBLOCK|O_NOFOLLOW|O_CLOEXEC`
/// (so a FIFO cannot block and a swapped-in link cannot be followed); `fstat` on the descriptor
/// re-checks the type; reads stop at `maxBytes + 1`.
package struct ArticleReader: Sendable {
    /// The inbox folder, resolved (`realpath`).
    package let inbox: String
    /// Largest article read, in bytes.
    package let maxBytes: Int

    /// - Parameters:
    ///   - inbox: the watched folder; resolved with `realpath` when it exists.
    ///   - maxBytes: size cap in bytes (`[inbox] max_bytes` in digestd.toml(5)).
    package init(inbox: String, maxBytes: Int) {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        if realpath(inbox, &buf) != nil {
            self.inbox = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        } else {
            self.inbox = inbox
        }
        self.maxBytes = maxBytes
    }

    /// `stat` of the entry named `name`, following a link only as ``read(name:)`` would; nil when it
    /// cannot be stat'ed or is not a regular file.
    package func stamp(name: String) -> FileStamp? {
        guard let target = try? resolve(name: name) else { return nil }
        var st = stat()
        guard lstat(target, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileStamp(size: Int(st.st_size), mtimeNanoseconds: Self.nanoseconds(st.st_mtim))
    }

    /// A file time in nanoseconds since the epoch, clamped to what `Int64` holds (years 1678–2262):
    /// any user can date a file in the year 2300, and that must not trap.
    static func nanoseconds(_ t: timespec) -> Int64 {
        let (product, overflow) = Int64(t.tv_sec).multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return t.tv_sec < 0 ? .min : .max }
        let (sum, overflow2) = product.addingReportingOverflow(Int64(t.tv_nsec))
        return overflow2 ? .max : sum
    }

    /// Reads the entry `name` of the inbox.
    /// - Throws: ``InboxError`` with the reason: not a regular file, symlink outside the inbox,
    ///   too large, empty, or the failing system call and its errno (`ENOENT`, `EACCES`, `ELOOP`, …).
    package func read(name: String) throws(InboxError) -> RawArticle {
        let path = inbox + "/" + name
        let target = try resolve(name: name)
        let fd = open(target, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 {
            let e = errno
            if e == ELOOP { throw .notRegularFile(path: path) } // swapped for a link after the check
            throw .system(path: path, call: "open", errno: e)
        }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { throw .system(path: path, call: "fstat", errno: errno) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw .notRegularFile(path: path) }
        let size = Int(st.st_size)
        if size > maxBytes { throw .tooLarge(path: path, size: size, limit: maxBytes) }
        var bytes = [UInt8](repeating: 0, count: min(size, maxBytes) + 1)
        var filled = 0
        while filled < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .system(path: path, call: "read", errno: errno)
            }
            if n == 0 { break }
            filled += n
        }
        if filled > maxBytes { throw .tooLarge(path: path, size: filled, limit: maxBytes) }
        bytes.removeSubrange(filled...)
        let mtime = Self.nanoseconds(st.st_mtim)
        return RawArticle(path: path, bytes: bytes, size: filled, mtimeNanoseconds: mtime)
    }

    /// The path to open for `name`: the entry itself, or for a symlink its resolved target,
    /// which must be a regular file inside the inbox.
    private func resolve(name: String) throws(InboxError) -> String {
        let path = inbox + "/" + name
        var st = stat()
        if lstat(path, &st) != 0 { throw .system(path: path, call: "lstat", errno: errno) }
        switch st.st_mode & S_IFMT {
        case S_IFREG:
            return path
        case S_IFLNK:
            var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            guard realpath(path, &buf) != nil else { throw .system(path: path, call: "realpath", errno: errno) }
            let target = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            var tst = stat()
            guard target.hasPrefix(inbox + "/"), !target.dropFirst(inbox.count + 1).contains("/"),
                  lstat(target, &tst) == 0, (tst.st_mode & S_IFMT) == S_IFREG else {
                if lstat(target, &tst) == 0, (tst.st_mode & S_IFMT) == S_IFDIR { throw .notRegularFile(path: path) }
                throw .symlinkOutsideInbox(path: path, target: target)
            }
            return target
        default:
            throw .notRegularFile(path: path)
        }
    }
}
