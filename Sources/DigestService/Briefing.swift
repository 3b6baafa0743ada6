import CGMime
import Digest
import Foundation
import Ledger

/// The morning briefing: one day's digest as one e-mail (issue 16).
///
/// The message is MIME `multipart/alternative` (RFC 2046 §5.1.4): a `text/plain` part holding
/// the Markdown digest, then a `text/html` part holding the HTML digest with its style sheet
/// inlined and no external resources (``MailHTML``); both UTF-8, quoted-printable. Headers
/// (RFC 5322): `From` (``Configuration/mailFrom``, default `digestd@` the host name), `To`
/// (``Configuration/mailTo``), `Subject` "Digest for Monday, 30 November 2026 — 12 articles"
/// (RFC 2047 encoded words where it is not ASCII), `Date`, `Message-ID`, `MIME-Version`. Built
/// and serialized with GMime 3.
package enum Briefing {
    /// A built message.
    package struct Message: Sendable {
        /// The day told, `YYYY-MM-DD`.
        package let day: String
        /// The Subject, unencoded.
        package let subject: String
        /// The Message-ID, without angle brackets.
        package let messageID: String
        /// Articles in the day.
        package let articles: Int
        /// The whole message, RFC 5322 with LF line ends (what `sendmail -t` reads).
        package let bytes: [UInt8]
    }

    /// The Subject of a day's briefing.
    package static func subject(day: String, articles: Int) -> String {
        "Digest for \(MarkdownDigest.longDate(day)) — \(articles == 1 ? "1 article" : "\(articles) articles")"
    }

    /// The day a briefing tells when none is given: ``Configuration/briefingDay`` (`yesterday` or
    /// `today`) in the configured time zone, at `now`.
    package static func defaultDay(_ configuration: Configuration, now: Date) -> String {
        let calendar = DayCalendar(identifier: configuration.timezone) ?? DayCalendar(timeZone: .current)
        let today = calendar.day(of: now)
        return configuration.briefingDay == "today" ? today : previousDay(today)
    }

    /// The day before `day` (`YYYY-MM-DD`, proleptic Gregorian).
    package static func previousDay(_ day: String) -> String {
        let p = day.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return day }
        var (y, m, d) = (p[0], p[1], p[2] - 1)
        if d == 0 {
            m -= 1
            if m == 0 { m = 12; y -= 1 }
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
            d = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        }
        func pad(_ v: Int, _ n: Int) -> String { String(repeating: "0", count: max(0, n - String(v).count)) + String(v) }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// This machine's host name (`gethostname(2)`), `localhost` when it has none.
    package static func hostname() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }

    /// Builds `day`'s briefing from the ledger.
    /// - Parameters:
    ///   - now: the Date header's instant, shown in the configured time zone.
    ///   - host: the host name for the default sender and the Message-ID.
    /// - Throws: ``LedgerError`` when the ledger cannot be read, ``DigestTemplateError`` when this
    ///   build's templates are broken, ``BriefingError/build(_:)`` when GMime fails.
    package static func build(day: String, configuration: Configuration, ledger: Ledger,
                             now: Date = Date(), host: String = Briefing.hostname()) throws -> Message {
        let writer = DigestWriter(output: configuration.output, ledger: ledger,
                                  formats: [.markdown, .html], feedDays: configuration.feedDays)
        let markdown = try writer.render(day: day, format: .markdown)
        let html = MailHTML.inline(page: try writer.render(day: day, format: .html))
        let articles = try ledger.count(day: day)
        let subject = subject(day: day, articles: articles)
        let from = configuration.mailFrom.isEmpty ? "digestd <digestd@\(host)>" : configuration.mailFrom
        return try compose(day: day, subject: subject, from: from, to: configuration.mailTo, text: markdown, html: html,
                           articles: articles, now: now, timezone: configuration.timezone, host: host)
    }

    /// The UTC offset of `timezone` (`"system"` or a name ``DayCalendar`` knows) at `now`, as
    /// GLib's constant-offset identifier `±HH:MM` (whole seconds of an offset are dropped);
    /// `+00:00` for a name no zone has (the configuration refuses those).
    static func utcOffsetText(timezone: String, at now: Date) -> String {
        let seconds = DayCalendar(identifier: timezone)?.utcOffset(at: now) ?? 0
        let minutes = abs(seconds) / 60
        let hh = minutes / 60, mm = minutes % 60
        return (seconds < 0 ? "-" : "+") + (hh < 10 ? "0" : "") + String(hh) + ":" + (mm < 10 ? "0" : "") + String(mm)
    }

    /// The message from its parts, serialized by GMime (opened on first use, ``CGMime``).
    /// - Throws: ``BriefingError/build(_:)`` when GMime cannot be loaded or fails.
    static func compose(day: String, subject: String, from: String, to: String, text: String, html: String,
                        articles: Int, now: Date, timezone: String, host: String) throws(BriefingError) -> Message {
        guard digestd_gmime_open() != 0 else {
            throw .build("cannot load GMime (\(digestd_gmime_error().map { String(cString: $0) } ?? "unknown error")); install libgmime-3.0-0")
        }
        guard let message = digestd_g_mime_message_new(1) else { throw .build("g_mime_message_new failed") }
        defer { digestd_gmime_unref(UnsafeMutableRawPointer(message)) }
        digestd_g_mime_message_set_subject(message, subject, "utf-8")
        // Date: now, at the configured zone's offset as the day bucketing sees it (DayCalendar,
        // Foundation's tz database reading), handed to GLib as a fixed "+HH:MM" offset. GLib
        // given the name itself read one without a tz file as a POSIX TZ string, whose sign is
        // the other way round: "GMT+5" was UTC+5 to the days and -0500 in the Date header.
        let zone = digestd_g_time_zone_new_identifier(Self.utcOffsetText(timezone: timezone, at: now))
        defer { if let zone { digestd_g_time_zone_unref(zone) } }
        if let utc = digestd_g_date_time_new_from_unix_utc(Int64(now.timeIntervalSince1970)) {
            defer { digestd_g_date_time_unref(utc) }
            if let zone, let local = digestd_g_date_time_to_timezone(utc, zone) {
                digestd_g_mime_message_set_date(message, local)
                digestd_g_date_time_unref(local)
            } else {
                digestd_g_mime_message_set_date(message, utc)
            }
        }
        guard let generated = digestd_g_mime_utils_generate_message_id(host) else { throw .build("no Message-ID") }
        let messageID = String(cString: generated)
        digestd_gmime_free(generated)
        digestd_g_mime_message_set_message_id(message, messageID)
        let addresses = [(Int32(DIGESTD_GMIME_ADDRESS_TYPE_FROM), from), (Int32(DIGESTD_GMIME_ADDRESS_TYPE_TO), to)]
        for (type, value) in addresses where !value.isEmpty {
            guard let parsed = digestd_internet_address_list_parse(nil, value) else { throw .build("cannot parse the address \"\(value)\"") }
            defer { digestd_gmime_unref(UnsafeMutableRawPointer(parsed)) }
            digestd_internet_address_list_append(digestd_g_mime_message_get_addresses(message, type), parsed)
        }
        guard let alternative = digestd_g_mime_multipart_new_with_subtype("alternative") else { throw .build("no multipart") }
        defer { digestd_gmime_unref(UnsafeMutableRawPointer(alternative)) }
        for (subtype, content) in [("plain", text), ("html", html)] {
            guard let part = digestd_g_mime_text_part_new_with_subtype(subtype) else { throw .build("no text part") }
            defer { digestd_gmime_unref(UnsafeMutableRawPointer(part)) }
            // The content as UTF-8 bytes, declared so (g_mime_text_part_set_text would convert it
            // to the narrowest charset that holds it, such as ISO-8859-1).
            let asPart = cgmime_text_part_as_part(part)
            var bytes = Array(content.utf8)
            guard let stream = bytes.withUnsafeMutableBytes({ raw in
                digestd_g_mime_stream_mem_new_with_buffer(raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count)
            }) else { throw .build("no stream") }
            defer { digestd_gmime_unref(UnsafeMutableRawPointer(stream)) }
            let encoding = Int32(DIGESTD_GMIME_CONTENT_ENCODING_DEFAULT)
            guard let wrapper = digestd_g_mime_data_wrapper_new_with_stream(stream, encoding) else { throw .build("no data wrapper") }
            defer { digestd_gmime_unref(UnsafeMutableRawPointer(wrapper)) }
            digestd_g_mime_part_set_content(asPart, wrapper)
            digestd_g_mime_text_part_set_charset(part, "utf-8")
            digestd_g_mime_part_set_content_encoding(asPart, Int32(DIGESTD_GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE))
            digestd_g_mime_multipart_add(alternative, cgmime_text_part_as_object(part))
        }
        digestd_g_mime_message_set_mime_part(message, cgmime_multipart_as_object(alternative))
        guard let serialized = digestd_g_mime_object_to_string(cgmime_message_as_object(message), nil) else {
            throw .build("cannot serialize the message")
        }
        let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(serialized).assumingMemoryBound(to: UInt8.self), count: strlen(serialized)))
        digestd_gmime_free(serialized)
        return Message(day: day, subject: subject, messageID: messageID, articles: articles, bytes: bytes)
    }

    /// Pipes `message` to the sendmail command (`sendmail` split on spaces; the first word is the
    /// program) and waits for it.
    /// - Throws: ``BriefingError/sendmail(command:status:output:)`` with the program's own
    ///   message when it cannot be started or exits non-zero.
    package static func send(_ message: Message, command: String) throws(BriefingError) {
        let words = command.split(separator: " ").map(String.init)
        guard let program = words.first else { throw .sendmail(command: command, status: -1, output: "no sendmail program configured") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(words.dropFirst())
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            let e = access(program, X_OK) == 0 ? EIO : errno
            throw .sendmail(command: command, status: -1, output: "cannot start \(program): \(String(cString: strerror(e)))")
        }
        // Read the program's messages while writing, so that neither side waits on a full pipe.
        let collected = OutputCollector()
        let messages = output.fileHandleForReading
        let reader = Thread { collected.set(messages.readDataToEndOfFile()) }
        reader.start()
        let fd = input.fileHandleForWriting.fileDescriptor
        signal(SIGPIPE, SIG_IGN)
        var offset = 0
        message.bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { if n < 0, errno == EINTR { continue }; break }
                offset += n
            }
        }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        let text = collected.wait().trimmingCharacters(in: .whitespacesAndNewlines)
        let status = process.terminationStatus
        if process.terminationReason != .exit || status != 0 || offset < message.bytes.count {
            throw .sendmail(command: command, status: status,
                            output: text.isEmpty ? (offset < message.bytes.count ? "it stopped reading the message" : "no message") : text)
        }
    }
}

/// The output of a child process, read on another thread.
// @unchecked Sendable: `data` is written once, by the reader thread, before `done.signal()`, and
// read only after `done.wait()` returns; the semaphore orders the write before the read.
private final class OutputCollector: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    func set(_ data: Data) {
        self.data = data
        done.signal()
    }

    func wait() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}

/// Why a briefing could not be built or sent.
package enum BriefingError: Error, Equatable, CustomStringConvertible {
    /// GMime could not build the message.
    case build(String)
    /// The sendmail program failed: its exit status (-1 when it did not start) and its message.
    case sendmail(command: String, status: Int32, output: String)

    package var description: String {
        switch self {
        case .build(let why): "cannot build the briefing: \(why)"
        case .sendmail(let command, let status, let output):
            status < 0 ? "sendmail failed (\(command)): \(output)" : "sendmail failed (\(command), exit status \(status)): \(output)"
        }
    }
}
