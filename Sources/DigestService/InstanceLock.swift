import Foundation

/// One service per state folder: an exclusive `flock(2)` on `STATE/digestd.lock`, held for the
/// life of the process (the kernel drops it when the process ends, even on a crash, so a stale
/// file never blocks a start). The file holds the holder's PID, for the refusal message.
package final class InstanceLock: Sendable {
    /// The lock file's name inside the state folder.
    package static let fileName = "digestd.lock"
    /// The lock file's path.
    package let path: String
    private let fd: Int32

    /// Takes the lock of `stateFolder` (which must exist) for this process.
    /// - Throws: ``InstanceLockError/held(path:pid:)`` when another process holds it,
    ///   ``InstanceLockError/system(path:errno:)`` when the file cannot be opened or locked.
    package init(stateFolder: String) throws(InstanceLockError) {
        let lockPath = stateFolder + "/" + Self.fileName
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 { throw .system(path: lockPath, errno: errno) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let e = errno
            let holder = Self.readPID(fd)
            close(fd)
            if e == EAGAIN { throw .held(path: lockPath, pid: holder) }
            throw .system(path: lockPath, errno: e)
        }
        // Ours now: record our PID.
        let text = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
        self.path = lockPath
        self.fd = fd
    }

    /// Releases the lock (also released when the process ends).
    deinit {
        close(fd)
    }

    /// The PID written in the lock file, if it holds one.
    private static func readPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 31, 0) }
        guard n > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// Why ``InstanceLock`` could not be taken.
package enum InstanceLockError: Error, Equatable, CustomStringConvertible {
    /// Another process holds the lock; its PID when the file names one.
    case held(path: String, pid: Int32?)
    /// The lock file cannot be opened or locked.
    case system(path: String, errno: Int32)

    package var description: String {
        switch self {
        case .held(let path, let pid):
            "another digestd is already running on this state folder (PID \(pid.map(String.init) ?? "unknown"), lock \(path)); stop it or give this one its own --state and --output"
        case .system(let path, let e):
            "cannot lock \(path): \(String(cString: strerror(e))) (errno \(e))"
        }
    }
}
