#if canImport(Glibc)
import Glibc
#endif

/// A ``TextSink`` writing into an open file descriptor through a buffer of ``capacity`` bytes:
/// small pieces (an entry is about a kilobyte) are gathered and written with one `write(2)` per
/// buffer, a piece larger than half the buffer is written directly from its own storage.
///
/// A failed `write(2)` is kept (``failure``) and every later piece is dropped; the caller
/// (``AtomicFile/write(to:syncFolder:durable:_:)``) checks it before renaming anything into place.
package struct FileOutput: TextSink {
    /// Bytes gathered before a `write(2)`: 256 KiB, small enough to stay in the cache, large
    /// enough that a 25 MB file costs about a hundred system calls.
    static let capacity = 256 * 1024
    private let fd: Int32
    private var buffer: [UInt8] = []
    /// The errno of the first failed `write(2)`, if any.
    private(set) var failure: Int32?
    /// Bytes handed to the sink so far.
    private(set) var count = 0

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(Self.capacity)
    }

    package mutating func write(_ text: String) {
        if let done = text.utf8.withContiguousStorageIfAvailable({ append($0) }) { return done }
        append(Array(text.utf8))
    }

    package mutating func write(_ text: Substring) {
        if let done = text.utf8.withContiguousStorageIfAvailable({ append($0) }) { return done }
        append(Array(text.utf8))
    }

    /// Appends `bytes` as they are.
    package mutating func write(bytes: UnsafeBufferPointer<UInt8>) {
        append(bytes)
    }

    private mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        count += bytes.count
        if bytes.count > Self.capacity / 2 {
            // What the buffer holds came first: write it before the large piece.
            flush()
            writeAll(bytes)
            return
        }
        if buffer.count + bytes.count > Self.capacity { flush() }
        buffer.append(contentsOf: bytes)
    }

    /// Writes what the buffer holds.
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        if failure == nil { failure = buffer.withUnsafeBufferPointer { Self.writeAll($0, to: fd) } }
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) {
        if failure == nil { failure = Self.writeAll(bytes, to: fd) }
    }

    /// Writes all of `bytes` to `fd`, retrying short writes and `EINTR`.
    /// - Returns: the errno of a failed `write(2)`, nil when all were written.
    private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to fd: Int32) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var written = 0
        while written < bytes.count {
            let n = Glibc.write(fd, base + written, bytes.count - written)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += n
        }
        return nil
    }
}
