import Foundation
import Ledger

/// Renders one day's digest as Markdown (CommonMark), and reads it back.
///
/// Layout:
/// ```
/// # Digest for Sunday, 29 November 2026
///
/// 2 articles.
///
/// ## <title>
///
/// <summary sentence 1>
/// <summary sentence 2>
///
/// *Source: `<file name>` · 523 words · 3 min read · 14:05 +02:00 · keywords: a, b*
/// ```
/// Article text is escaped for Markdown (a backslash before ASCII punctuation that Markdown would
/// interpret), so an article cannot inject markup; ``parse(_:)`` undoes it. Sentences are otherwise
/// verbatim, one per line, in document order. Entries come in arrival order.
package enum MarkdownDigest {
    /// Reading speed used for the reading time, in words per minute.
    package static let wordsPerMinute = 230

    /// The Markdown text of `day`'s digest.
    /// - Parameters:
    ///   - day: `YYYY-MM-DD`.
    ///   - articles: the day's articles, in arrival order.
    package static func render(day: String, articles: [ArticleRecord]) -> String {
        render(DayDigest(day: day, articles: articles))
    }

    /// The Markdown text of a day's digest: when the day has top stories, a section of them
    /// comes first (`### Top story: …`, the multi-document summary, then its members as a list,
    /// each with its title and source file name), followed by a thematic break; then the entry of
    /// every article in no top story, in arrival order. Each article is shown once, as in the
    /// HTML page; ``parse(_:)`` returns one entry per article (a member's without sentences).
    package static func render(_ digest: DayDigest) -> String {
        render(digest) { entry(digest.articles[$0]) }
    }

    /// ``render(_:)`` with the entry of the article at each index of ``DayDigest/articles`` given
    /// by `entry` (a memo of ``entry(_:)``, see ``DayCopy``); the text is the same.
    static func render(_ digest: DayDigest, entry: (Int) -> String) -> String {
        var out = ""
        render(digest, into: &out, entry: entry)
        return out
    }

    /// ``render(_:entry:)`` into `out` (a ``FileOutput`` streams it into the file), with each top
    /// story's section given by `story` (a memo of ``story(_:of:)``).
    static func render<Out: TextSink>(_ digest: DayDigest, into out: inout Out, entry: (Int) -> String,
                                      story: ((Int) -> String)? = nil) {
        let day = digest.day
        let articles = digest.articles
        var head = "# Digest for \(longDate(day))\n\n"
        let count = articles.count == 1 ? "1 article" : "\(articles.count) articles"
        switch digest.topStories.count {
        case 0: head += count + ".\n"
        case 1: head += count + "; 1 top story.\n"
        default: head += count + "; \(digest.topStories.count) top stories.\n"
        }
        out.write(head)
        for s in digest.topStories.indices { out.write(story?(s) ?? self.story(s, of: digest)) }
        if !digest.topStories.isEmpty { out.write("\n---\n") }
        for index in digest.singles { out.write(entry(index)) }
    }

    /// Top story `s` of `digest`: its heading, summary and the list of its members.
    static func story(_ s: Int, of digest: DayDigest) -> String {
        let story = digest.topStories[s]
        var text = "\n### Top story: \(escape(singleLine(story.headline)))\n\n"
        for sentence in story.summary { text += escape(singleLine(sentence)) + "\n" }
        text += story.summary.isEmpty ? "Reported in:\n\n" : "\nReported in:\n\n"
        for m in story.members {
            let name = ArticleFacts.sourceName(digest.articles[m])
            text += "- " + escape(singleLine(digest.articles[m].title)) + " (" + codeSpan(singleLine(name)) + ")\n"
        }
        return text
    }

    /// One article's entry: a blank line, its heading, its sentences, its meta line.
    static func entry(_ article: ArticleRecord) -> String {
        var out = "\n## \(escape(singleLine(article.title)))\n\n"
        for sentence in article.sentences {
            out += escape(singleLine(sentence)) + "\n"
        }
        if !article.sentences.isEmpty { out += "\n" }
        out += "*" + metaLine(article) + "*\n"
        return out
    }

    /// The line under an entry: source file name, word count, reading time, local arrival time with
    /// its UTC offset, and keywords.
    static func metaLine(_ article: ArticleRecord) -> String {
        let name = ArticleFacts.sourceName(article)
        let minutes = ArticleFacts.readingMinutes(article)
        var parts = [
            "Source: " + codeSpan(singleLine(name)),
            article.wordCount == 1 ? "1 word" : "\(article.wordCount) words",
            "\(minutes) min read",
            ArticleFacts.localTime(article),
        ]
        if !article.keywords.isEmpty {
            parts.append("keywords: " + article.keywords.map { escape(singleLine($0)) }.joined(separator: ", "))
        }
        return parts.joined(separator: " · ")
    }

    /// `HH:MM ±hh:mm` for an instant in milliseconds since the epoch and an offset in seconds.
    static func localTime(arrivedAt: Int64, utcOffset: Int) -> String {
        let local = arrivedAt / 1000 + Int64(utcOffset)
        let secondsOfDay = ((local % 86_400) + 86_400) % 86_400
        let sign = utcOffset < 0 ? "-" : "+"
        let off = abs(utcOffset) / 60
        return "\(two(Int(secondsOfDay / 3600))):\(two(Int(secondsOfDay % 3600 / 60))) \(sign)\(two(off / 60)):\(two(off % 60))"
    }

    private static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    private static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                                 "September", "October", "November", "December"]

    /// "Sunday, 29 November 2026" for "2026-11-29" (proleptic Gregorian; no locale involved).
    package static func longDate(_ day: String) -> String {
        let p = day.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3, (1...12).contains(p[1]) else { return day }
        // Sakamoto's day-of-week method.
        let t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = p[1] < 3 ? p[0] - 1 : p[0]
        let w = (y + y / 4 - y / 100 + y / 400 + t[p[1] - 1] + p[2]) % 7
        return "\(weekdays[w]), \(p[2]) \(months[p[1] - 1]) \(p[0])"
    }

    /// Whether `byte` is one of ``inlineSpecials`` (all ASCII).
    @inline(__always)
    private static func isInlineSpecialByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"): true
        default: false
        }
    }

    /// Characters that Markdown may read as markup anywhere in a line.
    private static let inlineSpecials: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">"]

    /// Backslash-escapes ASCII punctuation Markdown would interpret, and a leading list or
    /// heading marker (`- `, `+ `, `1. `).
    static func escape(_ text: String) -> String {
        // Most text needs no escape: a byte scan is much cheaper than walking Characters, and
        // these rules only ever fire on the ASCII bytes checked here.
        if let first = text.utf8.first, !"-+=#|0123456789".utf8.contains(first),
           !text.utf8.contains(where: Self.isInlineSpecialByte) {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for (i, ch) in text.enumerated() {
            if inlineSpecials.contains(ch) || (i == 0 && (ch == "-" || ch == "+" || ch == "=" || ch == "#" || ch == "|")) {
                out.append("\\")
            }
            out.append(ch)
        }
        // "1. " or "1) " at the start would open an ordered list.
        if let firstNonDigit = out.firstIndex(where: { !$0.isASCII || !$0.isNumber }), firstNonDigit != out.startIndex,
           out[firstNonDigit] == "." || out[firstNonDigit] == ")" {
            out.insert("\\", at: firstNonDigit)
        }
        return out
    }

    /// Removes the backslashes ``escape(_:)`` added.
    static func unescape(_ text: Substring) -> String {
        var out = ""
        var pendingBackslash = false
        for ch in text {
            if pendingBackslash {
                if !(ch.isASCII && ch.isPunctuation || ch.isASCII && ch.isSymbol) { out.append("\\") }
                out.append(ch)
                pendingBackslash = false
            } else if ch == "\\" {
                pendingBackslash = true
            } else {
                out.append(ch)
            }
        }
        if pendingBackslash { out.append("\\") }
        return out
    }

    /// Folds line breaks and other control characters to spaces (Markdown is line-based), and
    /// neutralises what would change how the line displays without being seen: bidirectional
    /// formatting characters (UAX #9 table 1: U+061C, U+200E/F, U+202A…U+202E, U+2066…U+2069),
    /// noncharacters, and invisible format characters other than ZWJ/ZWNJ (U+200B, U+2060…U+2064,
    /// U+FEFF, U+FFF9…U+FFFB, U+180E) become U+FFFD, so "\u{202E}gnp.exe" cannot show as
    /// "exe.png"; line and paragraph separators (U+2028, U+2029) become spaces.
    static func singleLine(_ text: String) -> String {
        // Control characters (Cc) are U+0000–001F and U+007F–009F: C0 and DEL are single bytes,
        // C1 starts with 0xC2 0x80–0x9F in UTF-8. Every other scalar handled here starts with
        // 0xD8 (U+061C), 0xE1 (U+180E), 0xE2 (U+2000 block), 0xEF (U+FDD0…, U+FEFF, U+FFFx) or is
        // outside the BMP (0xF0–0xF4); without any of those bytes the text is unchanged.
        var previous: UInt8 = 0
        var suspicious = false
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && (0x80...0x9F).contains(byte))
                || byte == 0xD8 || byte == 0xE1 || byte == 0xE2 || byte == 0xEF || byte >= 0xF0 {
                suspicious = true
                break
            }
            previous = byte
        }
        if !suspicious { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s.value {
            case 0x2028, 0x2029: out.append(" ")
            case 0x200B, 0x2060...0x2064, 0xFEFF, 0xFFF9...0xFFFB, 0x180E: out.append("\u{FFFD}")
            default:
                if s.properties.generalCategory == .control {
                    out.append(" ")
                } else if MarkupEscaping.isBidiControl(s) || MarkupEscaping.isNoncharacter(s) {
                    out.append("\u{FFFD}")
                } else {
                    out.append(s)
                }
            }
        }
        return String(out)
    }

    /// A code span that holds `text` even when it contains backticks.
    static func codeSpan(_ text: String) -> String {
        var fence = "`"
        while text.contains(fence) { fence += "`" }
        let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + pad + text + pad + fence
    }

    /// One entry read back from a digest: what a reader sees, unescaped.
    package struct Entry: Sendable, Equatable {
        /// The entry's heading.
        package let title: String
        /// The summary sentences, one per line.
        package let sentences: [String]
        /// The source file name from the meta line.
        package let source: String
    }

    /// Reads the entries of a digest written by ``render(day:articles:)``: first the members of
    /// the top stories (title and source, no sentences), then the other articles' entries.
    /// - Returns: nil when the text does not have the digest's shape (no day heading, an entry
    ///   without a meta line, a member line without its source, a truncated file).
    package static func parse(_ text: String) -> [Entry]? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.hasPrefix("# Digest for ") == true, text.hasSuffix("\n") else { return nil }
        var entries: [Entry] = []
        var title: String?
        var sentences: [String] = []
        var inStories = false
        for line in lines.dropFirst() {
            if line.hasPrefix("### Top story: ") {
                inStories = true
            } else if inStories, line == "---" {
                inStories = false
            } else if inStories {
                guard line.hasPrefix("- ") else { continue }
                guard let member = parseMember(line.dropFirst(2)) else { return nil }
                entries.append(member)
            } else if line.hasPrefix("## ") {
                if title != nil { return nil }
                title = unescape(line.dropFirst(3))
                sentences = []
            } else if line.hasPrefix("*Source: "), line.hasSuffix("*"), let t = title {
                let meta = line.dropFirst(9)
                let fence = meta.prefix(while: { $0 == "`" })
                guard !fence.isEmpty, let end = meta.dropFirst(fence.count).range(of: String(fence)) else { return nil }
                var source = String(meta[meta.index(meta.startIndex, offsetBy: fence.count)..<end.lowerBound])
                if fence.count > 1 || source.hasPrefix(" ") { source = source.trimmingCharacters(in: [" "]) }
                entries.append(Entry(title: t, sentences: sentences, source: source))
                title = nil
            } else if title != nil, !line.isEmpty {
                sentences.append(unescape(line))
            }
        }
        return title == nil ? entries : nil
    }

    /// A top-story member line after its `- `: the escaped title, then ` (` and the source as a
    /// code span, then `)`. The title escapes every backtick, so the first ` (` followed by the
    /// closing fence opens the span.
    private static func parseMember(_ line: Substring) -> Entry? {
        guard line.hasSuffix(")") else { return nil }
        let body = line.dropLast()
        let fence = String(body.reversed().prefix(while: { $0 == "`" }))
        guard !fence.isEmpty, let open = body.range(of: " (" + fence) else { return nil }
        let spanStart = open.upperBound
        let spanEnd = body.index(body.endIndex, offsetBy: -fence.count)
        guard spanStart <= spanEnd else { return nil }
        var source = String(body[spanStart..<spanEnd])
        if fence.count > 1 || source.hasPrefix(" ") { source = source.trimmingCharacters(in: [" "]) }
        return Entry(title: unescape(body[..<open.lowerBound]), sentences: [], source: source)
    }
}
