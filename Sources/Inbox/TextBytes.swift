#if canImport(Glibc)
import Glibc
#endif

/// What an article's raw bytes hold before any format reads them: UTF-16 without a byte-order
/// mark, or stray NUL bytes in 8-bit text. Every reader (``ArticleExtractor/read(bytes:name:)``,
/// ``TextDecoder``) asks here first, so a page, a mail and a note are treated alike.
///
/// **UTF-16 without a BOM** (Unicode §3.10 allows it; some Windows tools write it): the NUL
/// bytes of such text are the high bytes of its Latin code units, so they sit on one parity of
/// the byte positions. The parity with more NULs names the candidate byte order
/// (little-endian when the odd positions hold them), and the candidate is accepted only when it
/// decodes to plausible text: an even number of bytes, and no code unit that text never holds,
/// that is no C0 control but tab, line feed, form feed and carriage return (U+0000 included), no
/// unpaired surrogate, no private-use, unassigned or noncharacter code point. Random or binary
/// data fails that test within a few hundred bytes (about one unit in six of random data is
/// such a unit).
///
/// **Stray NUL bytes** in 8-bit text (a NUL in a saved page) are not a sign of binary data by
/// themselves (``TextDecoder/isText(_:)`` judges the share of control bytes); they are dropped
/// before reading, as the HTML parsing standard drops U+0000 from text.
package enum TextBytes {
    /// The bytes to read and what was done to them.
    package struct Prepared: Sendable, Equatable {
        /// UTF-8 bytes (with a UTF-8 byte-order mark, which every reader honours) when the input
        /// was UTF-16 without a BOM; the input without its NUL bytes when it held some; else
        /// the input as it was.
        package let bytes: [UInt8]
        /// `utf-16le` or `utf-16be` when the input was UTF-16 without a BOM, else `nil`.
        package let utf16: String?
        /// How many NUL bytes were dropped from 8-bit text (0 for UTF-16).
        package let droppedNULs: Int
    }

    /// `bytes` made ready for the readers (see the type's rules).
    /// - Complexity: O(n); a single `memchr` pass when there is no NUL byte.
    package static func prepare(_ bytes: [UInt8]) -> Prepared {
        guard !hasBOM(bytes), hasNUL(bytes) else { return Prepared(bytes: bytes, utf16: nil, droppedNULs: 0) }
        if let littleEndian = utf16Order(bytes), let text = utf16Text(bytes, littleEndian: littleEndian) {
            return Prepared(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8), utf16: littleEndian ? "utf-16le" : "utf-16be",
                            droppedNULs: 0)
        }
        let kept = bytes.filter { $0 != 0 }
        return Prepared(bytes: kept, utf16: nil, droppedNULs: bytes.count - kept.count)
    }

    /// Whether `bytes` start with a UTF-8, UTF-16LE or UTF-16BE byte-order mark.
    package static func hasBOM(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
    }

    /// Whether `bytes` hold a NUL byte (`memchr`).
    package static func hasNUL(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in raw.baseAddress.map { memchr($0, 0, raw.count) != nil } ?? false }
    }

    /// The byte order of `bytes` read as UTF-16 without a BOM: `true` little-endian, `false`
    /// big-endian, `nil` when they are not such text (no BOM, an even count, NUL bytes, and a
    /// clean decoding in the order their NULs point to).
    package static func utf16Order(_ bytes: [UInt8]) -> Bool? {
        guard bytes.count >= 2, bytes.count % 2 == 0, !hasBOM(bytes), hasNUL(bytes) else { return nil }
        var evenNULs = 0, oddNULs = 0
        for (i, byte) in bytes.enumerated() where byte == 0 {
            if i % 2 == 0 { evenNULs += 1 } else { oddNULs += 1 }
        }
        let littleEndian = oddNULs > evenNULs
        return utf16Text(bytes, littleEndian: littleEndian) == nil ? nil : littleEndian
    }

    /// `bytes` decoded as UTF-16 in the given order, or `nil` when a code unit is one that text
    /// never holds (see the type's rules).
    private static func utf16Text(_ bytes: [UInt8], littleEndian: Bool) -> String? {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 0
        while i + 1 < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? a | (b << 8) : (a << 8) | b)
            i += 2
        }
        var scalars = String.UnicodeScalarView()
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                guard isPlausible(scalar) else { return nil }
                scalars.append(scalar)
            case .emptyInput: break loop
            case .error: return nil // an unpaired surrogate
            }
        }
        return String(scalars)
    }

    /// A scalar that text holds: not a C0 control other than tab, LF, FF, CR; not private use,
    /// unassigned or a noncharacter.
    private static func isPlausible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0C, 0x0D: return true
        case 0..<0x20: return false
        case 0x20..<0x7F: return true
        case 0x7F..<0xA0: return false // DEL and the C1 controls
        default:
            if scalar.properties.isNoncharacterCodePoint { return false }
            switch scalar.properties.generalCategory {
            case .privateUse, .unassigned, .surrogate: return false
            default: return true
            }
        }
    }
}
