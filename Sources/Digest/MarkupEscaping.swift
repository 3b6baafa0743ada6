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
    public static func escape(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if isBidiControl(scalar) {
                    out += "&#x" + String(scalar.value, radix: 16, uppercase: true) + ";"
                } else if isForbidden(scalar) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
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
