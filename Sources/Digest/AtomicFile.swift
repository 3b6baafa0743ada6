import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Errors of writing a file atomically; each names the path and the errno.
package struct AtomicWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file that could not be written.
    package let path: String
    /// The failing step (`open`, `write`, `fsync`, `rename`).
    package let call: String
    /// The C errno, e.g. `ENOSPC` (28) on a full disk.
    package let errno: Int32

    package var description: String {
        "\(path): \(call) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }
}

/// Replaces a file so that a reader sees either the old or the new content, never part of it:
/// write a temporary file in the same folder, `fsync` it, put it in place of the target (an
/// exchange of the two names and an unlink of the old file, or a `rename`: see
/// `replace(_:with:)`), `fsync` the folder (both are atomic within one file system; the fsyncs
/// make it durable).
///
/// With `durable: false` the `fsync`s are left out: the rename is still atomic for every reader
/// and survives the process being killed (the page cache holds the whole file), but after a power
/// loss the file may be the old one, or empty (the rename reached the disk before the data). The
/// caller then makes it durable later with ``syncData(of:)`` and ``syncFolder(of:)``, and must be
/// able to write it again after a crash that came first (the digest writer keeps the day's dirty
/// mark until then: `docs/architecture.md`, durability rules 3 and 4).
package enum AtomicFile {
    /// Marker in temporary names `.<name>.tmp-digestd-<pid>.<16 hex digits>`: hidden, so that a
    /// watcher of the folder ignores them, and recognisable, so that strays can be removed at
    /// start-up.
    package static let temporaryMarker = ".tmp-digestd-"

    /// A fresh temporary name for writing `name` in process `pid`: the pid says whose it is, the
    /// 64 random bits make it unguessable and unique among concurrent writers of one process.
    static func temporaryName(for name: String, pid: Int32) -> String {
        let random = String(UInt64.random(in: .min ... .max), radix: 16)
        return "." + name + temporaryMarker + String(pid) + "." + String(repeating: "0", count: 16 - random.count) + random
    }

    /// The process id in a temporary name made by ``temporaryName(for:pid:)``, if it is one.
    static func owner(ofTemporary name: String) -> Int32? {
        guard name.hasPrefix("."), let marker = name.range(of: temporaryMarker, options: .backwards) else { return nil }
        let rest = name[marker.upperBound...]
        let pid = rest.prefix { $0 != "." }
        return Int32(pid)
    }

    /// Writes `bytes` to `path` atomically, with mode 0644.
    /// - Throws: ``AtomicWriteError``; the temporary file is removed and the old file is intact.
    package static func write(_ bytes: [UInt8], to path: String) throws(AtomicWriteError) {
        let failure: AtomicWriteError? = bytes.withUnsafeBufferPointer { buffer -> AtomicWriteError? in
            do throws(AtomicWriteError) { try write(buffer, to: path); return nil } catch { return error }
        }
        if let failure { throw failure }
    }

    /// Writes the UTF-8 bytes of `text` to `path` atomically, with mode 0644, without copying
    /// them first (a day's page can be megabytes).
    /// - Parameter syncFolder: whether to `fsync` the folder after the rename. A caller that
    ///   replaces several files of one folder passes false and calls ``syncFolder(of:)`` once
    ///   after the last: each file is then durable when that call returns (not before).
    /// - Throws: ``AtomicWriteError``; the temporary file is removed and the old file is intact.
    /// - Parameter durable: whether to `fsync` the temporary file before the rename (and the
    ///   folder after it, with `syncFolder`); false leaves both to the caller (see above).
    /// - Parameter retire: as in ``write(to:syncFolder:durable:retire:_:)``.
    package static func write(_ text: String, to path: String, syncFolder: Bool = true, durable: Bool = true,
                              retire: ((String) -> Void)? = nil) throws(AtomicWriteError) {
        var text = text
        let failure: AtomicWriteError? = text.withUTF8 { buffer -> AtomicWriteError? in
            do throws(AtomicWriteError) {
                try write(buffer, to: path, syncFolder: syncFolder && durable, durable: durable, retire: retire)
                return nil
            } catch { return error }
        }
        if let failure { throw failure }
    }

    /// `fdatasync`s the file now at `path` (its data and the size and allocation needed to read
    /// it back), for a file written with `durable: false`. A file that is gone (removed by hand
    /// since) is nothing to sync.
    /// - Throws: ``AtomicWriteError`` (`open` or `fdatasync`, with errno). After a failed
    ///   `fdatasync` the kernel may have dropped the unwritten pages: write the file again rather
    ///   than syncing again.
    package static func syncData(of path: String) throws(AtomicWriteError) {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return }
            throw AtomicWriteError(path: path, call: "open", errno: errno)
        }
        defer { close(fd) }
        if fdatasync(fd) != 0 { throw AtomicWriteError(path: path, call: "fdatasync", errno: errno) }
    }

    /// `fsync`s the folder of `path`, making the renames done in it durable.
    /// - Throws: ``AtomicWriteError`` naming the folder.
    package static func syncFolder(of path: String) throws(AtomicWriteError) {
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let dirfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirfd >= 0 else { throw AtomicWriteError(path: folder, call: "open folder", errno: errno) }
        defer { close(dirfd) }
        if fsync(dirfd) != 0 { throw AtomicWriteError(path: folder, call: "fsync folder", errno: errno) }
    }

    private static func write(_ bytes: UnsafeBufferPointer<UInt8>, to path: String, syncFolder: Bool = true,
                              durable: Bool = true, retire: ((String) -> Void)? = nil) throws(AtomicWriteError) {
        do {
            try write(to: path, syncFolder: syncFolder, durable: durable, retire: retire) { out in out.write(bytes: bytes) }
        } catch let error as AtomicWriteError {
            throw error
        } catch {
            // The producer above throws nothing.
            throw AtomicWriteError(path: path, call: "write", errno: EIO)
        }
    }

    /// Writes what `produce` puts into a ``FileOutput`` to `path` atomically, with mode 0644: the
    /// text is streamed into the temporary file (never held whole in memory), then the temporary
    /// file replaces `path` as in ``write(_:to:syncFolder:durable:)``.
    /// - Throws: ``AtomicWriteError``, or what `produce` throws; either way the temporary file is
    ///   removed and the old file is intact.
    /// - Parameter retire: given the temporary name under which the old version of `path` is
    ///   left after the exchange, to unlink it (later, elsewhere: ``RetiredFiles``); nil unlinks
    ///   it here.
    package static func write(to path: String, syncFolder: Bool = true, durable: Bool = true,
                              retire: ((String) -> Void)? = nil, _ produce: (inout FileOutput) throws -> Void) throws {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = folder + "/" + temporaryName(for: name, pid: getpid())
        // O_EXCL: never open a file someone else made (a planted name, a link); O_NOFOLLOW: never
        // write through a symbolic link; O_CLOEXEC: no descriptor leaks into a child process.
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AtomicWriteError(path: path, call: "open", errno: errno) }
        var out = FileOutput(fd: fd)
        do {
            try produce(&out)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        out.flush()
        var failure = out.failure.map { AtomicWriteError(path: path, call: "write", errno: $0) }
        if failure == nil, durable, fsync(fd) != 0 { failure = AtomicWriteError(path: path, call: "fsync", errno: errno) }
        if close(fd) != 0, failure == nil { failure = AtomicWriteError(path: path, call: "close", errno: errno) }
        if failure == nil { failure = replace(path, with: temporary, retire: retire) }
        if let failure {
            unlink(temporary)
            throw failure
        }
        // The rename is durable only once the folder is synced; a failure here is reported (the
        // new file is in place, but may not survive a power loss), so the writer retries.
        if syncFolder { try self.syncFolder(of: path) }
    }

    /// `renameat2(2)`, looked up once in the C library (Swift's Glibc module does not declare
    /// it); nil where the C library lacks it.
    private static let renameat2: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32).self)
    }()

    /// `RENAME_EXCHANGE` of `<linux/fs.h>`.
    private static let renameExchange: UInt32 = 1 << 1

    /// Puts `temporary` in place of `path`, atomically for every reader.
    ///
    /// When `path` is a regular file already, the two names are swapped with
    /// `renameat2(RENAME_EXCHANGE)` and the old file, now under the temporary name, is unlinked.
    /// A plain `rename(2)` over an existing file makes ext4 (default `auto_da_alloc`) start
    /// writing the new file's data back at once, and freeing the replaced inode waits for the
    /// pages still under writeback from the previous replacement: with a file of megabytes
    /// replaced at every arrival, that is a write storm and waits of hundreds of milliseconds.
    /// The exchange is atomic the same way (a reader opens the old file or the new one), leaves
    /// the data to the deferred sync, and drops the old file's pages unwritten. A crash between
    /// the exchange and the unlink leaves the old file under a temporary name of a dead process,
    /// which start-up removes (``removeStrayTemporaries(in:)``). Where the exchange is not
    /// supported (an older kernel, a file system without it), or `path` is not a regular file,
    /// this is a plain `rename(2)`. With `retire`, the old file is handed to it instead of being
    /// unlinked here.
    /// - Returns: the failure, nil on success.
    private static func replace(_ path: String, with temporary: String, retire: ((String) -> Void)? = nil) -> AtomicWriteError? {
        var st = stat()
        if let renameat2, lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG {
            if renameat2(AT_FDCWD, temporary, AT_FDCWD, path, renameExchange) == 0 {
                // The old file's name is ours, random: nobody else opens it. A failure leaves a
                // stray that the next start-up removes.
                if let retire { retire(temporary) } else { unlink(temporary) }
                return nil
            }
            // EINVAL or ENOSYS: no exchange here; ENOENT: the target went away meanwhile.
            // Anything else is rename's to report.
        }
        if rename(temporary, path) != 0 { return AtomicWriteError(path: path, call: "rename", errno: errno) }
        return nil
    }

    /// Removes temporary files left in `folder` by writes that were killed; returns how many.
    /// Only strays of processes that no longer run are removed: the temporary file of a write in
    /// progress elsewhere (a concurrent `digestd digest --rebuild`) is left alone.
    @discardableResult
    package static func removeStrayTemporaries(in folder: String) -> Int {
        guard let dir = opendir(folder) else { return 0 }
        defer { closedir(dir) }
        var removed = 0
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let pid = owner(ofTemporary: name), !isRunning(pid) else { continue }
            if unlink(folder + "/" + name) == 0 { removed += 1 }
        }
        return removed
    }

    /// Whether a process with id `pid` exists (`kill(pid, 0)`: EPERM means it exists under
    /// another user).
    static func isRunning(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
