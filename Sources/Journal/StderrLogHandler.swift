#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging

/// A swift-log handler that writes one readable line per message to stderr,
/// for use outside systemd (a terminal, a test, a container without journald).
///
/// Line format: `2026-11-29T15:06:00.123+01:00 info message key=value key="two words"`.
/// Metadata keys are sorted; control characters in the message and values
/// become spaces, so one message is always one line. Each line is written with
/// a single `write(2)` and is therefore never buffered and, up to `PIPE_BUF`
/// bytes, never interleaved with another thread's line.
///
/// - Important: Write errors (a closed stderr) are ignored: logging never
///   throws or ends the process.
package struct StderrLogHandler: LogHandler {
    /// Metadata attached to every message of this handler.
    package var metadata: Logger.Metadata = [:]
    /// A provider of contextual metadata, merged under ``metadata`` and the call's own.
    package var metadataProvider: Logger.MetadataProvider?
    /// Messages below this level are not written.
    package var logLevel: Logger.Level = .info
    /// The logger's label.
    package let label: String

    /// Creates a handler for the logger called `label`.
    ///
    /// - Parameters:
    ///   - label: The logger's label (not printed; kept for `LoggingSystem` factories).
    ///   - metadataProvider: Contextual metadata, if any.
    package init(label: String, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.metadataProvider = metadataProvider
    }

    /// Gets or sets one metadata value of this handler.
    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes the event as one line to stderr.
    ///
    /// - Parameter event: The message, its level, metadata and source location.
    package func log(event: LogEvent) {
        let merged = event.mergedMetadata(provider: metadataProvider, handler: metadata)
        Self.writeLine(Self.line(level: event.level, message: event.message.description, metadata: merged))
    }

    /// The line for one message, without the trailing newline.
    static func line(level: Logger.Level, message: String, metadata: Logger.Metadata, now: timespec = Self.now()) -> String {
        var line = timestamp(now) + " " + level.rawValue + " " + JournalValue.clean(message).text
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            line += " " + JournalValue.clean(key, maxBytes: JournalFieldName.maxLength).text + "=" + quoted(JournalValue.clean(value.description).text)
        }
        return line
    }

    /// Writes `line` and a newline to stderr in one `write(2)`.
    static let writeLine: @Sendable (String) -> Void = { line in
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(2, raw.baseAddress! + offset, raw.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }

    static func now() -> timespec {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return ts
    }

    /// ISO 8601 local time with milliseconds and UTC offset.
    static func timestamp(_ ts: timespec) -> String {
        var seconds = ts.tv_sec
        var parts = tm()
        localtime_r(&seconds, &parts)
        let offset = parts.tm_gmtoff / 60
        let sign = offset < 0 ? "-" : "+"
        let millis = Int(ts.tv_nsec / 1_000_000)
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))"
            + "T\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(millis, 3))"
            + "\(sign)\(pad(abs(offset) / 60, 2)):\(pad(abs(offset) % 60, 2))"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Quotes a value that holds spaces, quotes or `=`, or is empty.
    private static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
