import CSystemd
import Foundation

/// Delivers entries to journald and keeps count of the ones that did not get there.
///
/// Shared by every ``JournalLogHandler`` made by one bootstrap, so the count of
/// lost entries is one number for the process. A send that fails (`< 0`) puts
/// the entry on stderr instead; the first send that succeeds after failures is
/// followed by one entry "N log messages lost" (field case F49).
final class JournalSink: @unchecked Sendable {
    // @unchecked Sendable: the only mutable state, `lost`, is read and written
    // under `lock`; `send` and `fallback` are immutable `@Sendable` closures.

    /// Sends one entry, one element per `FIELD=value`; returns the result of
    /// `sd_journal_sendv` (`>= 0` sent, `< 0` a negative errno).
    let send: @Sendable ([String]) -> Int32
    /// Writes one line to stderr.
    let fallback: @Sendable (String) -> Void
    let identifier: String
    private let lock = NSLock()
    private var lost = 0

    init(
        identifier: String,
        send: @escaping @Sendable ([String]) -> Int32 = JournalSink.sendv,
        fallback: @escaping @Sendable (String) -> Void = StderrLogHandler.writeLine
    ) {
        self.identifier = identifier
        self.send = send
        self.fallback = fallback
    }

    /// The number of entries that went to stderr since the last report.
    var lostCount: Int { lock.withLock { lost } }

    /// Sends `fields`; on failure writes `line()` to stderr and counts a loss.
    ///
    /// Never throws and never ends the process: logging must not take the
    /// service down.
    func deliver(_ fields: [String], line: () -> String) {
        let result = send(fields)
        guard result >= 0 else {
            lock.withLock { lost += 1 }
            fallback(line() + " [journal send failed: \(Self.errnoName(-result))]")
            return
        }
        let count = lock.withLock { () -> Int in
            let count = lost
            lost = 0
            return count
        }
        guard count > 0 else { return }
        let report = [
            "MESSAGE=\(count) log messages lost (journal send failed; they went to stderr)",
            "PRIORITY=\(JournalPriority.warning.rawValue)",
            "SYSLOG_IDENTIFIER=\(identifier)",
            "\(JournalField.messageID)=\(MessageID.logMessagesLost)",
            "\(JournalField.lostMessages)=\(count)",
        ]
        if send(report) < 0 {
            lock.withLock { lost += count }
        }
    }

    /// `sd_journal_sendv` over an array of `FIELD=value` strings, one iovec each.
    ///
    /// - Returns: `sd_journal_sendv`'s result: 0 when sent, or dropped because the
    ///   journal socket does not exist; a negative errno on failure.
    static let sendv: @Sendable ([String]) -> Int32 = { fields in
        guard !fields.isEmpty else { return 0 }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(fields.reduce(0) { $0 + $1.utf8.count })
        var spans: [(offset: Int, count: Int)] = []
        spans.reserveCapacity(fields.count)
        for field in fields {
            spans.append((buffer.count, field.utf8.count))
            buffer.append(contentsOf: field.utf8)
        }
        return buffer.withUnsafeMutableBytes { raw -> Int32 in
            guard let base = raw.baseAddress else { return 0 }
            let vectors = spans.map { iovec(iov_base: base + $0.offset, iov_len: $0.count) }
            return vectors.withUnsafeBufferPointer { digestd_sd_journal_sendv($0.baseAddress, Int32($0.count)) }
        }
    }

    static func errnoName(_ code: Int32) -> String {
        "errno \(code) (\(String(cString: strerror(code))))"
    }
}
