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
package enum MarkupEscaping {
    /// Mustache content type name registered for digestd's templates.
    static let contentTypeName = "DIGESTD_MARKUP"

    /// The escaped form of `text`, safe as HTML/XML element content and as a quoted attribute value.
    /// - Complexity: one pass over the UTF-8 bytes; a text with nothing to escape is returned as
    ///   it is. Only bytes that can begin something to escape are looked at closely (see
    ///   ``mayNeedEscape(_:)``), so the Atom feed, which escapes whole pages, costs little more
    ///   than a copy.
    package static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard let start = bytes.baseAddress, bytes.contains(where: mayNeedEscape) else { return nil }
            let count = bytes.count
            let table = asciiExtra
            // Two passes over the bytes: the length of the result, then the result written in
            // place. Markup is dense in `<`, `>` and `"` (the feed escapes whole pages), so the
            // ASCII cases are a table lookup and a few stores; only the lead bytes of scalars
            // that may need it are decoded.
            var length = count
            var i = 0
            while i < count {
                let byte = start[i]
                let extra = table[Int(byte)]
                if extra >= 0 {
                    length += Int(extra)
                    i += 1
                } else {
                    let (consumed, replacement) = replacement(in: bytes, at: i)
                    if let replacement { length += replacement.count - consumed }
                    i += consumed
                }
            }
            return String(unsafeUninitializedCapacity: length) { out in
                guard let to = out.baseAddress else { return 0 }
                var o = 0
                var i = 0
                while i < count {
                    let byte = start[i]
                    switch table[Int(byte)] {
                    case 0:
                        to[o] = byte
                        o += 1
                        i += 1
                        continue
                    case -1:
                        let (consumed, replacement) = replacement(in: bytes, at: i)
                        if let replacement {
                            for b in replacement { to[o] = b; o += 1 }
                        } else {
                            for k in i..<(i + consumed) { to[o] = start[k]; o += 1 }
                        }
                        i += consumed
                        continue
                    default:
                        break
                    }
                    // `&` and the entity's name, then `;`.
                    to[o] = 0x26
                    switch byte {
                    case 0x3C: to[o + 1] = 0x6C; to[o + 2] = 0x74; o += 3  // lt
                    case 0x3E: to[o + 1] = 0x67; to[o + 2] = 0x74; o += 3  // gt
                    case 0x26: to[o + 1] = 0x61; to[o + 2] = 0x6D; to[o + 3] = 0x70; o += 4  // amp
                    case 0x22: to[o + 1] = 0x71; to[o + 2] = 0x75; to[o + 3] = 0x6F; to[o + 4] = 0x74; o += 5  // quot
                    default: to[o + 1] = 0x23; to[o + 2] = 0x33; to[o + 3] = 0x39; o += 4  // #39 (')
                    }
                    to[o] = 0x3B
                    o += 1
                    i += 1
                }
                return o
            }
        } ?? text
    }

    /// By byte: how many bytes ``escape(_:)`` adds for it when it stands for itself (0) or is
    /// replaced by an entity (`<` 3, `&` 4, …); -1 for a byte to decode and look at (see
    /// ``mayNeedEscape(_:)``). Continuation bytes (0x80–0xBF) are copied with their lead byte.
    private static let asciiExtra: [Int8] = (0...255).map { (byte: Int) -> Int8 in
        switch byte {
        case 0x3C, 0x3E: 3
        case 0x26, 0x27: 4
        case 0x22: 5
        default: mayNeedEscape(UInt8(byte)) ? -1 : 0
        }
    }

    private static let fffd: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// For a byte for which ``mayNeedEscape(_:)`` holds other than the five ASCII specials: how
    /// many bytes its scalar takes, and what replaces them (nil: they stay). `bytes` is valid
    /// UTF-8 (a Swift string's).
    private static func replacement(in bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Int, [UInt8]?) {
        let byte = bytes[i]
        let length = min(bytes.count - i, byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4)
        var value = length == 1 ? UInt32(byte) : UInt32(byte) & (0xFF >> (length + 1))
        for k in 1..<max(1, length) { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
        guard let scalar = Unicode.Scalar(value) else { return (length, nil) }
        if isBidiControl(scalar) { return (length, Array(("&#x" + String(value, radix: 16, uppercase: true) + ";").utf8)) }
        if isForbidden(scalar) { return (length, fffd) }
        return (length, nil)
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
