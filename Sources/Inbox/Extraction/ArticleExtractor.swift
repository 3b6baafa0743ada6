/// The input formats the inbox reads, chosen by file extension or sniffed from the content.
package enum ArticleFormat: String, Sendable, Equatable, CaseIterable {
    /// Plain text (`.txt` and any other accepted extension): the first line may be the headline.
    case plainText = "text"
    /// Markdown (`.md`, `.markdown`; CommonMark syntax).
    case markdown
    /// HTML (`.html`, `.htm`, `.xhtml`), as a browser saves a page.
    case html
    /// An Internet message (`.eml`; RFC 5322 with MIME, RFC 2045–2049).
    case email

    /// The format of the file `name`, from its extension (case-insensitive); plain text when
    /// the extension is unknown.
    package init(fileName name: String) {
        self = ArticleFormat(knownExtensionOf: name) ?? .plainText
    }

    /// The format the extension of `name` names (case-insensitive), or `nil` when the name has
    /// no extension or one that names no format (`.txt` names plain text).
    package init?(knownExtensionOf name: String) {
        let base = name.split(separator: "/").last.map(String.init) ?? name
        let parts = base.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count > 1, !(parts.first ?? "").isEmpty else { return nil }
        switch (parts.last ?? "").lowercased() {
        case "md", "markdown", "mdown", "mkd": self = .markdown
        case "html", "htm", "xhtml": self = .html
        case "eml": self = .email
        case "txt", "text": self = .plainText
        default: return nil
        }
    }
}

/// An article's text after its format is reduced: what the summarizer reads.
package struct ExtractedArticle: Sendable, Equatable {
    /// The headline the format names (Markdown's first heading, HTML's `<h1>` or `<title>`,
    /// an e-mail's Subject); `nil` when the format has none, and always `nil` for plain text,
    /// whose headline is found by the summarizer's first-line rule.
    package let title: String?
    /// The article text: paragraphs separated by blank lines, LF line ends, no markup.
    package let body: String
    /// The format the text was reduced from.
    package let format: ArticleFormat
    /// Markdown whose tables were read as plain paragraphs because the source holds more `|`
    /// than ``MarkdownExtractor/maximumTableCells`` (bounded memory): how many it holds; else 0.
    package let tableCellsReadAsText: Int

    /// - Parameters:
    ///   - title: the headline the format names, or `nil`.
    ///   - body: the article text, paragraphs separated by blank lines.
    ///   - format: the format it was reduced from.
    ///   - tableCellsReadAsText: see ``tableCellsReadAsText``.
    package init(title: String?, body: String, format: ArticleFormat, tableCellsReadAsText: Int = 0) {
        self.title = title
        self.body = body
        self.format = format
        self.tableCellsReadAsText = tableCellsReadAsText
    }

    /// `true` when nothing is left to summarize: neither a title nor any body text, or, for an
    /// e-mail, no body text (a Subject alone is no article: its text part was empty, missing or
    /// unreadable).
    package var isEmpty: Bool {
        body.allSatisfy(\.isWhitespace) && (format == .email || (title ?? "").allSatisfy(\.isWhitespace))
    }
}

/// One article as every reader of it sees it: the reduced text, and how its bytes were read.
package struct ArticleReading: Sendable, Equatable {
    /// Title and body after the format was reduced, soft hyphens and zero-width characters removed.
    package let article: ExtractedArticle
    /// The character encoding the text was decoded from, as a lower-case WHATWG/IANA label
    /// (`utf-8`, `windows-1251`, `koi8-r`, …), or `mime` for an e-mail (each part names its own).
    package let encoding: String
    /// `true` when the bytes were not a valid text in ``encoding`` and invalid sequences were
    /// replaced with U+FFFD.
    package let repaired: Bool
    /// `true` when the content named its encoding (a BOM, `<meta charset>`, a MIME charset) or is
    /// valid UTF-8; `false` when ``encoding`` is a guess for undeclared legacy bytes (or for
    /// UTF-16 without a byte-order mark, ``TextBytes``).
    package let declared: Bool
    /// How many stray NUL bytes were dropped from the input before it was read (``TextBytes``).
    package let droppedNULs: Int

    /// - Parameters:
    ///   - article: the reduced text.
    ///   - encoding: the encoding label the text was decoded from.
    ///   - repaired: whether invalid sequences were replaced.
    ///   - declared: whether the content named its encoding (or is valid UTF-8).
    ///   - droppedNULs: how many NUL bytes were dropped before reading.
    package init(article: ExtractedArticle, encoding: String, repaired: Bool, declared: Bool, droppedNULs: Int = 0) {
        self.article = article
        self.encoding = encoding
        self.repaired = repaired
        self.declared = declared
        self.droppedNULs = droppedNULs
    }
}

/// Reads an article file: picks its format, decodes it and reduces it to title and text. The one
/// reading path: the service and every command (`extract`, `summarize`, `segment`) use it.
///
/// - Plain text is passed through (the title is left to the summarizer's first-line rule).
/// - Markdown: ``MarkdownExtractor``.
/// - HTML: ``HTMLExtractor`` over libxml2, which is handed the raw bytes so that its BOM and
///   `<meta charset>` / `http-equiv` handling decides the encoding.
/// - E-mail: ``EmailExtractor`` over GMime (each MIME part names its own charset).
///
/// Then, for every format, U+00AD SOFT HYPHEN and the zero-width characters (U+200B, U+2060,
/// U+FEFF) are removed: they are invisible and would split words, and a leading body paragraph
/// that repeats the title is dropped, so the headline never becomes a summary sentence.
///
/// Pure apart from the C parsers' own memory: no files, clocks or globals. Never fails on text:
/// input a parser cannot make sense of is read as plain text.
package enum ArticleExtractor {
    /// Reads one article from its bytes.
    /// - Parameters:
    ///   - bytes: the file's raw bytes.
    ///   - name: the file name, or `nil` for standard input; a known extension
    ///     (``ArticleFormat/init(knownExtensionOf:)``) picks the format, otherwise it is sniffed
    ///     from the content (``ArticleFormat/sniff(_:)``).
    /// - Returns: the reduced article and its encoding, or `nil` when the bytes are not text
    ///   (``TextDecoder/decode(_:)`` says binary).
    ///   An e-mail while GMime cannot be loaded is `nil` too; ``reading(bytes:name:)`` tells the two apart.
    package static func read(bytes raw: [UInt8], name: String?) -> ArticleReading? {
        if case .text(let reading) = reading(bytes: raw, name: name) { return reading }
        return nil
    }

    /// What ``reading(bytes:name:)`` found.
    package enum Outcome: Sendable {
        /// The reduced article.
        case text(ArticleReading)
        /// Not text (``TextDecoder/isText(_:)`` says binary).
        case binary
        /// An e-mail (by its extension, or sniffed) while libgmime cannot be loaded: it is not
        /// read as plain text (its headers, base64 and boundaries are no article), so that it
        /// can be read once the library is back.
        case emailUnavailable
    }

    /// Whether an e-mail can be read: GMime is loaded and initialised. The first call tries to
    /// load it (and logs once why it cannot).
    package static var readsEmail: Bool { EmailExtractor.ready }

    /// Reads one article from its bytes, as ``read(bytes:name:)``, telling binary content and
    /// an unreadable e-mail apart.
    package static func reading(bytes raw: [UInt8], name: String?) -> Outcome {
        guard TextDecoder.isText(raw) else { return .binary }
        // UTF-16 without a byte-order mark becomes UTF-8 with one; stray NUL bytes are dropped.
        let prepared = TextBytes.prepare(raw)
        let format = format(of: prepared.bytes, name: name)
        if format == .email, !EmailExtractor.ready { return .emailUnavailable }
        guard let reading = read(prepared: prepared.bytes, format: format) else { return .binary }
        guard let utf16 = prepared.utf16 else {
            return .text(prepared.droppedNULs == 0 ? reading : ArticleReading(
                article: reading.article, encoding: reading.encoding, repaired: reading.repaired,
                declared: reading.declared, droppedNULs: prepared.droppedNULs))
        }
        return .text(ArticleReading(article: reading.article, encoding: reading.encoding == "mime" ? "mime" : utf16,
                                    repaired: reading.repaired, declared: false))
    }

    /// The format of an article: from a known extension of its name, else sniffed.
    private static func format(of bytes: [UInt8], name: String?) -> ArticleFormat {
        name.flatMap(ArticleFormat.init(knownExtensionOf:)) ?? ArticleFormat.sniff(bytes)
    }

    /// `bytes` (prepared by ``TextBytes/prepare(_:)``) read as `format`.
    private static func read(prepared bytes: [UInt8], format: ArticleFormat) -> ArticleReading? {
        // A page is handed to libxml2 as bytes; it is decoded here only when libxml2 cannot
        // read it (HTMLExtractor decodes legacy bytes itself).
        if format == .html, let page = HTMLExtractor.extract(bytes: bytes) {
            return ArticleReading(article: cleaned(page.article), encoding: page.encoding, repaired: page.repaired,
                                  declared: page.declared)
        }
        guard let decoded = TextDecoder.decode(bytes) else { return nil }
        var encoding = decoded.encoding
        var repaired = decoded.repaired
        var declared = isDeclaredOrUTF8(bytes, decoded)
        let article: ExtractedArticle
        switch format {
        case .plainText:
            article = ExtractedArticle(title: nil, body: decoded.text, format: .plainText)
        case .markdown:
            article = MarkdownExtractor.extract(decoded.text)
        case .html:
            // libxml2 built no document at all (see above).
            article = ExtractedArticle(title: nil, body: decoded.text, format: .plainText)
        case .email:
            if let message = EmailExtractor.extract(bytes) {
                article = message
                encoding = "mime"
                repaired = false
                declared = true
            } else {
                article = ExtractedArticle(title: nil, body: decoded.text, format: .plainText)
            }
        }
        return ArticleReading(article: cleaned(article), encoding: encoding, repaired: repaired, declared: declared)
    }

    /// Reduces one article whose bytes are already decoded (kept for callers that decode
    /// themselves; HTML is still parsed from `bytes` when they are given).
    /// - Parameters:
    ///   - name: the file name; its extension picks the format (``ArticleFormat/init(fileName:)``).
    ///   - bytes: the file's raw bytes (an e-mail and a page are parsed from these).
    ///   - text: the bytes decoded by ``TextDecoder``.
    /// - Returns: the title (if the format names one) and the body text.
    package static func extract(name: String, bytes: [UInt8], text: String) -> ExtractedArticle {
        let article: ExtractedArticle
        switch ArticleFormat(fileName: name) {
        case .plainText:
            article = ExtractedArticle(title: nil, body: text, format: .plainText)
        case .markdown:
            article = MarkdownExtractor.extract(text)
        case .html:
            article = (bytes.isEmpty ? HTMLExtractor.extract(text) : HTMLExtractor.extract(bytes: bytes)?.article)
                ?? ExtractedArticle(title: nil, body: text, format: .plainText)
        case .email:
            article = EmailExtractor.extract(bytes) ?? ExtractedArticle(title: nil, body: text, format: .plainText)
        }
        return cleaned(article)
    }

    /// Whether `decoded` (from `bytes`) rests on a byte-order mark or on UTF-8 (valid, or
    /// repaired), rather than on a guess for undeclared legacy bytes.
    static func isDeclaredOrUTF8(_ bytes: [UInt8], _ decoded: DecodedText) -> Bool {
        decoded.encoding.hasPrefix("utf-") || bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFF, 0xFE])
            || bytes.starts(with: [0xFE, 0xFF])
    }

    /// Characters that are invisible and only mark where a line may break or words join:
    /// U+00AD SOFT HYPHEN, U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER, U+FEFF (a BOM or ZWNBSP
    /// inside text).
    static func isInvisibleFormatCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AD, 0x200B, 0x2060, 0xFEFF: true
        default: false
        }
    }

    /// `text` without ``isInvisibleFormatCharacter(_:)`` scalars.
    static func removingInvisibles(_ text: String) -> String {
        guard mayHoldInvisibles(text), text.unicodeScalars.contains(where: isInvisibleFormatCharacter) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isInvisibleFormatCharacter(scalar) { out.append(scalar) }
        return String(out)
    }

    /// `false` when `text` surely holds no ``isInvisibleFormatCharacter(_:)``: none of the
    /// UTF-8 lead bytes of U+00AD (`C2`), U+200B and U+2060 (`E2`), U+FEFF (`EF`) occurs.
    /// - Complexity: O(n) over the bytes (`memchr`-like; no scalar decoding).
    private static func mayHoldInvisibles(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.contains { $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }
        } ?? true
    }

    /// Where the first blank line (`\n\n`) of `text` starts, found on its UTF-8 bytes; what
    /// Foundation's `range(of: "\n\n")` finds (without bridging the text), since a line feed
    /// is a character of its own (UAX #29: it never joins the character after it, and only a
    /// carriage return joins it from before). A pair after a carriage return or before a
    /// non-ASCII scalar is left to Foundation.
    private static func firstBlankLine(_ text: Substring) -> Substring.Index? {
        let utf8 = text.utf8
        var before: UInt8 = 0, previous: UInt8 = 0
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x0A, previous == 0x0A {
                let next = utf8.index(after: index)
                guard before != 0x0D, next == utf8.endIndex || utf8[next] < 0x80 else {
                    return text.range(of: "\n\n")?.lowerBound
                }
                return utf8.index(before: index)
            }
            before = previous
            previous = byte
            index = utf8.index(after: index)
        }
        return nil
    }

    /// Invisible characters removed; a first body paragraph equal to the title dropped.
    static func cleaned(_ article: ExtractedArticle) -> ExtractedArticle {
        let title = article.title.map(removingInvisibles)
        var body = removingInvisibles(article.body)
        if let title, !title.isEmpty {
            let key = collapsed(title).lowercased()
            while true {
                let trimmed = body.drop { $0.isWhitespace }
                let end = firstBlankLine(trimmed) ?? trimmed.endIndex
                guard collapsed(String(trimmed[..<end])).lowercased() == key else { break }
                body = String(trimmed[end...].drop { $0.isWhitespace })
            }
        }
        return ExtractedArticle(title: title, body: body, format: article.format, tableCellsReadAsText: article.tableCellsReadAsText)
    }
}
