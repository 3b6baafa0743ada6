import ArgumentParser
import DigestService
import Foundation
import Inbox
import Summarizer

/// `digestd extract [FILE…|-] [--format text|json]`: what the summarizer sees of each article.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        _superCommandName: SubcommandDispatch.superCommandName,
        abstract: "Print the title and body text the summarizer reads from each article.",
        discussion: """
        Saved web pages, e-mails (.eml), Markdown and plain text are read as the service reads \
        them: the format comes from the extension, or is sniffed from the content for standard \
        input and unknown extensions. Text output is the title, a blank line, then the body \
        paragraphs separated by blank lines; for plain text the title is the first line when \
        the summarizer takes it as the headline. JSON (an array, one object per article) adds \
        the detected format, encoding and language; "title" is null when the article has none. \
        An input with no text is named on standard error and skipped; the exit status is then 65.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Article files, pipes or FIFOs; '-' or none reads standard input.")
    var files: [String] = []

    @Option(help: "Output format.")
    var format: Format = .text

    func run() throws {
        let inputs = try InputFiles.read(files)
        var out = ""
        var json: [[String: Any]] = []
        var empty = false
        for input in inputs {
            if input.reportIfEmpty() {
                empty = true
                continue
            }
            let article = input.article
            switch format {
            case .text:
                if inputs.count > 1 { out += "==> \(ProblemText.escaped(input.name)) <==\n" }
                if let title = article.title, !title.isEmpty { out += title + "\n\n" }
                let body = Self.trimmed(article.body)
                if !body.isEmpty { out += body + "\n" }
                if inputs.count > 1 { out += "\n" }
            case .json:
                let language = LanguageDetector().detect((article.title ?? "") + "\n" + article.body)
                json.append([
                    "file": input.name, "format": article.format.rawValue, "encoding": input.reading.encoding,
                    "repaired": input.reading.repaired, "language": language,
                    "title": article.title.map { $0 as Any } ?? NSNull(),
                    "paragraphs": article.body.components(separatedBy: "\n\n")
                        .map(Self.trimmed).filter { !$0.isEmpty },
                ])
            }
        }
        if format == .json {
            let data = try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            out = String(decoding: data, as: UTF8.self) + "\n"
        }
        try writeOutput(out)
        if empty { throw ExitCode.dataError }
    }

    /// `text` without leading and trailing white space and line breaks: Foundation's
    /// `whitespacesAndNewlines` (Unicode General Category Z*, U+0009–U+000D, U+0085), matched
    /// on scalars from both ends, without bridging the whole text to `NSString`.
    static func trimmed(_ text: String) -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x09...0x0D, 0x20, 0x85: return true
            case 0..<0x80: return false
            default:
                switch scalar.properties.generalCategory {
                case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
                default: return false
                }
            }
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(scalars[first...last])
    }
}
