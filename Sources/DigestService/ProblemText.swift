/// A configuration problem made one printable line: the text a user wrote into the file (a key,
/// a value, a file name) may hold line breaks or other control characters, which would split a
/// problem over several lines or move the terminal's cursor.
///
/// Each control character (Unicode general category `Cc`: C0, DEL, C1), line or paragraph
/// separator (U+2028, U+2029) and bidirectional formatting character (U+200E, U+200F,
/// U+202A–U+202E, U+2066–U+2069, which reorder what a terminal shows) is written as a Swift
/// escape: `\r`, `\n`, `\t`, else `\u{XXXX}` in hex. Everything else is kept as it is.
package enum ProblemText {
    /// `text` with the characters above escaped.
    /// - Complexity: O(n).
    package static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else { out.unicodeScalars.append(scalar); continue }
            switch scalar {
            case "\r": out += "\\r"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return scalar.properties.generalCategory == .control
        }
    }
}
