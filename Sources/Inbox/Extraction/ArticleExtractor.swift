/// The input formats the inbox reads, chosen by file extension.
public enum ArticleFormat: String, Sendable, Equatable, CaseIterable {
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
    public init(fileName name: String) {
        let ext = name.split(separator: ".").count > 1 ? String(name.split(separator: ".").last ?? "").lowercased() : ""
        switch ext {
        case "md", "markdown", "mdown", "mkd": self = .markdown
        case "html", "htm", "xhtml": self = .html
        case "eml": self = .email
        default: self = .plainText
        }
    }
}

/// An article's text after its format is reduced: what the summarizer reads.
public struct ExtractedArticle: Sendable, Equatable {
    /// The headline the format names (Markdown's first heading, HTML's `<h1>` or `<title>`,
    /// an e-mail's Subject); `nil` when the format has none, and always `nil` for plain text,
    /// whose headline is found by the summarizer's first-line rule.
    public let title: String?
    /// The article text: paragraphs separated by blank lines, LF line ends, no markup.
    public let body: String
    /// The format the text was reduced from.
    public let format: ArticleFormat

    /// - Parameters:
    ///   - title: the headline the format names, or `nil`.
    ///   - body: the article text, paragraphs separated by blank lines.
    ///   - format: the format it was reduced from.
    public init(title: String?, body: String, format: ArticleFormat) {
        self.title = title
        self.body = body
        self.format = format
    }

    /// `true` when neither a title nor any body text is left: nothing to summarize.
    public var isEmpty: Bool {
        (title ?? "").allSatisfy(\.isWhitespace) && body.allSatisfy(\.isWhitespace)
    }
}

/// Reduces an inbox file to its title and article text, by format.
///
/// - Plain text is passed through unchanged (the title is left to the summarizer).
/// - Markdown: ``MarkdownExtractor`` (headings, emphasis, links, images, code fences).
/// - HTML: ``HTMLExtractor`` over libxml2's HTML parser (navigation, scripts, styles, comments
///   and boilerplate dropped).
/// - E-mail: ``EmailExtractor`` over GMime (Subject, text part or reduced HTML part).
///
/// Pure apart from the C parsers' own memory: no files, clocks or globals. Never fails: input a
/// parser cannot make sense of is read as plain text.
public enum ArticleExtractor {
    /// Reduces one article.
    /// - Parameters:
    ///   - name: the file name; its extension picks the format (``ArticleFormat/init(fileName:)``).
    ///   - bytes: the file's raw bytes (an e-mail is parsed from these: MIME names its own charsets).
    ///   - text: the bytes decoded by ``TextDecoder`` (used for every other format).
    /// - Returns: the title (if the format names one) and the body text.
    public static func extract(name: String, bytes: [UInt8], text: String) -> ExtractedArticle {
        let format = ArticleFormat(fileName: name)
        switch format {
        case .plainText:
            return ExtractedArticle(title: nil, body: text, format: .plainText)
        case .markdown:
            return MarkdownExtractor.extract(text)
        case .html:
            return HTMLExtractor.extract(text) ?? ExtractedArticle(title: nil, body: text, format: .plainText)
        case .email:
            return EmailExtractor.extract(bytes) ?? ExtractedArticle(title: nil, body: text, format: .plainText)
        }
    }
}
