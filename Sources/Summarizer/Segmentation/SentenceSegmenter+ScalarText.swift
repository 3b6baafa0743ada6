import Foundation

/// Text utilities of the segmenter, on Unicode scalars and UTF-8 bytes: decoding a string to
/// scalars and back, white space and control characters, word counts, white-space folding.
extension SentenceSegmenter {
    /// The Unicode scalars of `text`, decoded from its UTF-8 in one pass (building an array from
    /// `unicodeScalars` counts them first, then decodes them again), controls other than line
    /// breaks and tabs read as spaces (``isControl(_:)``); and, found in the same pass, the index
    /// of every line break (LF, CR, VT, FF, NEL, LS, PS), the LF of a CR LF not listed on its own.
    static func unicodeScalarsAndLineBreaks(of text: String) -> (scalars: [Unicode.Scalar], breaks: [Int]) {
        var breaks: [Int] = []
        func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar] {
            [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { scalars, initialized in
                var count = 0
                var index = 0
                while index < bytes.count {
                    let lead = bytes[index]
                    // Printable ASCII: neither a control (read as a space) nor a line break.
                    if lead &- 0x20 < 0x5F {
                        scalars.initializeElement(at: count, to: Unicode.Scalar(lead))
                        index += 1
                        count += 1
                        continue
                    }
                    let (scalar, length) = Tokenizer.decodeScalar(bytes, at: index)
                    switch scalar.value {
                    case 0x0A:
                        // The LF of a CR LF belongs to the CR's break.
                        if count == 0 || scalars[count - 1] != "\r" { breaks.append(count) }
                    case 0x0B...0x0D, 0x85, 0x2028, 0x2029:
                        breaks.append(count)
                    default:
                        break
                    }
                    scalars.initializeElement(at: count, to: isControl(scalar) ? " " : scalar)
                    index += length
                    count += 1
                }
                initialized = count
            }
        }
        let scalars = text.withUTF8Bytes(decode)
        return (scalars, breaks)
    }

    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII fast path: Unicode property lookups dominate the cost on long texts.
        if scalar.value < 0x80 { return scalar.value <= 0x20 || scalar.value == 0x7F }
        return scalar.properties.isWhitespace || scalar.value <= 0x9F
    }

    /// A control character that is neither a line break nor a tab: C0 controls, DEL, and C1
    /// controls other than NEL (U+0085). These act as spaces.
    @inline(__always)
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return value < 0x09 || value > 0x0D }
        return value == 0x7F || (0x80...0x9F).contains(value) && value != 0x85
    }

    /// The number of white-space separated words in `text`.
    static func wordCount(_ text: String) -> Int {
        text.withUTF8Bytes(wordCount(utf8:))
    }

    /// ``wordCount(_:)``, counting no further than `limit`.
    static func wordCount(_ text: String, limit: Int) -> Int {
        text.withUTF8Bytes { wordCount(utf8: $0, limit: limit) }
    }

    /// ``wordCount(_:)`` over well-formed UTF-8.
    static func wordCount(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        wordCount(utf8: bytes, limit: .max)
    }

    /// ``wordCount(utf8:)``, but it stops counting at `limit` (for a caller that only compares
    /// the count with a bound below `limit`: it need not read a long paragraph to its end).
    static func wordCount(utf8 bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
        var count = 0
        var inWord = false
        var index = 0
        while index < bytes.count, count < limit {
            let (scalar, length) = Tokenizer.decodeScalar(bytes, at: index)
            index += length
            if isSpace(scalar) {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
        return count
    }

    /// Whether ``collapsingWhitespace(_:)`` would return `text` unchanged: no white space
    /// (``isSpace(_:)``) at either end, and none inside but single U+0020 spaces. Checked without
    /// building the collapsed copy (most sentences are already in that form).
    static func isCollapsed(_ text: String) -> Bool {
        text.withUTF8Bytes { bytes in
            var previousIsSpace = true  // a leading space is not collapsed
            var index = 0
            while index < bytes.count {
                let (scalar, length) = Tokenizer.decodeScalar(bytes, at: index)
                index += length
                if scalar == " " {
                    if previousIsSpace { return false }
                    previousIsSpace = true
                } else if isSpace(scalar) {
                    return false
                } else {
                    previousIsSpace = false
                }
            }
            return bytes.isEmpty || !previousIsSpace
        }
    }

    /// `text` with runs of white space collapsed to one space and the ends trimmed.
    static func collapsingWhitespace(_ text: String) -> String {
        func collapse(_ source: UnsafeBufferPointer<UInt8>) -> String {
            String(unsafeUninitializedCapacity: source.count) { buffer in
                var count = 0
                var pendingSpace = false
                var index = 0
                while index < source.count {
                    let (scalar, length) = Tokenizer.decodeScalar(source, at: index)
                    if isSpace(scalar) {
                        pendingSpace = count > 0
                    } else {
                        if pendingSpace {
                            buffer[count] = 0x20
                            count += 1
                        }
                        pendingSpace = false
                        for offset in 0..<length { buffer[count + offset] = source[index + offset] }
                        count += length
                    }
                    index += length
                }
                return count
            }
        }
        return text.withUTF8Bytes(collapse)
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        // Encoded into one preallocated UTF-8 buffer: appending byte by byte pays a
        // uniqueness check per byte.
        String(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var count = 0
            for scalar in scalars { count = encode(scalar, into: buffer, at: count) }
            return count
        }
    }

    /// Writes the UTF-8 form of `scalar` at byte `offset`; returns the offset after it.
    @inline(__always)
    static func encode(_ scalar: Unicode.Scalar, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        let value = scalar.value
        switch value {
        case 0..<0x80:
            buffer[offset] = UInt8(value)
            return offset + 1
        case 0x80..<0x800:
            buffer[offset] = UInt8(0xC0 | value >> 6)
            buffer[offset + 1] = UInt8(0x80 | value & 0x3F)
            return offset + 2
        case 0x800..<0x10000:
            buffer[offset] = UInt8(0xE0 | value >> 12)
            buffer[offset + 1] = UInt8(0x80 | value >> 6 & 0x3F)
            buffer[offset + 2] = UInt8(0x80 | value & 0x3F)
            return offset + 3
        default:
            buffer[offset] = UInt8(0xF0 | value >> 18)
            buffer[offset + 1] = UInt8(0x80 | value >> 12 & 0x3F)
            buffer[offset + 2] = UInt8(0x80 | value >> 6 & 0x3F)
            buffer[offset + 3] = UInt8(0x80 | value & 0x3F)
            return offset + 4
        }
    }

    /// Lines joined by `\n`, as one string (what `lines.map(string).joined(separator: "\n")` gives).
    static func joined(_ lines: ArraySlice<ArraySlice<Unicode.Scalar>>) -> String {
        let capacity = lines.reduce(0) { $0 + $1.count * 4 + 1 }
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var count = 0
            for (number, line) in lines.enumerated() {
                if number > 0 {
                    buffer[count] = 0x0A
                    count += 1
                }
                for scalar in line { count = encode(scalar, into: buffer, at: count) }
            }
            return count
        }
    }
}
