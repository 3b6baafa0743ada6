#if canImport(Glibc)
import Glibc
#endif
import Dispatch

/// Watches one folder with inotify, read through a Dispatch read source.
///
/// Linux has no `DispatchSource.makeFileSystemObjectSource`; its form of a Dispatch file-system
/// source is an inotify descriptor (`inotify_init1(IN_NONBLOCK|IN_CLOEXEC)`) read by
/// `DispatchSource.makeReadSource`. Only `IN_CLOSE_WRITE`, `IN_MOVED_TO` and `IN_ATTRIB` on
/// entries are reported, plus queue overflow and loss of the watched folder. `IN_CREATE` of a
/// regular file is never reported (a created file is not finished); `IN_CREATE` of a symlink,
/// FIFO, socket or device is, since nothing else ever follows it (F19, F24) and the intake must
/// still warn about it or follow the link; so is `IN_CREATE` of a regular file with more than
/// one link (a hard link to a complete file), after the moved-in quiet period. `IN_ATTRIB` on
/// the watched folder itself is reported as ``InboxEvent/folderAttributesChanged``. A close is reported only after a quiet period in
/// which the file was not written again (``CloseDebouncer``, F03); `IN_MODIFY` is watched for
/// that alone. See inotify(7).
///
/// - Important: The stream finishes when ``stop()`` is called. After `.watchLost` the watcher
///   reports nothing more for the old folder; create a new watcher once the folder is back.
// @unchecked: every stored property is an immutable `let`; a Dispatch source may be cancelled from any thread.
package final class InotifyWatcher: @unchecked Sendable {
    /// The folder watched, as given.
    package let path: String
    /// Events in kernel order. One consumer.
    package let events: AsyncStream<InboxEvent>

    private let fd: Int32
    private let source: any DispatchSourceRead
    private let continuation: AsyncStream<InboxEvent>.Continuation

    /// Starts watching `path`.
    /// - Parameters:
    ///   - path: the folder to watch (not its subfolders).
    ///   - quietPeriod: how long a closed file must stay untouched before it is reported
    ///     (`IN_MODIFY` after the close cancels it until the next close); a rename into the
    ///     folder counts as a close. Short by default: it only folds a close that is followed at
    ///     once by another write; a later second close replaces the article's entry anyway.
    ///   - movedInQuietPeriod: the same for a rename into the folder (`IN_MOVED_TO`): shorter,
    ///     since a renamed-in file was written and closed under another name (the atomic drop
    ///     of F05/F06); it only folds events of one batch. Should a writer still write to it
    ///     after the rename, `IN_MODIFY` cancels the report and its close reports it again.
    ///   - createdEntryQuietPeriod: the same for entries that only ever give `IN_CREATE`
    ///     (symlinks, FIFOs, sockets): longer, so that a symlink made just before its target is
    ///     followed rather than reported as dangling.
    /// - Throws: ``InboxError/watchFailed(path:errno:hint:)`` when inotify cannot be set up: a
    ///   missing folder (`ENOENT`), not a folder (`ENOTDIR`), no permission, or the per-user
    ///   instance (`fs.inotify.max_user_instances`) or watch (`fs.inotify.max_user_watches`) limits.
    package init(path: String, quietPeriod: Duration = .milliseconds(25),
                movedInQuietPeriod: Duration = .milliseconds(5),
                createdEntryQuietPeriod: Duration = .milliseconds(300)) throws {
        self.path = path
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else {
            let e = Glibc.errno
            throw InboxError.watchFailed(path: path, errno: e, hint: e == EMFILE
                ? "too many inotify instances: raise the sysctl fs.inotify.max_user_instances" : "")
        }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_ATTRIB | IN_CREATE | IN_MODIFY | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)
        if inotify_add_watch(fd, path, mask) < 0 {
            let e = Glibc.errno
            close(fd)
            throw InboxError.watchFailed(path: path, errno: e, hint: e == ENOSPC
                ? "too many inotify watches: raise the sysctl fs.inotify.max_user_watches" : "")
        }
        self.fd = fd
        let (stream, continuation) = AsyncStream<InboxEvent>.makeStream(bufferingPolicy: .unbounded)
        self.events = stream
        self.continuation = continuation
        let queue = DispatchQueue(label: "digestd.inotify")
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        self.source = source
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 8)
        let debouncer = CloseDebouncer(quietPeriod: quietPeriod, queue: queue) { continuation.yield(.candidate(name: $0)) }
        let createdDebouncer = CloseDebouncer(quietPeriod: createdEntryQuietPeriod, queue: queue) { continuation.yield(.candidate(name: $0)) }
        let drainNow = {
            InotifyWatcher.drain(fd: fd, folder: path, buffer: buffer, debouncer: debouncer, movedInQuietPeriod: movedInQuietPeriod,
                                 createdDebouncer: createdDebouncer, into: continuation)
        }
        debouncer.drainFirst = drainNow
        createdDebouncer.drainFirst = drainNow
        source.setEventHandler {
            drainNow()
        }
        source.setCancelHandler {
            // Pending timers must not read a closed (and maybe reused) descriptor; this also
            // breaks the debouncers' reference cycle through `drainNow`.
            debouncer.drainFirst = nil
            createdDebouncer.drainFirst = nil
            buffer.deallocate()
            close(fd)
            continuation.finish()
        }
        source.resume()
    }

    /// Stops watching and finishes ``events``. Safe to call more than once.
    package func stop() {
        source.cancel()
    }

    deinit {
        source.cancel()
    }

    /// `lstat` says regular file. An entry gone already counts as one: nothing to report.
    /// What an `IN_CREATE` names: a regular file being written, a hard link to a complete file
    /// (a regular file with more than one link: `ln`, `cp -l`, `rsync --link-dest`; no write
    /// and no close ever follows), or another kind of entry.
    private enum Created { case regularFile, hardLink, other }

    private static func created(_ path: String) -> Created {
        var st = stat()
        guard lstat(path, &st) == 0 else { return .regularFile }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return .other }
        return st.st_nlink > 1 ? .hardLink : .regularFile
    }

    /// Reads every pending record; one `read` may hold several `inotify_event`s
    /// (16-byte header + `len` bytes of NUL-padded name).
    private static func drain(fd: Int32, folder: String, buffer: UnsafeMutableRawBufferPointer, debouncer: CloseDebouncer,
                              movedInQuietPeriod: Duration, createdDebouncer: CloseDebouncer,
                              into continuation: AsyncStream<InboxEvent>.Continuation) {
        while true {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n <= 0 { return }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= n {
                let raw = buffer.baseAddress! + offset
                let mask = raw.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
                let len = Int(raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
                var name = ""
                if len > 0 {
                    let bytes = UnsafeRawBufferPointer(start: raw + header, count: len)
                    let end = bytes.firstIndex(of: 0) ?? len
                    name = String(decoding: bytes[0..<end], as: UTF8.self)
                }
                offset += header + len
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    continuation.yield(.overflow)
                } else if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED) != 0 {
                    continuation.yield(.watchLost)
                } else if !name.isEmpty, mask & UInt32(IN_ISDIR) == 0 {
                    if mask & UInt32(IN_MOVED_TO) != 0 {
                        // Renamed in: written and closed under another name, so complete; a
                        // writer that opens it again is caught by IN_MODIFY and its next close.
                        debouncer.closed(name, after: movedInQuietPeriod)
                    } else if mask & UInt32(IN_CLOSE_WRITE) != 0 {
                        debouncer.closed(name)
                    } else if mask & UInt32(IN_MODIFY) != 0 {
                        debouncer.cancel(name) // written again after a close: wait for the next close
                    } else if mask & UInt32(IN_ATTRIB) != 0 {
                        // Not a sign the writer is done (chmod/utime on an open file): see the case's doc.
                        continuation.yield(.attributesChanged(name: name))
                    } else {
                        switch created(folder + "/" + name) {
                        case .other: createdDebouncer.closed(name) // FIFO, socket, symlink: only ever IN_CREATE
                        // A link to a complete file: like a name moved in; a write and close
                        // after it only restart the quiet period.
                        case .hardLink: debouncer.closed(name, after: movedInQuietPeriod)
                        case .regularFile: break // still being written: wait for its close
                        }
                    }
                } else if name.isEmpty, mask & UInt32(IN_ATTRIB) != 0 {
                    // The watched folder's own permissions changed: articles that arrived while
                    // it was unsearchable may be readable now.
                    continuation.yield(.folderAttributesChanged)
                }
            }
        }
    }
}
