/// Text decoded from an article's bytes, with the encoding that was used.
public struct DecodedText: Sendable, Equatable {
    /// The text, with CRLF and CR line ends turned into LF and any byte-order mark removed.
    public let text: String
    /// `utf-8`, `utf-16le`, `utf-16be` or `windows-1252`.
    public let encoding: String
    /// `true` when invalid UTF-8 sequences were replaced with U+FFFD.
    public let repaired: Bool
}

/// Decodes article bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or legacy 8-bit text.
///
/// Rule (F42): a BOM decides; otherwise NUL bytes or many control bytes mean binary; valid UTF-8 is
/// UTF-8; text with valid multi-byte UTF-8 and under 1 % invalid bytes is UTF-8 with each maximal
/// invalid subpart replaced by U+FFFD (Unicode §3.9, "U+FFFD substitution of maximal subparts");
/// anything else is Windows-1252 (which agrees with ISO-8859-1 outside 0x80–0x9F and never yields
/// C1 control characters).
public enum TextDecoder {
    /// Decodes `bytes`, or returns nil when they are not text.
    public static func decode(_ bytes: [UInt8]) -> DecodedText? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return utf8(Array(bytes.dropFirst(3)))
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16(bytes.dropFirst(2), littleEndian: true) }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(bytes.dropFirst(2), littleEndian: false) }
        var controls = 0
        for b in bytes {
            if b == 0 { return nil }
            if b < 0x20, b != 0x09, b != 0x0A, b != 0x0D, b != 0x0C { controls += 1 }
        }
        if controls * 100 > bytes.count { return nil }
        return utf8(bytes)
    }

    private static func utf8(_ bytes: [UInt8]) -> DecodedText? {
        if let text = String(validating: bytes, as: UTF8.self) {
            return DecodedText(text: normalizeLineEnds(text), encoding: "utf-8", repaired: false)
        }
        let (valid, invalid) = countUTF8(bytes)
        if valid > 0, invalid * 100 < bytes.count {
            let text = String(decoding: bytes, as: UTF8.self)
            return DecodedText(text: normalizeLineEnds(text), encoding: "utf-8", repaired: true)
        }
        return DecodedText(text: normalizeLineEnds(windows1252(bytes)), encoding: "windows-1252", repaired: false)
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> DecodedText {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? a | (b << 8) : (a << 8) | b)
            i += 2
        }
        let text = String(decoding: units, as: UTF16.self)
        return DecodedText(text: normalizeLineEnds(text), encoding: littleEndian ? "utf-16le" : "utf-16be", repaired: false)
    }

    /// Counts well-formed multi-byte sequences and bytes that belong to no well-formed sequence.
    private static func countUTF8(_ bytes: [UInt8]) -> (multibyte: Int, invalid: Int) {
        var multibyte = 0, invalid = 0, i = 0
        while i < bytes.count {
            let b = bytes[i]
            let need: Int
            switch b {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: need = 1
            case 0xE0...0xEF: need = 2
            case 0xF0...0xF4: need = 3
            default: invalid += 1; i += 1; continue
            }
            var ok = i + need < bytes.count
            if ok { for k in 1...need where bytes[i + k] & 0xC0 != 0x80 { ok = false } }
            if ok { multibyte += 1; i += need + 1 } else { invalid += 1; i += 1 }
        }
        return (multibyte, invalid)
    }

    /// Windows-1252 code points for bytes 0x80–0x9F; the five undefined bytes map to U+FFFD.
    private static let cp1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    static func windows1252(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            let v: UInt32 = (0x80...0x9F).contains(b) ? cp1252High[Int(b) - 0x80] : UInt32(b)
            scalars.append(Unicode.Scalar(v) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    /// CRLF and lone CR become LF.
    static func normalizeLineEnds(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for s in text.unicodeScalars {
            if s == "\r" { out.append("\n"); previousCR = true; continue }
            if s == "\n", previousCR { previousCR = false; continue }
            previousCR = false
            out.append(s)
        }
        return String(out)
    }
}
