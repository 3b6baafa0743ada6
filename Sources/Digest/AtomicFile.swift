#if canImport(Glibc)
import Glibc
#endif

/// Errors of writing a file atomically; each names the path and the errno.
public struct AtomicWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file that could not be written.
    public let path: String
    /// The failing step (`open`, `write`, `fsync`, `rename`).
    public let call: String
    /// The C errno, e.g. `ENOSPC` (28) on a full disk.
    public let errno: Int32

    public var description: String {
        "\(path): \(call) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }
}

/// Replaces a file so that a reader sees either the old or the new content, never part of it:
/// write a temporary file in the same folder, `fsync` it, `rename` it over the target, `fsync`
/// the folder (rename(2) is atomic within one file system; the fsyncs make it durable).
public enum AtomicFile {
    /// Marker in temporary names `.<name>.tmp-digestd-<pid>`: hidden, so that a watcher of the
    /// folder ignores them, and recognisable, so that strays can be removed at start-up.
    public static let temporaryMarker = ".tmp-digestd-"

    /// The temporary name used while writing `name` in process `pid`.
    static func temporaryName(for name: String, pid: Int32) -> String {
        "." + name + temporaryMarker + String(pid)
    }

    /// Writes `bytes` to `path` atomically, with mode 0644.
    /// - Throws: ``AtomicWriteError``; the temporary file is removed and the old file is intact.
    public static func write(_ bytes: [UInt8], to path: String) throws(AtomicWriteError) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = folder + "/" + temporaryName(for: name, pid: getpid())
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AtomicWriteError(path: path, call: "open", errno: errno) }
        var failure: AtomicWriteError?
        var written = 0
        while written < bytes.count, failure == nil {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = AtomicWriteError(path: path, call: "write", errno: errno)
            } else {
                written += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = AtomicWriteError(path: path, call: "fsync", errno: errno) }
        if close(fd) != 0, failure == nil { failure = AtomicWriteError(path: path, call: "close", errno: errno) }
        if failure == nil, rename(temporary, path) != 0 { failure = AtomicWriteError(path: path, call: "rename", errno: errno) }
        if let failure {
            unlink(temporary)
            throw failure
        }
        // The rename is durable only once the folder is synced; a failure here is reported (the
        // new file is in place, but may not survive a power loss), so the writer retries.
        let dirfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirfd >= 0 else { throw AtomicWriteError(path: folder, call: "open folder", errno: errno) }
        defer { close(dirfd) }
        if fsync(dirfd) != 0 { throw AtomicWriteError(path: folder, call: "fsync folder", errno: errno) }
    }

    /// Removes temporary files left in `folder` by writes that were killed; returns how many.
    @discardableResult
    public static func removeStrayTemporaries(in folder: String) -> Int {
        guard let dir = opendir(folder) else { return 0 }
        defer { closedir(dir) }
        var removed = 0
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name.hasPrefix("."), name.contains(temporaryMarker), unlink(folder + "/" + name) == 0 { removed += 1 }
        }
        return removed
    }
}
