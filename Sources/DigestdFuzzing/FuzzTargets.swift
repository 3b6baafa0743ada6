// The libFuzzer targets' bodies (issue 13), one per place where outside bytes enter digestd. They
// live in the main package so that they can reach its `package` declarations; the Fuzz/ package
// (built apart with -sanitize=fuzzer,address by scripts/fuzz) only selects one and drives it.
import Digest
import DigestService
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Inbox
import Ledger
import Summarizer

/// The fuzz targets, by name: each takes one input of arbitrary bytes. The binary is one
/// libFuzzer executable; `DIGESTD_FUZZ_TARGET` selects the target (scripts/fuzz sets it).
public enum FuzzTargets {
    /// Every target: its name (the `DIGESTD_FUZZ_TARGET` value) and its one-input function.
    public static let all: [String: @Sendable ([UInt8]) -> Void] = [
        "decode": decode,
        "html": { extract($0, name: "page.html") },
        "email": { extract($0, name: "letter.eml") },
        "markdown": { extract($0, name: "note.md") },
        "segment": segment,
        "summarize": summarize,
        "render": render,
        "config": config,
        "filename": fileName,
    ]

    /// Text decoding: UTF-8, UTF-16 with BOM, Windows-1252 fallback, binary detection.
    static func decode(_ bytes: [UInt8]) {
        _ = TextDecoder.decode(bytes)
    }

    /// The HTML, e-mail and Markdown extractors, through the intake's public entry point.
    static func extract(_ bytes: [UInt8], name: String) {
        let text = TextDecoder.decode(bytes)?.text ?? String(decoding: bytes, as: UTF8.self)
        _ = ArticleExtractor.extract(name: name, bytes: bytes, text: text)
    }

    /// Sentence segmentation of arbitrary text.
    static func segment(_ bytes: [UInt8]) {
        _ = SentenceSegmenter().segment(String(decoding: bytes, as: UTF8.self))
    }

    /// The whole summarizer: first line as title, rest as body, language detected.
    static func summarize(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let summary = Summarizer(options: SummaryOptions(sentences: 3)).summarize(text)
        precondition(summary.sentences.count <= 3, "more sentences than asked for")
    }

    /// The four renderers, fed records made from the input: fields split at NUL bytes (title,
    /// sentences…, keywords, path), numbers from the first bytes. JSON must parse, Atom must be
    /// well-formed XML: anything else is a crash for the fuzzer to report.
    static func render(_ bytes: [UInt8]) {
        let fields = bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        func field(_ i: Int) -> String { i < fields.count ? fields[i] : "" }
        let number = bytes.prefix(8).reduce(Int64(0)) { $0 &* 256 &+ Int64($1) }
        var articles: [ArticleRecord] = []
        for k in 0..<max(1, min(3, fields.count / 4)) {
            articles.append(ArticleRecord(
                id: Int64(k + 1), path: "/in/" + field(4 * k + 3), sha256: "s\(k)", size: Int(truncatingIfNeeded: number),
                arrivedAt: number, utcOffset: Int(truncatingIfNeeded: number % 86_400), day: "2026-11-29",
                title: field(4 * k), sentences: [field(4 * k + 1), field(4 * k + 2)].filter { !$0.isEmpty },
                keywords: [field(4 * k + 2)], wordCount: Int(truncatingIfNeeded: number), sentenceCount: fields.count,
                language: field(4 * k + 1), boilerplateDropped: Int(truncatingIfNeeded: number)))
        }
        let digest = DayDigest(day: "2026-11-29", articles: articles)
        _ = MarkdownDigest.render(digest)
        _ = MarkdownDigest.parse(MarkdownDigest.render(digest))
        _ = try? HTMLDigest.render(digest, links: .init(output: "/out", feed: true))
        let json = JSONDigest.render(digest)
        precondition((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "JSON digest does not parse")
        if let atom = try? AtomFeed.render(days: [digest], output: "/out", html: true) {
            precondition(XMLParser(data: Data(atom.utf8)).parse(), "Atom feed is not well-formed")
        }
    }

    /// Configuration parsing (TOML, then every check).
    static func config(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        _ = try? Configuration.parse(text, file: "fuzz.toml")
    }

    /// File names: the name policy, the format by extension, and a name in every renderer.
    static func fileName(_ bytes: [UInt8]) {
        let name = String(decoding: bytes.filter { $0 != 0 && $0 != UInt8(ascii: "/") }, as: UTF8.self)
        _ = NamePolicy().accepts(name)
        _ = ArticleFormat(fileName: name)
        let record = ArticleRecord(id: 1, path: "/in/" + name, sha256: "s", size: 1, arrivedAt: 0, utcOffset: 0, day: "2026-11-29",
                                   title: name, sentences: ["A sentence."], keywords: [], wordCount: 2, sentenceCount: 1,
                                   language: "english")
        let digest = DayDigest(day: "2026-11-29", articles: [record])
        _ = MarkdownDigest.parse(MarkdownDigest.render(digest))
        _ = try? HTMLDigest.render(digest, links: .init(output: "/out", feed: false))
        _ = JSONDigest.render(digest)
    }
}
