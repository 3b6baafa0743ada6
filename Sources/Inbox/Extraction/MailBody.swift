/// Finds the article in the text of an e-mail: forwarded-message header blocks, the forwarder's
/// note, quoted replies and the signature are not article text.
///
/// Rules, applied to lines (LF line ends), in this order:
/// 1. **Forwarded messages.** A separator line — `---------- Forwarded message ---------`
///    (Gmail), `-------- Forwarded Message --------` (Thunderbird), `Begin forwarded message:`
///    (Apple Mail), `-----Original Message-----` and a line of underscores (Outlook),
///    `----- Forwarded message from … -----` (Mutt), and their German, French, Spanish and
///    Scandinavian forms — followed, after blank lines, by a header block (`From:`, `Date:`,
///    `Sent:`, `Subject:`, `To:`, `Cc:`, `Reply-To:` and localized names, with wrapped
///    continuation lines). The text before the last such separator (the forwarder's note, outer
///    forwards) and the header block are dropped; the article is what follows. The block's
///    `Subject:` is kept as a title candidate.
/// 2. **Quoted replies.** Lines that start with `>` are dropped, with the attribution line
///    before them (`On … wrote:`, `Am … schrieb …:`, `Le … a écrit :`, …, also wrapped over two
///    lines). When nothing that reads as an article is left outside the quotes (an inline
///    forward written as a quote), the quoted text is used instead, one quote level removed.
///    "Nothing" means fewer than 25 words outside the quotes and three times as many inside.
/// 3. **Signature and list footer.** The last `-- ` line and what follows it (RFC 3676 §4.3),
///    and a mailing-list footer (a rule of underscores over a `… mailing list` line, as
///    Mailman appends it).
///
/// Linear in the input: quotes are unwrapped at most 8 levels deep, so a line of a million `>`
/// costs no more than any other.
enum MailBody {
    /// The article text of one mail body.
    struct Reduced: Equatable {
        /// The article: LF line ends, runs of blank lines collapsed to one.
        var text: String
        /// The `Subject:` of the forwarded message's header block, when there was one.
        var forwardedSubject: String?
    }

    /// - Parameter text: the body of a text part, LF line ends (already decoded when flowed).
    /// - Returns: the article text and the forwarded Subject, if any.
    static func reduce(_ text: String) -> Reduced {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var forwardedSubject: String?
        if let forward = lastForward(in: lines) {
            lines.removeSubrange(..<forward.contentStart)
            forwardedSubject = forward.subject
        }
        lines = withoutQuotes(lines)
        if let signature = lines.lastIndex(where: { $0 == "-- " || $0 == "--" }) {
            lines.removeSubrange(signature...)
        }
        if let footer = listFooter(in: lines) {
            lines.removeSubrange(footer...)
        }
        return Reduced(text: collapsed(lines), forwardedSubject: forwardedSubject)
    }

    // MARK: forwards

    private struct Forward {
        var contentStart: Int
        var subject: String?
    }

    /// The last forward separator that is followed by a header block.
    private static func lastForward(in lines: [String]) -> Forward? {
        var found: Forward?
        var i = 0
        while i < lines.count {
            guard isForwardSeparator(lines[i]) else { i += 1; continue }
            var j = i + 1
            while j < lines.count, isBlank(lines[j]) { j += 1 }
            var subject: String?
            var headers = 0
            var lastWasHeader = false
            while j < lines.count {
                let line = lines[j]
                if let (name, value) = headerField(line) {
                    headers += 1
                    if subjectNames.contains(name) { subject = value.isEmpty ? nil : value }
                    lastWasHeader = true
                } else if lastWasHeader, !isBlank(line), line.first == " " || line.first == "\t" || isContinuation(line) {
                    // a header value wrapped onto the next line
                } else {
                    break
                }
                j += 1
            }
            if headers > 0 {
                found = Forward(contentStart: j, subject: subject)
                i = j
            } else if inlineHeaders(lines[i]) {
                // "---------- Forwarded message --------- From: … Subject: …" on one line (HTML parts)
                found = Forward(contentStart: i + 1, subject: nil)
                i += 1
            } else {
                i += 1
            }
        }
        return found
    }

    /// Header names of a forwarded block (lower case): English, German, French, Spanish,
    /// Italian, Dutch, Portuguese and Scandinavian mail clients.
    private static let headerNames: Set<String> = [
        "from", "date", "sent", "subject", "to", "cc", "bcc", "reply-to",
        "von", "gesendet", "datum", "an", "betreff", "kopie",
        "de", "envoyé", "date d'envoi", "à", "objet", "répondre à",
        "enviado", "para", "asunto", "fecha", "responder a",
        "da", "inviato", "a", "oggetto", "data",
        "van", "verzonden", "aan", "onderwerp",
        "assunto", "enviada em",
        "från", "skickat", "till", "ämne", "fra", "sendt", "til", "emne", "dato",
    ]

    private static let subjectNames: Set<String> = ["subject", "betreff", "objet", "asunto", "oggetto", "onderwerp", "assunto", "ämne", "emne"]

    /// `Name: value` where Name is a known header name; `*From:*` (bold in converted HTML) too.
    private static func headerField(_ line: String) -> (String, String)? {
        let trimmed = line.trimmingSpaces()
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        let name = unstarred(trimmed[..<colon]).lowercased()
        guard name.count <= 20, headerNames.contains(name) else { return nil }
        return (name, unstarred(trimmed[trimmed.index(after: colon)...]))
    }

    /// Without spaces, tabs and Markdown-style `*` emphasis at either end.
    private static func unstarred(_ text: Substring) -> String {
        let isTrim: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "*" }
        let t = text.drop(while: isTrim)
        // One slice, not one `dropLast()` per character (quadratic on a long run of stars).
        return String(t[..<(t.lastIndex { !isTrim($0) }.map { t.index(after: $0) } ?? t.startIndex)])
    }

    /// A wrapped address list: the next line carries on with `<addr>`, `addr>` or a comma list.
    private static func isContinuation(_ line: String) -> Bool {
        let t = line.trimmingSpaces()
        return t.hasPrefix("<") || (t.hasSuffix(">") && t.contains("@") && !t.contains(" ") )
    }

    private static func isForwardSeparator(_ line: String) -> Bool {
        let t = line.trimmingSpaces()
        guard !t.isEmpty, t.count < 200 else { return false }
        if isRule(t) { return true } // Outlook's rule line
        let lower = t.lowercased()
        let phrases = [
            "forwarded message", "original message", "begin forwarded message", "weitergeleitete nachricht",
            "ursprüngliche nachricht", "original-nachricht", "message transféré", "message d'origine",
            "mensaje reenviado", "mensaje original", "messaggio inoltrato", "messaggio originale",
            "doorgestuurd bericht", "oorspronkelijk bericht", "videresendt melding", "vidarebefordrat meddelande",
            "mensagem encaminhada", "mensagem original",
        ]
        // The phrase must be the line's point: framed by dashes, or the whole line.
        return phrases.contains { phrase in
            lower.contains(phrase) && (t.hasPrefix("-") || lower == phrase || lower == phrase + ":")
        }
    }

    /// A separator line that carries the header fields itself (text from an HTML part whose line
    /// breaks were lost): the dashes, then `From:` and one of `Date:`/`Sent:`/`Subject:`.
    private static func inlineHeaders(_ line: String) -> Bool {
        let lower = line.lowercased()
        return line.trimmingSpaces().hasPrefix("-") && lower.contains("from:")
            && (lower.contains("subject:") || lower.contains("date:") || lower.contains("sent:"))
    }

    /// The first line of a Mailman-style footer: a rule of underscores whose next non-blank line
    /// names a mailing list.
    private static func listFooter(in lines: [String]) -> Int? {
        for i in lines.indices.reversed() where isRule(lines[i]) {
            var j = i + 1
            while j < lines.count, isBlank(lines[j]) { j += 1 }
            if j < lines.count, lines[j].lowercased().contains("mailing list") { return i }
        }
        return nil
    }

    private static func isRule(_ line: String) -> Bool {
        let t = line.trimmingSpaces()
        return t.count >= 10 && t.allSatisfy { $0 == "_" }
    }

    // MARK: quotes

    private static func isQuoted(_ line: String) -> Bool {
        line.trimmingSpaces().first == ">"
    }

    /// The verbs of reply attributions (`On … wrote:`, `Am … schrieb X <x@y>:`, `Le … a écrit :`).
    private static let attributionVerbs = [
        "wrote", "writes", "schrieb", "a écrit", "escribió", "ha scritto", "skrev", "schreef", "escreveu",
        "kirjoitti", "napisał", "написал", "написала", "napsal",
    ]

    /// A line that ends with `:` and holds an attribution verb as a word.
    private static func isAttribution(_ line: String) -> Bool {
        let lower = line.trimmingSpaces().lowercased()
        guard lower.hasSuffix(":"), lower.count < 300 else { return false }
        let words = " " + String(lower.dropLast()).trimmingSpaces().replacingColons() + " "
        return attributionVerbs.contains { words.contains(" \($0) ") }
    }

    /// Quoted lines and their attribution dropped; the quotes kept (one level removed) when the
    /// rest holds no article.
    private static func withoutQuotes(_ lines: [String], depth: Int = 0) -> [String] {
        guard depth < 8, lines.contains(where: isQuoted) else { return lines }
        var kept: [String] = []
        var quoted: [String] = []
        for (i, line) in lines.enumerated() {
            if isQuoted(line) {
                quoted.append(String(line.trimmingSpaces().dropFirst()).trimmingSpaces())
                continue
            }
            if isAttribution(line), nextNonBlankIsQuoted(lines, after: i) {
                // "On Mon, 30 Nov 2026 at 08:55, Desk <" + newline + "desk@example.org> wrote:"
                if let previous = kept.last, !isBlank(previous), previous.trimmingSpaces().lowercased().hasPrefix("on ") {
                    kept.removeLast()
                }
                continue
            }
            if !quoted.isEmpty, isBlank(line), quoted.last.map(isBlank) == false { quoted.append("") }
            kept.append(line)
        }
        // Words are counted only as far as the decision needs (25 kept, 75 quoted): every level
        // of quoting counted every word again (eight passes over a 10 MB message).
        let keptWords = wordCount(kept, upTo: 25)
        if keptWords < 25, wordCount(quoted, upTo: keptWords * 3 + 1) > keptWords * 3 {
            return withoutQuotes(quoted, depth: depth + 1)
        }
        return kept
    }

    /// The number of white-space separated words in `lines`, or `limit` once that many are seen.
    private static func wordCount(_ lines: [String], upTo limit: Int) -> Int {
        var count = 0
        for line in lines {
            var inWord = false
            for character in line {
                if character.isWhitespace {
                    inWord = false
                } else if !inWord {
                    inWord = true
                    count += 1
                    if count >= limit { return limit }
                }
            }
        }
        return count
    }

    private static func nextNonBlankIsQuoted(_ lines: [String], after i: Int) -> Bool {
        var j = i + 1
        while j < lines.count, isBlank(lines[j]) { j += 1 }
        return j < lines.count && isQuoted(lines[j])
    }

    // MARK: helpers

    private static func isBlank(_ line: String) -> Bool {
        line.allSatisfy(\.isWhitespace)
    }

    /// Leading and trailing blank lines removed, runs of blank lines collapsed to one.
    private static func collapsed(_ lines: [String]) -> String {
        var out: [String] = []
        for line in lines {
            if isBlank(line) {
                if out.last.map(isBlank) ?? true { continue }
                out.append("")
            } else {
                out.append(line)
            }
        }
        while out.last.map(isBlank) == true { out.removeLast() }
        return out.joined(separator: "\n")
    }
}


private extension String {
    /// Separators that may follow an attribution verb (`wrote:`, `schrieb X <x@y>:`) as spaces.
    func replacingColons() -> String {
        String(map { $0 == ":" || $0 == "," || $0 == ">" || $0 == "<" ? " " : $0 })
    }
}
