#if canImport(Glibc)
import Glibc
#endif
import CUchardet

/// Text decoded from an article's bytes, with the encoding that was used.
package struct DecodedText: Sendable, Equatable {
    /// The text, with CRLF and CR line ends turned into LF and any byte-order mark removed.
    package let text: String
    /// The encoding's WHATWG name, lower case: `utf-8`, `utf-16le`, `utf-16be`, or a legacy
    /// encoding such as `windows-1252`, `windows-1251`, `koi8-r`, `shift_jis`, `euc-jp`, `gb18030`.
    package let encoding: String
    /// `true` when bytes that are invalid in ``encoding`` were each replaced with U+FFFD.
    package let repaired: Bool

    /// `true` when the text was not in a Unicode encoding (UTF-8 or UTF-16) but in a legacy one.
    package var isLegacy: Bool { !encoding.hasPrefix("utf-") }
}

/// Decodes article bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or a legacy encoding.
///
/// Rule: a BOM decides; then UTF-16 without a BOM (``TextBytes``); otherwise control bytes (NUL
/// among them) in more than 1 % of the input mean binary, and the NUL bytes of text are dropped;
/// valid UTF-8 is
/// UTF-8; text with valid multi-byte UTF-8 and under 1 % invalid bytes (or more valid multi-byte
/// sequences than invalid bytes) is UTF-8 with each maximal
/// invalid subpart replaced by U+FFFD (Unicode §3.9, "U+FFFD substitution of maximal subparts").
/// Anything else is legacy text: uchardet (Mozilla's universal charset detector) guesses the
/// encoding, and glibc's iconv(3) converts it. The guess is kept only when the conversion is
/// clean (at most 1 % unconvertible bytes and no C1 control characters, which real text in the
/// guessed encoding would never decode to); otherwise Windows-1252 is tried, the WHATWG default
/// for legacy Western text, which also names the result whenever it decodes the bytes to exactly
/// the same text as the guess (uchardet often names a sibling Latin code page for short Western
/// text). When neither converts cleanly, the bytes are read as UTF-8 with U+FFFD substitutions.
///
/// Encoding labels follow the WHATWG Encoding Standard (ISO-8859-1 and US-ASCII are decoded as
/// Windows-1252, Shift_JIS as Windows-31J, EUC-KR as Windows-949). Never traps on any byte
/// sequence; thread-safe (each call has its own detector and converter).
package enum TextDecoder {
    /// Decodes `bytes`, or returns nil when they are not text.
    /// - Parameter bytes: the file's raw bytes.
    /// - Returns: the text with LF line ends and without U+0000, or `nil` for binary data
    ///   (control bytes, NUL included, in more than 1 % of the input, and no UTF-16 text).
    package static func decode(_ bytes: [UInt8]) -> DecodedText? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return utf8(Array(bytes.dropFirst(3)))
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16(bytes.dropFirst(2), littleEndian: true) }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(bytes.dropFirst(2), littleEndian: false) }
        if let littleEndian = TextBytes.utf16Order(bytes) { return utf16(bytes[...], littleEndian: littleEndian) }
        guard isText(bytes) else { return nil }
        return utf8(bytes)
    }

    /// Whether ``decode(_:)`` reads `bytes` as text rather than binary: they start with a
    /// byte-order mark, or hold at most 1 % control bytes (below 0x20 but tab, line feed, form
    /// feed and carriage return; NUL included), or are UTF-16 without a byte-order mark
    /// (``TextBytes/utf16Order(_:)``). A stray NUL in a long page is a flaw of the file, not a
    /// sign of binary data: binary formats (images, archives, executables, compressed data) hold
    /// control bytes in far more than 1 % of their bytes. Decodes nothing but, when the share is
    /// exceeded, the UTF-16 candidate.
    /// - Complexity: O(n), one branch-free pass (plus one UTF-16 check when the share is exceeded).
    package static func isText(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return true
        }
        return controlShareIsLow(bytes) || TextBytes.utf16Order(bytes) != nil
    }

    /// At most 1 % of `bytes` are control bytes (NUL included).
    private static func controlShareIsLow(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let p = buffer.baseAddress else { return true }
            let n = buffer.count
            var controls = 0
            var i = 0
            // 32 bytes at a time; a block holding a control byte is counted byte by byte.
            let raw = UnsafeRawPointer(p)
            while i + 32 <= n {
                let any = controlMask(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self), formFeed: false)
                    | controlMask(raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self), formFeed: false)
                    | controlMask(raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self), formFeed: false)
                    | controlMask(raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self), formFeed: false)
                if any != 0 {
                    for k in i..<(i + 32) where isControl(p[k]) { controls += 1 }
                }
                i += 32
            }
            for k in i..<n where isControl(p[k]) { controls += 1 }
            return controls * 100 <= n
        }
    }

    /// The high bit of each byte of `word` that is a control byte: below 0x20 but not tab, line
    /// feed or carriage return, nor form feed unless `formFeed`. Exact per byte (no carries
    /// between bytes), in a dozen word operations.
    @inline(__always) static func controlMask(_ word: UInt64, formFeed: Bool) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        /// High bit set in each byte of `word` equal to `value`.
        @inline(__always) func equal(_ value: UInt64) -> UInt64 {
            let y = word ^ (ones &* value)
            return ~((y | high) &- ones) & ~y & high
        }
        let below20 = ~((word | high) &- ones &* 0x20) & ~word & high
        var mask = below20 & ~equal(0x09) & ~equal(0x0A) & ~equal(0x0D)
        if !formFeed { mask &= ~equal(0x0C) }
        return mask
    }

    /// A byte below 0x20 other than tab, line feed, form feed and carriage return (NUL included).
    @inline(__always) private static func isControl(_ b: UInt8) -> Bool {
        b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C
    }

    /// Whether `bytes` are well-formed UTF-8 (Unicode §3.9, Table 3-7), as
    /// `String(validating:as:)` decides, without making the string: runs of ASCII are skipped
    /// eight bytes at a time.
    package static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let p = buffer.baseAddress else { return true }
            let n = buffer.count
            var i = 0
            while i < n {
                while i + 8 <= n, UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
                guard i < n else { break }
                let lead = p[i]
                if lead < 0x80 { i += 1; continue }
                let length: Int
                var low: UInt8 = 0x80, high: UInt8 = 0xBF // bounds of the second byte
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; low = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; high = 0x9F
                case 0xF0: length = 4; low = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; high = 0x8F
                default: return false
                }
                guard i + length <= n, p[i + 1] >= low, p[i + 1] <= high else { return false }
                for k in 2..<length where p[i + k] & 0xC0 != 0x80 { return false }
                i += length
            }
            return true
        }
    }

    /// UTF-8 (or, failing that, legacy) text of `bytes`; NUL bytes are dropped first.
    private static func utf8(_ bytes: [UInt8]) -> DecodedText? {
        if TextBytes.hasNUL(bytes) { return utf8(bytes.filter { $0 != 0 }) }
        if let text = String(validating: bytes, as: UTF8.self) {
            return DecodedText(text: normalizeLineEnds(text), encoding: "utf-8", repaired: false)
        }
        // Mostly UTF-8 with a few stray bytes (a Latin-1 "é" pasted into UTF-8 text) stays UTF-8:
        // read as a legacy code page, every valid multi-byte sequence would turn to mojibake
        // ("naÃ¯ve"), and real legacy text almost never holds one.
        let (valid, invalid) = countUTF8(bytes)
        if valid > 0, invalid * 100 < bytes.count || valid > invalid {
            return lossyUTF8(bytes)
        }
        return legacy(bytes)
    }

    private static func lossyUTF8(_ bytes: [UInt8]) -> DecodedText {
        DecodedText(text: normalizeLineEnds(String(decoding: bytes, as: UTF8.self)), encoding: "utf-8", repaired: true)
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
        var text = String(decoding: units, as: UTF16.self)
        if units.contains(0) { text.unicodeScalars.removeAll { $0 == "\0" } }
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

    // MARK: legacy encodings

    /// The WHATWG name and the glibc iconv name of an encoding uchardet can report, where either
    /// differs from uchardet's own (upper-case) name. A label table, not a code table: iconv
    /// holds the mappings.
    private static let labels: [String: (name: String, iconv: String)] = [
        "ASCII": ("windows-1252", "CP1252"),
        "ISO-8859-1": ("windows-1252", "CP1252"),
        "WINDOWS-1252": ("windows-1252", "CP1252"),
        "ISO-8859-9": ("windows-1254", "CP1254"),
        "ISO-8859-11": ("windows-874", "CP874"),
        "TIS-620": ("windows-874", "CP874"),
        "SHIFT_JIS": ("shift_jis", "CP932"),
        "EUC-KR": ("euc-kr", "CP949"),
        "GB2312": ("gb18030", "GB18030"),
        "GB18030": ("gb18030", "GB18030"),
        "HZ-GB-2312": ("hz-gb-2312", "HZ"),
        "BIG5": ("big5", "BIG5-HKSCS"),
        "MAC-CYRILLIC": ("x-mac-cyrillic", "MAC-CYRILLIC"),
    ]

    private static let western = (name: "windows-1252", iconv: "CP1252")

    /// Legacy text: uchardet's guess when it converts cleanly, else Windows-1252, else lossy UTF-8.
    static func legacy(_ bytes: [UInt8]) -> DecodedText {
        let fallback = convert(bytes, from: western.iconv)
        if let guess = detect(bytes), guess.iconv != western.iconv, !guess.name.hasPrefix("utf-"),
           let converted = convert(bytes, from: guess.iconv), isClean(converted, of: bytes.count),
           converted.text != fallback?.text {
            return DecodedText(text: normalizeLineEnds(converted.text), encoding: guess.name, repaired: converted.failures > 0)
        }
        if let fallback, isClean(fallback, of: bytes.count) {
            return DecodedText(text: normalizeLineEnds(fallback.text), encoding: western.name, repaired: fallback.failures > 0)
        }
        return lossyUTF8(bytes)
    }

    /// At most 1 % of the bytes unconvertible, and no C1 controls (U+0080–U+009F): those come
    /// only from reading bytes 0x80–0x9F in an ISO-8859 code page they were not written in.
    private static func isClean(_ converted: (text: String, failures: Int), of count: Int) -> Bool {
        converted.failures * 100 <= count
            && !converted.text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) }
    }

    /// uchardet's guess, as WHATWG and iconv names; `nil` when it has none.
    private static func detect(_ bytes: [UInt8]) -> (name: String, iconv: String)? {
        guard let detector = uchardet_new() else { return nil }
        defer { uchardet_delete(detector) }
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { uchardet_handle_data(detector, $0.baseAddress, $0.count) }
        }
        guard status == 0 else { return nil }
        uchardet_data_end(detector)
        guard let raw = uchardet_get_charset(detector) else { return nil }
        let charset = String(cString: raw).uppercased()
        guard !charset.isEmpty else { return nil }
        return labels[charset] ?? (charset.lowercased(), charset)
    }

    /// Converts `bytes` from the iconv encoding `from` to UTF-8. Each byte iconv cannot convert
    /// becomes U+FFFD and conversion resumes after it; a truncated sequence at the end does too.
    /// - Returns: the text and the number of substitutions, or `nil` when iconv does not know
    ///   the encoding.
    static func convert(_ bytes: [UInt8], from encoding: String) -> (text: String, failures: Int)? {
        let cd = iconv_open("UTF-8", encoding)
        guard let cd, cd != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        var failures = 0
        var chunk = [CChar](repeating: 0, count: 16 * 1024)
        var input = bytes.map { CChar(bitPattern: $0) }
        let total = input.count
        var consumed = 0
        input.withUnsafeMutableBufferPointer { inBuffer in
            chunk.withUnsafeMutableBufferPointer { outBuffer in
                guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return }
                while consumed < total {
                    var inPointer: UnsafeMutablePointer<CChar>? = inBase + consumed
                    var inLeft = total - consumed
                    var outPointer: UnsafeMutablePointer<CChar>? = outBase
                    var outLeft = outBuffer.count
                    let result = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
                    let error = result == -1 ? errno : 0
                    out.append(contentsOf: UnsafeRawBufferPointer(start: outBase, count: outBuffer.count - outLeft))
                    consumed = total - inLeft
                    if result != -1 || error == E2BIG { continue }
                    // EILSEQ (no such character) or EINVAL (cut off at the end): one U+FFFD, skip a byte.
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    failures += 1
                    consumed += 1
                    iconv(cd, nil, nil, nil, nil) // back to the initial shift state
                }
            }
        }
        return (String(decoding: out, as: UTF8.self), failures)
    }

    /// CRLF and lone CR become LF.
    static func normalizeLineEnds(_ text: String) -> String {
        var contiguous = text
        let hasCR = contiguous.withUTF8 { bytes in
            bytes.baseAddress.map { memchr($0, 0x0D, bytes.count) != nil } ?? false
        }
        guard hasCR else { return text }
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
