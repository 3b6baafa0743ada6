import Logging

/// A swift-log handler that writes native journal entries with `sd_journal_sendv`.
///
/// Each message becomes one entry with these fields:
/// - `MESSAGE`, `PRIORITY` (see ``JournalPriority``), `SYSLOG_IDENTIFIER`,
///   `CODE_FILE`, `CODE_LINE`, `CODE_FUNC`, and `DIGESTD_LOGGER` (the logger's label);
/// - every metadata pair (provider, handler, then the call's own, later ones
///   winning) as `NAME=value`, the name made valid with
///   ``JournalFieldName/sanitize(_:)``. A name that would collide with one of
///   the fields above gets an `X_` prefix; an empty name is dropped, with a
///   debug entry saying so;
/// - `TRUNCATED=1` when any value was cut.
///
/// Values pass through ``JournalValue/clean(_:maxBytes:)``: no control
/// characters (journald would store the value as a blob) and at most
/// ``maxValueBytes`` bytes each.
///
/// - Important: Logging never throws and never ends the process. When
///   `sd_journal_sendv` fails, the entry is written to stderr as a
///   ``StderrLogHandler`` line and counted; once a send succeeds again, one
///   warning entry "N log messages lost" follows (``MessageID/logMessagesLost``).
///   `sd_journal_sendv` drops entries silently when the journal socket does
///   not exist, so choose this handler only when it does
///   (``JournalLogging/chooseBackend(environment:journalSocketExists:stderr:)``).
package struct JournalLogHandler: LogHandler {
    /// The cap on each field value, in bytes of UTF-8 including the `…` mark.
    package static let maxValueBytes = JournalValue.defaultMaxBytes

    /// Fields this handler sets itself; metadata cannot override them.
    static let ownFields: Set<String> = [
        "MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", "CODE_FILE", "CODE_LINE", "CODE_FUNC",
        JournalField.logger, JournalField.truncated,
    ]

    /// Metadata attached to every message of this handler.
    package var metadata: Logger.Metadata = [:]
    /// A provider of contextual metadata, merged under ``metadata`` and the call's own.
    package var metadataProvider: Logger.MetadataProvider?
    /// Messages below this level are not sent.
    package var logLevel: Logger.Level = .info
    /// The logger's label, sent as `DIGESTD_LOGGER`.
    package let label: String
    /// The value of `SYSLOG_IDENTIFIER` (the name `journalctl -t` selects on).
    package var identifier: String { sink.identifier }

    let sink: JournalSink

    /// Creates a handler that sends to the system journal.
    ///
    /// Handlers made with the same `sink` share one count of lost entries; use
    /// ``JournalLogging/bootstrap(identifier:level:backend:environment:)`` rather
    /// than this initializer in a program.
    ///
    /// - Parameters:
    ///   - label: The logger's label.
    ///   - identifier: `SYSLOG_IDENTIFIER` of every entry.
    ///   - metadataProvider: Contextual metadata, if any.
    package init(label: String, identifier: String = "digestd", metadataProvider: Logger.MetadataProvider? = nil) {
        self.init(label: label, sink: JournalSink(identifier: identifier), metadataProvider: metadataProvider)
    }

    init(label: String, sink: JournalSink, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.sink = sink
        self.metadataProvider = metadataProvider
    }

    /// Gets or sets one metadata value of this handler.
    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Sends the event as one journal entry (or, if that fails, one stderr line).
    ///
    /// - Parameter event: The message, its level, metadata and source location.
    package func log(event: LogEvent) {
        let merged = event.mergedMetadata(provider: metadataProvider, handler: metadata)

        let entry = Self.fields(
            level: event.level, message: event.message.description, metadata: merged,
            identifier: sink.identifier, label: label,
            file: event.file, function: event.function, line: event.line
        )
        sink.deliver(entry.fields) {
            StderrLogHandler.line(level: event.level, message: event.message.description, metadata: merged)
        }
        if entry.droppedEmptyNames > 0 && logLevel <= .debug {
            let note = Self.fields(
                level: .debug,
                message: "dropped \(entry.droppedEmptyNames) metadata pair(s) with an empty field name",
                metadata: [:], identifier: sink.identifier, label: label,
                file: event.file, function: event.function, line: event.line
            )
            sink.deliver(note.fields) { "debug dropped metadata pair(s) with an empty field name" }
        }
    }

    /// The `FIELD=value` strings of one entry, in a fixed order.
    ///
    /// - Returns: the fields, and how many metadata pairs were dropped because
    ///   their name was empty.
    static func fields(
        level: Logger.Level, message: String, metadata: Logger.Metadata,
        identifier: String, label: String,
        file: String, function: String, line: UInt,
        maxValueBytes: Int = maxValueBytes
    ) -> (fields: [String], droppedEmptyNames: Int) {
        var fields: [String] = []
        fields.reserveCapacity(8 + metadata.count)
        var truncated = false
        func add(_ name: String, _ value: String) {
            let cleaned = JournalValue.clean(value, maxBytes: maxValueBytes)
            truncated = truncated || cleaned.truncated
            fields.append(name + "=" + cleaned.text)
        }
        add("MESSAGE", message)
        add("PRIORITY", String(JournalPriority(level).rawValue))
        add("SYSLOG_IDENTIFIER", identifier)
        add("CODE_FILE", file)
        add("CODE_LINE", String(line))
        add("CODE_FUNC", function)
        add(JournalField.logger, label)
        var dropped = 0
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            guard var name = JournalFieldName.sanitize(key) else {
                dropped += 1
                continue
            }
            if ownFields.contains(name) {
                name = String(("X_" + name).prefix(JournalFieldName.maxLength))
            }
            add(name, Self.string(value))
        }
        if truncated { fields.append(JournalField.truncated + "=1") }
        return (fields, dropped)
    }

    /// A metadata value as text: strings as they are, others by their description.
    static func string(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): return text
        case .stringConvertible(let convertible): return convertible.description
        case .array, .dictionary: return value.description
        }
    }
}
