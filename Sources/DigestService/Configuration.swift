import Foundation
import Inbox
import Summarizer
import TOMLKit

/// The service's settings (digestd.toml(5), `packaging/digestd.toml`). Every key has a default; values are
/// checked when loaded, so a running service only ever holds a valid configuration.
package struct Configuration: Sendable, Equatable {
    /// The inbox folder (read-only to the service).
    package var watch: String = "./inbox"
    /// The digest folder.
    package var output: String = "./digests"
    /// The state folder (holds `digestd.sqlite`).
    package var state: String = "./.digestd"
    /// `"system"` or an IANA zone name; days are counted in it.
    package var timezone: String = "system"
    /// Digest formats written; `markdown` is always among them. The embedded default is the
    /// packaged configuration's: Markdown, HTML and Atom.
    package var formats: [String] = ["markdown", "html", "atom"]
    /// Days in the Atom feed (`feed_days`), at least 1.
    package var feedDays: Int = 7
    /// `prepare_workers`: articles read, extracted and summarized side by side during a burst;
    /// 0 (the default) means one per active core. Records and digest writes stay one at a time,
    /// in arrival order, whatever the number: the digest is the same byte for byte.
    package var prepareWorkers: Int = 0
    /// Sentences per summary, at least 1.
    package var sentences: Int = 3
    /// `"auto"` or a Snowball language name.
    package var language: String = "auto"
    /// Extensions taken from the inbox, without dots.
    package var extensions: [String] = NamePolicy.defaultExtensions
    /// Largest article read, in bytes.
    package var maxBytes: Int = 10_000_000
    /// Glob patterns of names never taken.
    package var ignore: [String] = NamePolicy.defaultIgnore
    /// Seconds between full rescans of the inbox, for file systems without inotify events; 0 = off.
    package var rescanInterval: Int = 0
    /// Largest `rescan_interval` accepted, in seconds (365 days): bounded at validation, so that
    /// no value overflows later as a `Duration` (`Task.sleep` traps on `Int.max` seconds).
    package static let maxRescanInterval = 365 * 86_400
    /// `[briefing] mail_to`: the briefing's recipients (RFC 5322 address list); empty = no briefing.
    package var mailTo: String = ""
    /// `[briefing] mail_from`: the sender; empty means `digestd@` the host name.
    package var mailFrom: String = ""
    /// `[briefing] sendmail`: the command the message is piped to (split on spaces; the first word
    /// is an absolute path). Every Debian MTA provides this interface.
    package var sendmail: String = "/usr/sbin/sendmail -t -oi"
    /// `[briefing] day`: the day a briefing tells by default, `"yesterday"` or `"today"`.
    package var briefingDay: String = "yesterday"

    /// The embedded defaults: `./inbox`, `./digests`, `./.digestd`.
    package init() {}

    /// Largest `prepare_workers` accepted.
    package static let maximumPrepareWorkers = 64

    /// Formats this build can write.
    package static let knownFormats = ["markdown", "html", "atom", "json"]

    /// Every key this build knows, by table (`""` for the top level); for "did you mean".
    package static let knownKeys: [String: [String]] = [
        "": ["watch", "output", "state", "timezone", "formats", "feed_days", "prepare_workers", "summary", "inbox", "briefing"],
        "summary": ["sentences", "language"],
        "inbox": ["extensions", "max_bytes", "ignore", "rescan_interval"],
        "briefing": ["mail_to", "mail_from", "sendmail", "day"],
    ]

    /// Parses a TOML configuration.
    /// - Parameters:
    ///   - text: the file's content.
    ///   - file: its name, for messages.
    /// - Throws: ``ConfigurationError/invalid(file:problems:)`` listing every problem, each with
    ///   the key and line: syntax errors, unknown keys, wrong types, out-of-range values.
    package static func parse(_ text: String, file: String) throws(ConfigurationError) -> Configuration {
        // toml++ skips a leading byte-order mark itself; drop it first so that the checks below
        // see line 1 as the parser does (`scripts/fuzz config` found BOM + `[[[` aborting it).
        let text = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        if let problem = badTableHeader(in: text) ?? braceAsValue(in: text) { throw .invalid(file: file, problems: [problem]) }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let line = error.source.begin.line
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let shown = line >= 1 && line <= lines.count ? String(lines[line - 1]) : ""
            throw .invalid(file: file, problems: ["line \(line): \(Self.plainSyntaxMessage(error.description, line: shown))"])
        } catch {
            throw .invalid(file: file, problems: ["\(error)"])
        }
        var config = Configuration()
        var problems: [String] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func problem(_ key: String, section: String?, _ message: String) {
            let shown = section.map { "\($0).\(key)" } ?? key
            let line = Self.line(of: key, in: section, lines: lines).map { "line \($0): " } ?? ""
            problems.append("\(line)\(shown): \(message)")
        }
        func string(_ value: TOMLValueConvertible, _ key: String, _ section: String?) -> String? {
            if let s = value.string { return s }
            problem(key, section: section, "must be a string"); return nil
        }
        func strings(_ value: TOMLValueConvertible, _ key: String, _ section: String?) -> [String]? {
            guard let array = value.array else { problem(key, section: section, "must be an array of strings"); return nil }
            var out: [String] = []
            for item in array {
                guard let s = item.string else { problem(key, section: section, "must be an array of strings"); return nil }
                out.append(s)
            }
            return out
        }
        func int(_ value: TOMLValueConvertible, _ key: String, _ section: String?, min: Int, max: Int = .max, unit: String = "") -> Int? {
            guard let v = value.int else { problem(key, section: section, "must be an integer"); return nil }
            if v < min { problem(key, section: section, "must be at least \(min), not \(v)"); return nil }
            if v > max { problem(key, section: section, "must be at most \(max)\(unit), not \(v)"); return nil }
            return v
        }
        for key in table.keys.sorted() {
            guard let value = table[key] else { continue }
            switch key {
            case "watch": if let s = string(value, key, nil) { config.watch = s }
            case "output": if let s = string(value, key, nil) { config.output = s }
            case "state": if let s = string(value, key, nil) { config.state = s }
            case "timezone":
                if let s = string(value, key, nil) {
                    if s == "system" || TimeZone(identifier: s) != nil { config.timezone = s } else {
                        problem(key, section: nil, "unknown time zone \"\(s)\" (use \"system\" or an IANA name such as \"Europe/Paris\")")
                    }
                }
            case "formats":
                if let list = strings(value, key, nil) {
                    let unknown = list.filter { !knownFormats.contains($0) }
                    if unknown.isEmpty { config.formats = list } else {
                        problem(key, section: nil, "unknown format \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")) (known: \(knownFormats.joined(separator: ", ")))")
                    }
                }
            case "feed_days": if let n = int(value, key, nil, min: 1) { config.feedDays = n }
            case "prepare_workers":
                if let n = int(value, key, nil, min: 0) {
                    if n <= Self.maximumPrepareWorkers { config.prepareWorkers = n } else {
                        problem(key, section: nil, "must be at most \(Self.maximumPrepareWorkers), not \(n) (0 = one per core)")
                    }
                }
            case "summary", "inbox", "briefing":
                guard let sub = value.table else { problem(key, section: nil, "must be a table"); continue }
                for subkey in sub.keys.sorted() {
                    guard let v = sub[subkey] else { continue }
                    switch (key, subkey) {
                    case ("summary", "sentences"): if let n = int(v, subkey, key, min: 1) { config.sentences = n }
                    case ("summary", "language"):
                        if let s = string(v, subkey, key) {
                            if s == "auto" || SnowballStemmer.algorithms.contains(s) { config.language = s } else {
                                problem(subkey, section: key, "unknown language \"\(s)\" (use \"auto\" or one of: \(SnowballStemmer.algorithms.joined(separator: ", ")))")
                            }
                        }
                    case ("inbox", "extensions"): if let l = strings(v, subkey, key) { config.extensions = l }
                    case ("inbox", "max_bytes"): if let n = int(v, subkey, key, min: 1) { config.maxBytes = n }
                    case ("inbox", "ignore"): if let l = strings(v, subkey, key) { config.ignore = l }
                    case ("inbox", "rescan_interval"):
                        if let n = int(v, subkey, key, min: 0, max: Self.maxRescanInterval, unit: " seconds (365 days)") { config.rescanInterval = n }
                    case ("briefing", "mail_to"):
                        if let s = string(v, subkey, key) {
                            if let bad = Self.addressProblem(s, list: true) { problem(subkey, section: key, bad) } else { config.mailTo = s }
                        }
                    case ("briefing", "mail_from"):
                        if let s = string(v, subkey, key) {
                            if let bad = Self.addressProblem(s, list: false) { problem(subkey, section: key, bad) } else { config.mailFrom = s }
                        }
                    case ("briefing", "sendmail"):
                        if let s = string(v, subkey, key) {
                            let program = s.split(separator: " ").first.map(String.init) ?? ""
                            if !program.hasPrefix("/") {
                                problem(subkey, section: key, "must start with an absolute program path, such as \"/usr/sbin/sendmail -t -oi\"")
                            } else { config.sendmail = s }
                        }
                    case ("briefing", "day"):
                        if let s = string(v, subkey, key) {
                            if ["yesterday", "today"].contains(s) { config.briefingDay = s } else {
                                problem(subkey, section: key, "must be \"yesterday\" or \"today\", not \"\(s)\"")
                            }
                        }
                    default: problem(subkey, section: key, Self.unknownKey(subkey, in: key))
                    }
                }
            default:
                problem(key, section: nil, Self.unknownKey(key, in: ""))
            }
        }
        problems += config.folderProblems()
        if !problems.isEmpty { throw .invalid(file: file, problems: problems) }
        return config
    }

    /// "unknown key", with the nearest known key of the same table when one is close
    /// (Levenshtein distance at most 2, or at most a third of the key's length).
    static func unknownKey(_ key: String, in table: String) -> String {
        guard let near = nearestKey(key, in: table) else { return "unknown key" }
        return "unknown key (did you mean \"\(near)\"?)"
    }

    /// The known key of `table` nearest to `key` by Levenshtein distance, if close enough; ties
    /// go to the first in ``knownKeys`` order.
    static func nearestKey(_ key: String, in table: String) -> String? {
        var best: (key: String, distance: Int)?
        for candidate in knownKeys[table] ?? [] {
            let d = levenshtein(Array(key.lowercased().unicodeScalars), Array(candidate.unicodeScalars))
            if d < (best?.distance ?? .max) { best = (candidate, d) }
        }
        guard let best, best.distance <= max(2, key.count / 3), best.distance < key.count else { return nil }
        return best.key
    }

    /// Edit distance (insertions, deletions, substitutions: Levenshtein 1966) between two strings.
    static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// A TOML parser message in plain words, for the line it was found on. toml++ words some
    /// errors for implementers ("unescaped control characters other than TAB …" for a string whose
    /// closing quote is missing); the common ones are told as a user sees them.
    static func plainSyntaxMessage(_ message: String, line: String) -> String {
        let lower = message.lowercased()
        let quotes = line.filter { $0 == "\"" }.count - line.components(separatedBy: "\\\"").count + 1
        let singles = line.filter { $0 == "'" }.count
        if lower.contains("control character") || lower.contains("end-of-file") || lower.contains("end of file")
            || lower.contains("unterminated") || lower.contains("closing") {
            if quotes % 2 == 1 || singles % 2 == 1 { return "a string is not closed (a quote is missing)" }
        }
        if lower.contains("closing ']'") || lower.contains("unterminated array") || (lower.contains("array") && lower.contains("expected")) {
            return "an array is not closed (a \"]\" is missing): \(message)"
        }
        if lower.contains("redefinition") || lower.contains("already defined") || lower.contains("duplicate") {
            return "a key or table is set twice: \(message)"
        }
        if lower.contains("expected") && (lower.contains("value") || lower.contains("'='") || lower.contains("key")) {
            return "a key needs a value after \"=\" (a string in quotes, a number, true/false or an array): \(message)"
        }
        return message
    }

    /// Why `text` is not a usable address (list), or nil. Checks the shape only: something@domain,
    /// optionally with a display name (`Ann <ann@example.org>`), separated by commas.
    static func addressProblem(_ text: String, list: Bool) -> String? {
        let parts = list ? text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } : [text.trimmingCharacters(in: .whitespaces)]
        if parts.isEmpty || parts.contains(where: \.isEmpty) {
            return text.isEmpty ? nil : "an empty address in \"\(text)\""
        }
        for part in parts {
            var address = Substring(part)
            if let open = part.lastIndex(of: "<") {
                guard part.hasSuffix(">") else { return "\"\(part)\" is not an address (a \">\" is missing)" }
                address = part[part.index(after: open)..<part.index(before: part.endIndex)]
            }
            let pieces = address.split(separator: "@", omittingEmptySubsequences: false)
            if pieces.count != 2 || pieces[0].isEmpty || pieces[1].isEmpty || address.contains(" ") || address.contains(where: { $0.isNewline }) {
                return "\"\(part)\" is not an address such as \"you@example.org\""
            }
        }
        return nil
    }

    /// The inbox is read-only input: the output and state folders must lie outside it, or the
    /// service would read its own digests as articles. Returns one message per overlap.
    package func folderProblems() -> [String] {
        func normalized(_ path: String) -> String {
            let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
            return URL(fileURLWithPath: absolute).standardizedFileURL.resolvingSymlinksInPath().path
        }
        let inbox = normalized(watch)
        var problems: [String] = []
        for (key, path) in [("output", output), ("state", state)] {
            let folder = normalized(path)
            if folder == inbox || folder.hasPrefix(inbox + "/") {
                problems.append("\(key): \(path) is inside the inbox \(watch); it must be a separate folder")
            }
        }
        return problems
    }

    /// Reads and parses the file at `path`.
    /// - Throws: ``ConfigurationError/unreadable(file:errno:)``,
    ///   ``ConfigurationError/notRegularFile(file:kind:)`` or ``ConfigurationError/invalid(file:problems:)``.
    package static func load(path: String) throws(ConfigurationError) -> Configuration {
        // A folder or FIFO is named as such (a FIFO would also block the read); without this a
        // folder was "cannot read: Input/output error".
        var st = stat()
        if stat(path, &st) != 0 { throw .unreadable(file: path, errno: errno) }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .notRegularFile(file: path, kind: "is a directory")
        default: throw .notRegularFile(file: path, kind: "not a regular file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(file: path, errno: access(path, R_OK) == 0 ? EIO : errno)
        }
        return try parse(try decode(Array(data), file: path), file: path)
    }

    /// A table header whose key starts with a character no key may start with (`[)`, `[.a]`,
    /// `[[=`), as a problem with its line; nil when there is none. toml++ 3 (inside TOMLKit)
    /// asserts on these instead of reporting them, which aborts the process in a debug build
    /// (found by `scripts/fuzz config`), so they are refused before the parser sees them.
    static func badTableHeader(in text: String) -> String? {
        // Scalars, not Characters: "\r\n" is one Character, and a header may follow one.
        for (i, line) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line.drop { $0 == " " || $0 == "\t" }
            guard rest.first == "[" else { continue }
            rest = rest.dropFirst()
            let arrayOfTables = rest.first == "["
            if arrayOfTables { rest = rest.dropFirst() }
            rest = rest.drop { $0 == " " || $0 == "\t" }
            guard let c = rest.first else { return "line \(i + 1): a table header must hold a key" }
            let keyStart = ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
                || c == "_" || c == "-" || c == "\"" || c == "'" || c == "]" || (c == "[" && !arrayOfTables)
            if !keyStart { return "line \(i + 1): a table header must start with a key, not \"\(c.escaped(asASCII: true))\"" }
        }
        return nil
    }

    /// A `}` where an array element should start (`[}`, `[1, }`), as a problem with its line; nil
    /// when there is none. toml++ 3 assumes this cannot happen (an assertion in a debug build,
    /// undefined behaviour in a release build; found by `scripts/fuzz config`). Strings and
    /// comments are skipped; a trailing comma before `}` in an inline table is refused too, as
    /// TOML 1.0 does.
    static func braceAsValue(in text: String) -> String? {
        var line = 1
        var previous: Unicode.Scalar = "\n" // last significant scalar outside strings and comments
        var quote: Unicode.Scalar?  // the open string's delimiter
        var triple = false, escaped = false, comment = false
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "\n" { line += 1; comment = false }
            if comment { i += 1; continue }
            if let q = quote {
                if escaped { escaped = false } else if c == "\\" && q == "\"" { escaped = true } else if c == q {
                    if !triple { quote = nil } else if i + 2 < scalars.count, scalars[i + 1] == q, scalars[i + 2] == q {
                        quote = nil
                        i += 2
                    }
                }
                i += 1
                continue
            }
            switch c {
            case "#": comment = true
            case "\"", "'":
                triple = i + 2 < scalars.count && scalars[i + 1] == c && scalars[i + 2] == c
                quote = c
                i += triple ? 2 : 0
                previous = c
            case " ", "\t", "\r", "\n": break
            case "}" where previous == "[" || previous == ",":
                return "line \(line): \"}\" where a value should be"
            default: previous = c
            }
            i += 1
        }
        return nil
    }

    /// The text of a configuration file: UTF-8, as TOML requires (TOML 1.0, "Spec"). Invalid
    /// UTF-8 is a configuration error naming the line and byte, never replaced silently.
    /// - Throws: ``ConfigurationError/invalid(file:problems:)``.
    static func decode(_ bytes: [UInt8], file: String) throws(ConfigurationError) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        // Find the first invalid sequence: decode scalar by scalar.
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0, line = 1
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                if s == "\n" { line += 1 }
                offset += UTF8.width(s)
            case .emptyInput: break loop
            case .error: break loop
            }
        }
        throw .invalid(file: file, problems: ["line \(line): not valid UTF-8 (byte \(offset + 1)); save the file as UTF-8"])
    }

    /// The 1-based line where `key` is set inside `[section]` (or at top level), if found.
    static func line(of key: String, in section: String?, lines: [String]) -> Int? {
        var current: String?
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                current = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).split(separator: "#").first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")) }
                // A top-level key that is a table (`[nope]`) is found at its header.
                if section == nil, current == key { return i + 1 }
                continue
            }
            let name = line.split(separator: "=", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            if name == key, current == section { return i + 1 }
            if section == nil, current == nil, name == key { return i + 1 }
            if let section, current == nil, name == "\(section).\(key)" { return i + 1 }
        }
        return nil
    }
}

/// Errors of loading the configuration; each message names the file, and the key and line.
/// ``description`` gives one line per problem: control characters of the file name, keys and
/// values are escaped (``ProblemText``).
package enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The file cannot be read.
    case unreadable(file: String, errno: Int32)
    /// The path names a folder, FIFO, socket or device: `kind` says which ("is a directory",
    /// "not a regular file").
    case notRegularFile(file: String, kind: String)
    /// The file has problems, one message per problem.
    case invalid(file: String, problems: [String])

    package var description: String {
        switch self {
        case .unreadable(let file, let e): "\(ProblemText.escaped(file)): cannot read: \(String(cString: strerror(e))) (errno \(e))"
        case .notRegularFile(let file, let kind): "\(ProblemText.escaped(file)): cannot read: \(kind)"
        case .invalid(let file, let problems):
            problems.map { "\(ProblemText.escaped(file)): \(ProblemText.escaped($0))" }.joined(separator: "\n")
        }
    }
}
