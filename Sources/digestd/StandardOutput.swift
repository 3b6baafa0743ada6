import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

/// Writes a command's whole output to standard output (file descriptor 1) with write(2).
///
/// Short writes are continued and `EINTR` retried. Straight to the descriptor, without
/// Foundation's `FileHandle`/`Data`: their first use costs a one-shot command a protocol
/// conformance scan at start-up (issue 15), and `FileHandle.write(_:)` traps on a failed write.
///
/// - Throws: ``ExitCode/ioError`` (74) after a message on standard error when a write fails
///   (for example `EPIPE` or `ENOSPC`).
func writeOutput(_ text: String) throws {
    var text = text
    try text.withUTF8 { try writeOutput(bytes: $0) }
}

/// Writes `bytes` to standard output, as ``writeOutput(_:)``.
func writeOutput(bytes: [UInt8]) throws {
    try bytes.withUnsafeBufferPointer { try writeOutput(bytes: $0) }
}

private func writeOutput(bytes: UnsafeBufferPointer<UInt8>) throws {
    guard var next = bytes.baseAddress else { return }
    var left = bytes.count
    while left > 0 {
        let written = write(1, next, left)
        if written < 0 {
            if errno == EINTR { continue }
            printError("cannot write to standard output: \(String(cString: strerror(errno)))")
            throw ExitCode.ioError
        }
        next += written
        left -= written
    }
}
