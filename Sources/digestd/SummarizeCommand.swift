import ArgumentParser
import DigestService
import Foundation
import Inbox
import Summarizer

/// `digestd summarize [FILE…|-] [-n N | --ratio R] [--format text|json] [--language L]`.
struct SummarizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        _superCommandName: SubcommandDispatch.superCommandName,
        abstract: "Print the chosen sentences of each article, one per line, in document order.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Article files; '-' or none reads standard input.")
    var files: [String] = []

    @Option(name: [.customShort("n"), .long], help: "Sentences per article (at least 1; default 3).")
    var sentences: Int?

    @Option(help: "Choose round(R × sentences in the article), at least 1, instead of -n.")
    var ratio: Double?

    @Option(help: "Snowball language name (english, german, …) instead of detecting it.")
    var language: String?

    @Option(help: "Output format.")
    var format: Format = .text

    /// An unparsed command, for ArgumentParser (`ParsableArguments` requires it).
    init() {}

    /// A command with these values, as if parsed (``PlainSummarizeArguments/parse(_:)``).
    init(files: [String], sentences: Int?, ratio: Double?, language: String?, format: Format) {
        self.files = files
        self.sentences = sentences
        self.ratio = ratio
        self.language = language
        self.format = format
    }

    func validate() throws {
        if let sentences, sentences < 1 { throw ValidationError("-n must be at least 1") }
        if let ratio, !(ratio > 0 && ratio <= 1) { throw ValidationError("--ratio must be in (0, 1]") }
        if sentences != nil, ratio != nil { throw ValidationError("give either -n or --ratio, not both") }
        try Self.validate(language: language)
    }

    /// Refuses a `--language` that names no Snowball algorithm (exit 64, with the list).
    static func validate(language: String?) throws {
        if let language, !SnowballStemmer.algorithms.contains(language) {
            throw ValidationError("unknown language '\(language)' (one of: \(SnowballStemmer.algorithms.joined(separator: ", ")))")
        }
    }

    func run() throws {
        let summarizer = Summarizer(options: SummaryOptions(sentences: sentences ?? 3, ratio: ratio, language: language))
        var out = ""
        var json: [[String: Any]] = []
        var empty = false
        let inputs = try InputFiles.read(files)
        for input in inputs {
            if input.reportIfEmpty() {
                empty = true
                continue
            }
            let summary = summarizer.summarize(input.reading.article)
            switch format {
            case .text:
                // Several inputs: each summary under a head(1)-style header naming its file, a
                // blank line after it (as `extract` does), so that no two summaries run together.
                if inputs.count > 1 { out += "==> \(ProblemText.escaped(input.name)) <==\n" }
                for sentence in summary.sentences { out += sentence.text + "\n" }
                if inputs.count > 1 { out += "\n" }
            case .json:
                json.append([
                    "file": input.name, "title": summary.title.map { $0 as Any } ?? NSNull(), "language": summary.language,
                    "sentences": summary.sentences.map { ["index": $0.index, "text": $0.text] },
                    "keywords": summary.keywords, "wordCount": summary.wordCount, "sentenceCount": summary.sentenceCount,
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
}

/// `digestd segment [FILE|-] [--language L]`: every sentence of the body, one per line.
///
/// The article is read as `extract` reads it. A title the format names (HTML `<title>`/`<h1>`,
/// Markdown heading, e-mail Subject) is not a body sentence and is not printed; when the body
/// holds no sentence, the title's sentences are printed (a summary then gives the title as its
/// one sentence). Plain text is segmented whole, its first line included: the headline of plain
/// text is a guess of the summarizer's first-line rule (``Article/init(text:)``), not part of
/// the format, and it is always a segment of its own (a blank line follows it), so the output
/// shows where that rule cuts. The shared sentence-boundary evaluations (`sbd_golden.py`,
/// `sbd_multi.py`) run `segment -` on whole texts and count that line: leaving it out lost 6 of
/// the 48 English golden rules and a Spanish case whose letterhead line the rule takes for a
/// headline. A line without any letter or digit (`____`, `* * *`) is printed as a segment of its
/// own, so the output shows the whole division of the body; summaries never take such a line as
/// a sentence. An input with no text is one line on standard error and exit 65.
struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        _superCommandName: SubcommandDispatch.superCommandName,
        abstract: "Print every sentence of an article's body, one per line.")

    @Argument(help: "An article file; '-' or none reads standard input.")
    var file: String?

    @Option(help: "Snowball language name instead of detecting it.")
    var language: String?

    func validate() throws {
        try SummarizeCommand.validate(language: language)
    }

    func run() throws {
        guard let input = try InputFiles.read(file.map { [$0] } ?? []).first else { return }
        if input.reportIfEmpty() { throw ExitCode.dataError }
        let article = input.reading.article
        let language = language ?? LanguageDetector().detect((article.title ?? "") + "\n" + article.body)
        let segmenter = SentenceSegmenter(language: language, keepsSeparatorLines: true)
        var sentences = segmenter.segment(article.body)
        if sentences.isEmpty, let title = article.title, !title.isEmpty { sentences = segmenter.segment(title) }
        var out = ""
        for sentence in sentences { out += sentence + "\n" }
        try writeOutput(out)
    }
}
