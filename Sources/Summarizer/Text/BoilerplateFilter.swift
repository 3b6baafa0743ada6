import Glibc

/// Removes the text around a news article that is not the article: bylines, datelines,
/// timestamps, "Share this", "Advertisement", "Read more: …", newsletter prompts, photo
/// credits, copyright lines, "Most read" lists, wiki `[Edit]` links and footnote markers.
///
/// Works in two passes, in the spirit of boilerplate detection by shallow text features
/// (Kohlschütter, Fankhauser & Nejdl, "Boilerplate Detection using Shallow Text Features",
/// WSDM 2010): ``clean(_:)`` drops whole lines before segmentation, and
/// ``isBoilerplate(_:)`` recognises single sentences inside running text
/// ("Scroll down for video.").
package struct BoilerplateFilter: Sendable {
    /// A filter with the built-in English rules.
    package init() {}

    /// The body without boilerplate lines and inline markers; other lines are unchanged.
    ///
    /// A "Most read" / "Related articles" style heading drops the block after it only when no
    /// paragraph of article text follows (see ``cleanCounting(_:)``).
    package func clean(_ body: String) -> String {
        cleanCounting(body).text
    }

    /// ``clean(_:)`` and the number of non-blank lines it dropped.
    ///
    /// Only two things are dropped: the lines a rule matches, and the trailing block from a
    /// tail heading ("Most read", "Recommended"…) to the end, when that block holds no paragraph
    /// of article text (a line of at least ``minimumParagraphWords`` words ending as a sentence
    /// ends). A tail heading in the middle of an article drops only its own line, never the text
    /// after it.
    package func cleanCounting(_ body: String) -> (text: String, droppedLines: Int) {
        let lines = SentenceSegmenter.lines(of: body).map(SentenceSegmenter.string)
        var kept: [String] = []
        var dropped = 0
        var openingLines = true  // no line of article text kept yet
        for (i, line) in lines.enumerated() {
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty {
                kept.append("")
                continue
            }
            // Every rule below compares the count with at most `maximumWords`: a paragraph is
            // not counted to its end.
            let wordCount = SentenceSegmenter.wordCount(trimmed, limit: Self.maximumWords + 1)
            if wordCount > Self.maximumWords {
                kept.append(Self.removingInlineMarkers(line))
                continue
            }
            let lower = trimmed.fastLowercased()
            if wordCount <= 6, Self.tailHeadings.contains(Self.stripPunctuation(lower)) {
                let rest = lines[(i + 1)...]
                if !rest.contains(where: Self.isArticleParagraph) {
                    dropped += 1 + rest.filter { !$0.trimmingWhitespace().isEmpty }.count
                    break
                }
                dropped += 1
                continue
            }
            if isBoilerplateLine(trimmed, lower: lower, wordCount: wordCount)
                || (openingLines && Self.isSalutation(trimmed, lower: lower, wordCount: wordCount)) {
                dropped += 1
                continue
            }
            kept.append(Self.removingInlineMarkers(line))
            openingLines = false
        }
        return (kept.joined(separator: "\n"), dropped)
    }

    /// Words from which a line that ends like a sentence counts as a paragraph of article text.
    static let minimumParagraphWords = 12

    /// Whether `line` reads as a paragraph of running text: enough words, ending with `.`, `!`,
    /// `?` or a closing quote after one. Link lists and headlines of related stories do not.
    static func isArticleParagraph(_ line: String) -> Bool {
        let trimmed = line.trimmingWhitespace()
        guard let last = trimmed.unicodeScalars.last(where: { !"\"”’»)".unicodeScalars.contains($0) }) else { return false }
        return ".!?…".unicodeScalars.contains(last) && SentenceSegmenter.wordCount(trimmed) >= minimumParagraphWords
    }

    /// Whether one sentence is boilerplate rather than article text.
    package func isBoilerplate(_ sentence: String) -> Bool {
        isBoilerplate(sentence, wordCount: SentenceSegmenter.wordCount(sentence))
    }

    /// ``isBoilerplate(_:)`` when the sentence's word count is already known.
    func isBoilerplate(_ sentence: String, wordCount: Int) -> Bool {
        // Boilerplate is short; a long line is running text that may merely mention it.
        guard wordCount <= Self.maximumWords else { return false }
        let trimmed = sentence.trimmingWhitespace()
        return isBoilerplateLine(trimmed, lower: trimmed.fastLowercased(), wordCount: wordCount)
    }

    /// Removes a news-agency dateline from the start of the first sentence:
    /// `Kathmandu, Nepal (CNN) On day six …` → `On day six …`,
    /// `HAYWARD, Calif. (AP) — The Latest …` → `The Latest …`.
    ///
    /// A dateline is a place of at most six words without sentence punctuation (or nothing),
    /// then a parenthesised source of one to four words that starts with a capital and holds
    /// no digit. The source must be followed by a dash (`—`, `–`, `--`, `-`), open the
    /// sentence, or be one of the wire services in ``agencies``; this describes the form of
    /// a dateline rather than listing publishers.
    package func removingDateline(_ sentence: String) -> String {
        guard let open = sentence.firstIndex(of: "("),
              sentence.distance(from: sentence.startIndex, to: open) <= 60,
              let close = sentence[open...].firstIndex(of: ")") else { return sentence }
        let before = sentence[..<open]
        if before.contains(where: { "!?\"“:;".contains($0) }) || before.split(separator: " ").count > 6 { return sentence }
        // A period may only end an abbreviated place (`Calif.`, `D.C.`), not a sentence.
        if let period = before.lastIndex(of: "."), before[before.index(after: period)...].contains(where: \.isLetter) { return sentence }
        let source = sentence[sentence.index(after: open)..<close]
        let words = source.split(separator: " ")
        let isAgency = Self.agencies.contains(source.lowercased())
        guard (1...4).contains(words.count), source.count <= 30, source.first?.isUppercase == true || isAgency,
              !source.contains(where: \.isNumber) else { return sentence }
        var rest = sentence[sentence.index(after: close)...].drop(while: { $0 == " " })
        var dashed = false
        if rest.hasPrefix("--") {
            rest = rest.dropFirst(2)
            dashed = true
        } else if rest.hasPrefix("—") || rest.hasPrefix("–") || rest.hasPrefix("-") {
            rest = rest.dropFirst()
            dashed = true
        }
        let opens = before.allSatisfy(\.isWhitespace)
        guard dashed || opens || isAgency else { return sentence }
        let result = rest.trimmingWhitespace()
        return result.contains(where: \.isLetter) ? result : sentence
    }

    // MARK: Rules

    /// Lines or sentences longer than this are never boilerplate.
    static let maximumWords = 30

    /// - Parameters:
    ///   - line: the trimmed line or sentence; `lower` is it lower-cased.
    ///   - wordCount: its ``SentenceSegmenter/wordCount(_:)``, at most ``maximumWords``.
    private func isBoilerplateLine(_ line: String, lower: String, wordCount: Int) -> Bool {
        if wordCount <= 6, Self.exactLines.contains(Self.stripPunctuation(lower)) { return true }
        let bytes = Array(lower.utf8)
        // "©" (U+00A9) is C2 A9 in UTF-8 and has no case.
        if Self.contains(bytes, [0xC2, 0xA9]) { return true }
        if let first = bytes.first {
            for prefix in Self.prefixBytes where prefix.first == first && Self.hasPrefix(bytes, prefix) { return true }
        }
        for phrase in Self.phraseBytes where Self.contains(bytes, phrase) { return true }
        if Self.isCallToAction(lower, wordCount: wordCount) { return true }
        // The remaining rules look at the first word (the line is trimmed: no leading space).
        let first = lower.prefix(while: { $0 != " " })
        let byline = first == "by"
        guard byline || Self.timestampOpeners.contains(Self.stripPunctuation(String(first))) else { return false }
        let words = lower.split(separator: " ")
        // Bylines: "By Staff Reporter", "By Jane Doe and John Roe".
        if byline, words.count <= 6, !Article.endsLikeSentence(line) || words.count <= 4 { return true }
        // Timestamps: "Published 09:14, updated 10:02", "Updated: 3 June 2013".
        if !byline, words.count <= 10, lower.contains(where: \.isNumber), lower.contains(":") || words.count <= 5 { return true }
        return false
    }

    /// Whether a line is a salutation that opens a letter or newsletter ("Hello from the Lenner
    /// Valley Weekly,", "Dear readers,", "Good morning!"): at most eight words, a greeting word
    /// first, and the comma, exclamation mark or colon that ends a salutation rather than the
    /// period of a sentence. Checked only before the first line of article text, where a
    /// salutation stands (``cleanCounting(_:)``): it addresses the reader and says nothing
    /// about the story.
    static func isSalutation(_ line: String, lower: String, wordCount: Int) -> Bool {
        guard wordCount <= 8, let last = line.last, ",!:".contains(last) else { return false }
        let words = lower.split(whereSeparator: { !$0.isLetter })
        guard let first = words.first else { return false }
        if greetingWords.contains(String(first)) { return true }
        return first == "good" && words.count >= 2 && ["morning", "afternoon", "evening", "day"].contains(String(words[1]))
    }

    /// First words of salutations.
    static let greetingWords: Set<String> = ["hello", "hi", "hey", "dear", "greetings", "welcome", "howdy"]

    /// Whether a short sentence is a call to action: it tells the reader to go somewhere else
    /// ("Read the full story on our website.", "Follow us on the app.", "Visit our site for
    /// more."). The kind is recognised by form, an imperative verb first and a destination
    /// (website, link, app, page, …) in at most twelve words, rather than by listing sentences.
    static func isCallToAction(_ lower: String, wordCount: Int) -> Bool {
        guard wordCount <= 12 else { return false }
        if let first = asciiFirstWord(lower), !actionVerbs.contains(first) { return false }
        let words = lower.split(whereSeparator: { !$0.isLetter })
        guard let first = words.first, actionVerbs.contains(String(first)) else { return false }
        // The destination is the reader's to go to: `our website`, `the link`, or `here`/`online`
        // alone (`Visit every world heritage site` names a place, not a page).
        for index in words.indices.dropFirst() where destinations.contains(String(words[index])) {
            if words[index] == "here" || words[index] == "online" || pointers.contains(String(words[index - 1])) { return true }
        }
        return false
    }

    /// The first run of letters of `text` when everything up to its end is ASCII (there a
    /// letter is `A`–`Z` or `a`–`z`, and each byte is one character); `nil` when a non-ASCII
    /// byte comes first or follows the run (it might be a letter or a combining mark) or the
    /// text has no letter. The same word as the first of `split(whereSeparator: { !$0.isLetter })`,
    /// without making every word a String: most lines are ruled out by it.
    static func asciiFirstWord(_ text: String) -> String? {
        var utf8 = text.utf8[...]
        while let byte = utf8.first, byte < 0x80, !isASCIILetter(byte) { utf8 = utf8.dropFirst() }
        guard let start = utf8.first, start < 0x80 else { return nil }
        let word = utf8.prefix(while: isASCIILetter)
        if let after = utf8.dropFirst(word.count).first, after >= 0x80 { return nil }
        return String(decoding: word, as: UTF8.self)
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// Words before a destination that make it the publisher's or the reader's own.
    static let pointers: Set<String> = ["our", "the", "this", "your", "my", "web"]

    /// Imperative verbs that open calls to action.
    static let actionVerbs: Set<String> = [
        "read", "visit", "click", "tap", "subscribe", "follow", "share", "download", "watch", "listen",
        "join", "register", "discover", "continue", "find", "learn", "get", "go", "head",
    ]

    /// Places a call to action sends the reader.
    static let destinations: Set<String> = [
        "website", "site", "web", "online", "link", "app", "page", "here", "newsletter", "podcast", "channel",
        "feed", "profile", "blog", "url",
    ]

    static func hasPrefix(_ bytes: [UInt8], _ prefix: [UInt8]) -> Bool {
        bytes.count >= prefix.count && bytes[..<prefix.count].elementsEqual(prefix)
    }

    /// Whether `needle` occurs in `haystack`: glibc's vectorised `memchr` finds each candidate
    /// first byte, `memcmp` checks the rest (lines and phrases are short).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBytes { h in
            needle.withUnsafeBytes { n in
                guard let base = h.baseAddress, let pattern = n.baseAddress else { return false }
                let first = Int32(n[0])
                let last = h.count - n.count  // the last offset where the needle fits
                var offset = 0
                while offset <= last, let found = memchr(base + offset, first, last - offset + 1) {
                    if memcmp(found, pattern, n.count) == 0 { return true }
                    offset = base.distance(to: UnsafeRawPointer(found)) + 1
                }
                return false
            }
        }
    }

    /// First words (punctuation removed) of timestamp lines.
    static let timestampOpeners: Set<String> = ["published", "updated", "posted", "last"]

    static let phraseBytes: [[UInt8]] = phrases.map { Array($0.utf8) }
    /// ``prefixes`` and the copyright openers, as UTF-8: compared byte-wise.
    static let prefixBytes: [[UInt8]] = (["(c) ", "copyright "] + prefixes).map { Array($0.utf8) }

    private static func stripPunctuation(_ text: String) -> String {
        // ASCII fast path: there letters and digits are exactly the alphanumeric bytes.
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            let kept = utf8.filter { byte in
                byte == 0x20 || (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            }
            var lower = 0
            var upper = kept.count
            while lower < upper, kept[lower] == 0x20 { lower += 1 }
            while upper > lower, kept[upper - 1] == 0x20 { upper -= 1 }
            return String(decoding: kept[lower..<upper], as: UTF8.self)
        }
        return String(text.filter { $0.isLetter || $0.isNumber || $0 == " " }).trimmingWhitespace()
    }

    static func removingInlineMarkers(_ line: String) -> String {
        // Footnote markers "[1]" and wiki links "[edit]": at most four characters between
        // the brackets, all digits or the word "edit" (any case).
        let bytes = Array(line.utf8)
        guard bytes.contains(UInt8(ascii: "[")) else { return line }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        var removed = false
        while index < bytes.count {
            // The closing bracket is looked for only as far as a marker can reach (16 bytes
            // inside): searching to the end from every "[" was quadratic in a line of brackets.
            if bytes[index] == UInt8(ascii: "["),
               let close = bytes[(index + 1)..<min(bytes.count, index + 18)].firstIndex(of: UInt8(ascii: "]")),
               isInlineMarker(bytes[(index + 1)..<close]) {
                index = close + 1
                removed = true
                continue
            }
            result.append(bytes[index])
            index += 1
        }
        return removed ? String(decoding: result, as: UTF8.self) : line
    }

    /// Whether the text between brackets marks a footnote or an edit link.
    private static func isInlineMarker(_ inner: ArraySlice<UInt8>) -> Bool {
        guard !inner.isEmpty, inner.count <= 16 else { return false }
        let text = String(decoding: inner, as: UTF8.self)
        guard text.count <= 4 else { return false }
        return text.allSatisfy(\.isNumber) || text.lowercased() == "edit"
    }

    /// Whole lines (lower-case, punctuation removed) that are never article text.
    static let exactLines: Set<String> = [
        "advertisement", "advertisements", "sponsored", "sponsored content", "share", "share this",
        "share this article", "share this story", "share on facebook", "share on twitter", "tweet",
        "email", "print", "comments", "edit", "related", "related content", "skip to content",
        "skip advertisement", "continue reading", "continue reading below", "story continues below",
        "video", "watch",
        "listen", "getty images", "ap photo", "reuters", "top stories", "more stories",
    ]

    /// Headings after which the rest of the page is navigation.
    static let tailHeadings: Set<String> = [
        "most read", "most popular", "most viewed", "related articles", "related stories",
        "more on this story", "more from", "you may also like", "recommended", "trending",
        "around the web", "read next", "more stories",
    ]

    static let prefixes: [String] = [
        "read more:", "read more ", "read more", "related:", "see also:", "sign up ", "subscribe to ",
        "photo:", "photo credit", "photograph:", "picture:", "image:", "image credit", "credit:",
        "click here", "follow us", "follow @", "like us on facebook", "watch:", "video:", "listen:",
        "share this", "advertisement", "published:", "updated:", "last updated",
        "this article was", "this story was", "©",
    ]

    static let phrases: [String] = [
        "sign up for our newsletter", "subscribe to our newsletter", "for our newsletter",
        "newsletter to get", "click here to", "all rights reserved",
        "cookies to improve", "javascript is disabled",
    ]

    /// Wire services and broadcasters whose datelines carry no dash (`Paris (Reuters) The …`),
    /// lower-case. Other sources are recognised by the form of the dateline.
    static let agencies: Set<String> = [
        "ap", "afp", "reuters", "upi", "dpa", "ansa", "efe", "xinhua", "kyodo", "tass", "pa",
        "bloomberg", "cnn", "bbc",
    ]
}
