#if canImport(Glibc)
import Glibc
#endif
import CGMime
import Logging

/// Reduces an Internet message (`.eml`: RFC 5322 with MIME, RFC 2045–2049) to its Subject and text.
///
/// Parsing is GMime 3 (opened on the first message, ``CGMime``): it decodes RFC 2047 encoded words in the Subject, undoes the
/// quoted-printable and base64 transfer encodings, and converts each text part from its declared
/// charset to UTF-8. The body comes from the first `text/plain` and the first `text/html` part
/// that are not attachments, searching `multipart/*` depth-first. A `format=flowed` plain part is unflowed (RFC 3676, ``FlowedText``);
/// an HTML part is reduced by ``HTMLExtractor``, the same code as saved pages. Each candidate is
/// then cut to its article by ``MailBody`` (forward header blocks, the forwarder's note, quoted
/// replies and the signature dropped). The plain part wins unless it is missing or a stub much
/// shorter than the HTML part ("view this mail in a browser"), as in `multipart/alternative`
/// mail whose plain part is an afterthought. A message forwarded as an attachment
/// (`message/rfc822`) is read the same way, and used when the outer text is only a note (fewer
/// than ``noteWords`` words).
///
/// The title is the Subject without `Re:`/`Fwd:`/`[list]` prefixes (``SubjectLine``); when
/// nothing is left of it, the forwarded message's own Subject, then the HTML part's title.
package enum EmailExtractor {
    /// - Parameter stored: the message as stored (`.eml`), headers first.
    /// - Returns: the Subject (or `nil`) and the body, or `nil` when GMime finds no message.
    package static func extract(_ stored: [UInt8]) -> ExtractedArticle? {
        guard ready, !stored.isEmpty else { return nil }
        let bytes = MailLineEnds.normalized(stored) // CR-only line ends (``MailLineEnds``)
        let stream = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { digestd_g_mime_stream_mem_new_with_buffer($0.baseAddress, $0.count) }
        }
        guard let stream else { return nil }
        let parser = digestd_g_mime_parser_new_with_stream(stream)
        digestd_gmime_unref(UnsafeMutableRawPointer(stream))
        guard let parser else { return nil }
        let message = digestd_g_mime_parser_construct_message(parser, nil)
        digestd_gmime_unref(UnsafeMutableRawPointer(parser))
        guard let message else { return nil }
        defer { digestd_gmime_unref(UnsafeMutableRawPointer(message)) }

        let subject = digestd_g_mime_message_get_subject(message).map { SubjectLine.title(String(cString: $0)) }
        var parts = TextParts()
        if let top = digestd_g_mime_message_get_mime_part(message) { parts.collect(top, depth: 0) }
        var article = read(parts)
        var forwarded = article.body?.forwardedSubject.map(SubjectLine.title)
        if let attached = parts.attached.first, wordCount(article.body?.text ?? "") < noteWords {
            let inner = read(attached.parts)
            if wordCount(inner.body?.text ?? "") > wordCount(article.body?.text ?? "") {
                article = inner
                forwarded = attached.subject.map(SubjectLine.title)
            }
        }
        let title = [subject, forwarded, article.htmlTitle].lazy.compactMap { $0 }.first { !$0.isEmpty }
        return ExtractedArticle(title: title, body: article.body?.text ?? "", format: .email)
    }

    /// An outer text shorter than this many words is a note about an attached message.
    static let noteWords = 25

    /// The article of one message's text parts: the plain part, or the HTML part when the plain
    /// part is missing or a stub; with the HTML part's title.
    private static func read(_ parts: TextParts) -> (body: MailBody.Reduced?, htmlTitle: String?) {
        let html = parts.html.map(asDocument).flatMap(HTMLExtractor.extract)
        let htmlBody = html.map { MailBody.reduce($0.body) }
        var body = parts.plain.map { MailBody.reduce(plainText($0)) }
        if let htmlBody, body.map({ $0.text.count * 3 < htmlBody.text.count && $0.text.count < 500 }) ?? true {
            body = htmlBody
        }
        return (body, html?.title)
    }

    private static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).count
    }

    /// Whether GMime is loaded and initialised (``digestd_gmime_open``: dlopen on the first
    /// message, then g_mime_init(3)). When libgmime-3.0.so.0 cannot be opened, this is logged
    /// once as an error (the journal, under the service; stderr otherwise) and no message is read
    /// (``ArticleExtractor/Outcome/emailUnavailable``): never as plain text.
    static let ready: Bool = {
        if digestd_gmime_open() != 0 { return true }
        let why = digestd_gmime_error().map { String(cString: $0) } ?? "unknown error"
        Logger(label: "digestd").error("cannot load GMime (\(why)): e-mail (.eml) cannot be read and is skipped until restarted with libgmime-3.0-0 installed")
        return false
    }()

    /// An HTML part as a whole document. Mailers often write a fragment (`<meta …><div>…`, no
    /// `<html>` or `<body>`); given a doctype, libxml2 reads what follows a leading `<meta>` as body
    /// content instead of nesting it inside the `<meta>`.
    static func asDocument(_ html: String) -> String {
        let start = html.drop { $0.isWhitespace }.prefix(9).lowercased()
        return start.hasPrefix("<!doctype") || start.hasPrefix("<html") ? html : "<!DOCTYPE html>\n" + html
    }

    /// A plain part's text: line ends normalised, unflowed when it is `format=flowed`.
    static func plainText(_ part: PlainPart) -> String {
        let text = TextDecoder.normalizeLineEnds(part.text)
        return part.flowed ? FlowedText.decode(text, delSp: part.delSp) : text
    }

    /// A `text/plain` part's text and its RFC 3676 parameters.
    struct PlainPart {
        var text: String
        /// `format=flowed`.
        var flowed = false
        /// `delsp=yes`.
        var delSp = false
    }

    /// The first plain and HTML text parts found, depth-first, and the attached messages.
    private struct TextParts {
        var plain: PlainPart?
        var html: String?
        /// The first attached message (`message/rfc822`), read on its own.
        var attached: [Attached] = []

        struct Attached {
            var subject: String?
            var parts: TextParts
        }

        /// MIME trees are shallow; the depth cap keeps a crafted message from recursing deeply.
        mutating func collect(_ object: OpaquePointer, depth: Int) {
            guard depth < 32 else { return }
            if digestd_gmime_is_multipart(object) != 0 {
                let multipart = cgmime_as_multipart(object)
                for i in 0..<digestd_g_mime_multipart_get_count(multipart) {
                    if let part = digestd_g_mime_multipart_get_part(multipart, i) { collect(part, depth: depth + 1) }
                }
            } else if digestd_gmime_is_message_part(object) != 0 {
                if attached.isEmpty, let inner = digestd_g_mime_message_part_get_message(cgmime_as_message_part(object)),
                   let top = digestd_g_mime_message_get_mime_part(inner) {
                    var parts = TextParts()
                    parts.collect(top, depth: depth + 1)
                    attached.append(Attached(subject: digestd_g_mime_message_get_subject(inner).map { String(cString: $0) }, parts: parts))
                }
            } else if digestd_gmime_is_text_part(object) != 0 {
                let textPart = cgmime_as_text_part(object)
                if digestd_g_mime_part_is_attachment(cgmime_text_part_as_part(textPart)) != 0 { return }
                guard let type = digestd_g_mime_object_get_content_type(object) else { return }
                let isPlain = digestd_g_mime_content_type_is_type(type, "text", "plain") != 0
                let isHTML = digestd_g_mime_content_type_is_type(type, "text", "html") != 0
                guard isPlain && plain == nil || isHTML && html == nil else { return }
                guard let raw = digestd_g_mime_text_part_get_text(textPart) else { return }
                defer { digestd_gmime_free(raw) }
                let bytes = Array(UnsafeRawBufferPointer(start: raw, count: strlen(raw)))
                // A part without a charset parameter comes back as its raw bytes.
                let text = String(validating: bytes, as: UTF8.self) ?? TextDecoder.decode(bytes)?.text ?? ""
                if isPlain {
                    let format = digestd_g_mime_content_type_get_parameter(type, "format").map { String(cString: $0).lowercased() }
                    let delSp = digestd_g_mime_content_type_get_parameter(type, "delsp").map { String(cString: $0).lowercased() }
                    plain = PlainPart(text: text, flowed: format == "flowed", delSp: delSp == "yes")
                } else {
                    html = text
                }
            }
        }
    }
}
