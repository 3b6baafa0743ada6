#if canImport(Glibc)
import Glibc
#endif
import CGMime

/// Reduces an Internet message (`.eml`: RFC 5322 with MIME, RFC 2045–2049) to its Subject and text.
///
/// Parsing is GMime 3: it decodes RFC 2047 encoded words in the Subject, undoes the
/// quoted-printable and base64 transfer encodings, and converts each text part from its declared
/// charset to UTF-8. The body is the first `text/plain` part that is not an attachment,
/// searching `multipart/*` depth-first and into attached `message/rfc822` messages; when there
/// is none, or it is a stub much shorter than the HTML alternative ("view this mail in a
/// browser"), the first `text/html` part reduced by ``HTMLExtractor``.
public enum EmailExtractor {
    /// - Parameter bytes: the message as stored (`.eml`), headers first.
    /// - Returns: the Subject (or `nil`) and the body, or `nil` when GMime finds no message.
    public static func extract(_ bytes: [UInt8]) -> ExtractedArticle? {
        guard ready, !bytes.isEmpty else { return nil }
        let stream = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { g_mime_stream_mem_new_with_buffer($0.baseAddress, $0.count) }
        }
        guard let stream else { return nil }
        let parser = g_mime_parser_new_with_stream(stream)
        cgmime_unref(stream)
        guard let parser else { return nil }
        let message = g_mime_parser_construct_message(parser, nil)
        cgmime_unref(parser)
        guard let message else { return nil }
        defer { cgmime_unref(message) }

        let subject = g_mime_message_get_subject(message).map { collapsed(String(cString: $0)) }
        var parts = TextParts()
        if let top = g_mime_message_get_mime_part(message) { parts.collect(top, depth: 0) }
        let html = parts.html.flatMap(HTMLExtractor.extract)
        var body = parts.plain.map { plainBody($0) } ?? ""
        if let html, body.count * 3 < html.body.count, body.count < 500 { body = html.body }
        let title = (subject?.isEmpty ?? true) ? html?.title : subject
        return ExtractedArticle(title: title, body: body, format: .email)
    }

    /// GMime must be initialised once per process before use (g_mime_init(3)).
    private static let ready: Bool = {
        g_mime_init()
        return true
    }()

    /// Line ends normalised; a signature (`-- ` line) and what follows dropped (RFC 3676 §4.3).
    static func plainBody(_ text: String) -> String {
        var lines = TextDecoder.normalizeLineEnds(text).split(separator: "\n", omittingEmptySubsequences: false)
        if let signature = lines.lastIndex(where: { $0 == "-- " || $0 == "--" }) {
            lines.removeSubrange(signature...)
        }
        return lines.joined(separator: "\n")
    }

    /// The first plain and HTML text parts found, depth-first.
    private struct TextParts {
        var plain: String?
        var html: String?

        /// MIME trees are shallow; the depth cap keeps a crafted message from recursing deeply.
        mutating func collect(_ object: UnsafeMutablePointer<GMimeObject>, depth: Int) {
            guard depth < 32, plain == nil || html == nil else { return }
            if cgmime_is_multipart(object) != 0 {
                let multipart = cgmime_as_multipart(object)
                for i in 0..<g_mime_multipart_get_count(multipart) {
                    if let part = g_mime_multipart_get_part(multipart, i) { collect(part, depth: depth + 1) }
                }
            } else if cgmime_is_message_part(object) != 0 {
                if let inner = g_mime_message_part_get_message(cgmime_as_message_part(object)),
                   let top = g_mime_message_get_mime_part(inner) {
                    collect(top, depth: depth + 1)
                }
            } else if cgmime_is_text_part(object) != 0 {
                if g_mime_part_is_attachment(cgmime_as_part(object)) != 0 { return }
                guard let type = g_mime_object_get_content_type(object) else { return }
                let isPlain = g_mime_content_type_is_type(type, "text", "plain") != 0
                let isHTML = g_mime_content_type_is_type(type, "text", "html") != 0
                guard isPlain && plain == nil || isHTML && html == nil else { return }
                guard let raw = g_mime_text_part_get_text(cgmime_as_text_part(object)) else { return }
                defer { cgmime_free(raw) }
                let bytes = Array(UnsafeRawBufferPointer(start: raw, count: strlen(raw)))
                // A part without a charset parameter comes back as its raw bytes.
                let text = String(validating: bytes, as: UTF8.self) ?? TextDecoder.decode(bytes)?.text ?? ""
                if isPlain { plain = text } else { html = text }
            }
        }
    }
}
