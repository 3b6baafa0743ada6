import Mustache

/// Escaping of article text for HTML5 and XML 1.0 (Atom), used by every template variable.
///
/// - `<`, `>`, `&`, `"`, `'` become entity or character references, so text cannot open a tag,
///   close one (`</title>`), or leave an attribute value.
/// - Unicode bidirectional formatting characters (LRM, RLM, ALM, LRE…RLO, PDF, LRI…PDI) become
///   numeric character references: the browser still applies them, inside the element's own
///   bidi isolate (templates put article text in `dir="auto"` elements), while the file itself
///   holds no raw override that could reorder what a terminal or a code review shows.
/// - Control characters (C0 except tab, line feed and carriage return, DEL, C1) and Unicode
///   noncharacters become U+FFFD: they are parse errors in HTML5 and not allowed in XML 1.0,
///   even as references.
public enum MarkupEscaping {
    /// Mustache content type name registered for digestd's templates.
    static let contentTypeName = "DIGESTD_MARKUP"

    /// The escaped form of `text`, safe as HTML/XML element content and as a quoted attribute value.
    /// - Complexity: one pass over the UTF-8 bytes; a text with nothing to escape is returned as
    ///   it is. Only bytes that can begin something to escape are looked at closely (see
    ///   ``mayNeedEscape(_:)``), so the Atom feed, which escapes whole pages, costs little more
    ///   than a copy.
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard let first = bytes.firstIndex(where: mayNeedEscape) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 16 + 16)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<first]))
            var i = first
            while i < bytes.count {
                let byte = bytes[i]
                guard mayNeedEscape(byte) else {
                    var j = i + 1
                    while j < bytes.count, !mayNeedEscape(bytes[j]) { j += 1 }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                    i = j
                    continue
                }
                // The scalar starting here (the text is valid UTF-8: a Swift string).
                let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                var value = length == 1 ? UInt32(byte) : UInt32(byte) & (0xFF >> (length + 1))
                var k = 1
                while k < length, i + k < bytes.count {
                    value = value << 6 | UInt32(bytes[i + k] & 0x3F)
                    k += 1
                }
                switch value {
                case 0x3C: out += Array("&lt;".utf8)
                case 0x3E: out += Array("&gt;".utf8)
                case 0x26: out += Array("&amp;".utf8)
                case 0x22: out += Array("&quot;".utf8)
                case 0x27: out += Array("&#39;".utf8)
                case 0x09, 0x0A, 0x0D: out.append(byte)
                default:
                    if let scalar = Unicode.Scalar(value), isBidiControl(scalar) {
                        out += Array(("&#x" + String(value, radix: 16, uppercase: true) + ";").utf8)
                    } else if let scalar = Unicode.Scalar(value), isForbidden(scalar) {
                        out += [0xEF, 0xBF, 0xBD]
                    } else {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<min(bytes.count, i + length)]))
                    }
                }
                i += length
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    /// Whether a UTF-8 byte may begin a scalar that ``escape(_:)`` changes: `<`, `>`, `&`, `"`,
    /// `'`, a C0 control other than tab, line feed and carriage return, DEL, or the lead byte of
    /// a C1 control (0xC2), of U+061C (0xD8), of the U+2000 block's bidi controls (0xE2), of the
    /// noncharacters U+FDD0…U+FDEF and U+FFFE/U+FFFF (0xEF), or of a scalar outside the Basic
    /// Multilingual Plane (0xF0 and up: each plane ends in two noncharacters).
    @inline(__always)
    static func mayNeedEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x3C, 0x3E, 0x26, 0x22, 0x27, 0x7F, 0xC2, 0xD8, 0xE2, 0xEF: true
        case 0x09, 0x0A, 0x0D: false
        default: byte < 0x20 || byte >= 0xF0
        }
    }

    /// Bidirectional formatting characters (Unicode UAX #9, table 1).
    static func isBidiControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Code points HTML5 reports as parse errors and XML 1.0 does not allow.
    static func isForbidden(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || isNoncharacter(s)
    }

    /// Unicode noncharacters: U+FDD0…U+FDEF and the last two code points of every plane.
    static func isNoncharacter(_ s: Unicode.Scalar) -> Bool {
        (0xFDD0...0xFDEF).contains(s.value) || s.value & 0xFFFE == 0xFFFE
    }

    /// The same escaping as a Mustache content type, so `{{value}}` in a template escapes this way.
    struct ContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { MarkupEscaping.escape(text) }
    }

    /// Parses a template whose first line selects this escaping (`{{% CONTENT_TYPE: DIGESTD_MARKUP}}`).
    /// Registration is idempotent; the library's registry is lock-protected.
    static func template(_ source: String) throws -> MustacheTemplate {
        MustacheContentTypes.register(ContentType(), named: contentTypeName)
        return try MustacheTemplate(string: "{{% CONTENT_TYPE: \(contentTypeName)}}" + source)
    }
}
