extension ArticleFormat {
    /// The format of content whose name says nothing (standard input, a pipe, an unknown
    /// extension), guessed from its first bytes.
    ///
    /// - HTML: after an optional BOM and white space, one of the tag patterns of the WHATWG
    ///   MIME Sniffing Standard §7.1 ("identifying a resource with an unknown MIME type":
    ///   `<!DOCTYPE HTML`, `<HTML`, `<HEAD`, `<SCRIPT`, `<IFRAME`, `<H1`, `<DIV`, `<FONT`,
    ///   `<TABLE`, `<A`, `<STYLE`, `<TITLE`, `<B`, `<BODY`, `<BR`, `<P`, `<!--`, each followed by
    ///   a space or `>`), plus `<META` and `<LINK` (pages that leave out the optional tags).
    /// - E-mail: the text starts with an RFC 5322 header block (`Name: value` lines up to the
    ///   first blank line) that holds at least two of From, To, Subject, Date, Message-ID,
    ///   MIME-Version, Received, Return-Path, Delivered-To, Content-Type.
    /// - Markdown: YAML/TOML front matter at the start, or at least two lines with Markdown
    ///   block syntax (ATX heading, fenced code, setext underline) or links `](`.
    /// - Otherwise plain text.
    ///
    /// - Parameter bytes: the content; at most its first 4 KiB are examined.
    /// - Complexity: O(1): reads a bounded prefix.
    package static func sniff(_ bytes: [UInt8]) -> ArticleFormat {
        var prefix = Array(bytes.prefix(4096))
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { prefix.removeFirst(3) }
        let text = String(decoding: prefix, as: UTF8.self)
        let start = text.drop { $0.isWhitespace }
        if start.hasPrefix("<") {
            let lower = start.prefix(20).lowercased()
            for pattern in htmlPatterns where lower.hasPrefix(pattern) {
                let after = lower.dropFirst(pattern.count).first
                if pattern == "<!--" || after == nil || after == ">" || after == " " || after == "\n" || after == "\t" || after == "\r" {
                    return .html
                }
            }
        }
        let lines = lines(of: text)
        if looksLikeMessage(lines) { return .email }
        if looksLikeMarkdown(lines) { return .markdown }
        return .plainText
    }

    /// The lines of `text`, ended by CR LF, LF or a lone CR (as the e-mail reader accepts).
    ///
    /// Split on Unicode scalars, not Characters: Swift makes "\r\n" one Character, so
    /// splitting a String on "\n" never ends a CRLF line and a CRLF header block or front
    /// matter read as one long line.
    static func lines(of text: String) -> [Substring] {
        let scalars = text.unicodeScalars
        var lines: [Substring] = []
        var start = scalars.startIndex
        var index = start
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" {
                lines.append(text[start..<index])
                var next = scalars.index(after: index)
                if scalar == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
                start = next
                index = next
            } else {
                index = scalars.index(after: index)
            }
        }
        lines.append(text[start..<scalars.endIndex])
        return lines
    }

    private static let htmlPatterns = [
        "<!doctype html", "<html", "<head", "<script", "<iframe", "<h1", "<div", "<font", "<table", "<a", "<style",
        "<title", "<b", "<body", "<br", "<p", "<!--", "<meta", "<link",
    ]

    private static let messageHeaders: Set<String> = [
        "from", "to", "subject", "date", "message-id", "mime-version", "received", "return-path", "delivered-to",
        "content-type",
    ]

    private static func looksLikeMessage(_ lines: [Substring]) -> Bool {
        var known = 0
        for (index, line) in lines.enumerated() {
            if line.isEmpty { return index > 0 && known >= 2 }
            if index > 0, line.first == " " || line.first == "\t" { continue } // folded header line
            guard let colon = line.firstIndex(of: ":"), colon > line.startIndex,
                  line[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            else { return false }
            if messageHeaders.contains(line[..<colon].lowercased()) { known += 1 }
        }
        return false
    }

    private static func looksLikeMarkdown(_ lines: [Substring]) -> Bool {
        if let first = lines.first, first == "---" || first == "+++" { return true }
        var signals = 0
        for line in lines {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("# ") || trimmed.hasPrefix("## ") || trimmed.hasPrefix("### ") || trimmed.hasPrefix("```")
                || trimmed.hasPrefix("~~~") || (trimmed.count >= 3 && trimmed.allSatisfy { $0 == "=" }) {
                signals += 1
            }
            if line.contains("](") { signals += 1 }
            if signals >= 2 { return true }
        }
        return false
    }
}
