import Foundation

/// CDATA section markers left in a page's text.
///
/// libxml2's HTML parser does not know `<![CDATA[…]]>` and passes it on as text, markers and
/// all, so a page written by an XML tool (XHTML, a feed item saved as a page) showed
/// `<![CDATA[Ships came in early…]]>` in its extract and summary. The content of a CDATA section
/// is character data (XML 1.0 §2.7; WHATWG HTML reads it so in SVG and MathML): the markers go,
/// the text stays. A browser in HTML content would hide it as a bogus comment up to the first
/// `>`, showing a broken tail; keeping the whole text is the author's intent.
enum CDATAMarkers {
    private static let open = Array("<![CDATA[".utf8)
    private static let close = Array("]]>".utf8)

    /// `text` without each `<![CDATA[` and the first `]]>` after it; the same string when it
    /// holds no marker. Markers are matched byte for byte in the UTF-8 (Foundation's
    /// `range(of:)`, used before, cost a tenth of `digestd extract`'s instructions on the
    /// saved pages, callgrind).
    /// - Complexity: O(n).
    static func removed(_ text: String) -> String {
        var text = text
        let cut: String? = text.withUTF8 { bytes in
            guard var start = firstIndex(of: open, in: bytes, from: 0) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var from = 0
            while true {
                out.append(contentsOf: bytes[from..<start])
                from = start + open.count
                if let end = firstIndex(of: close, in: bytes, from: from) {
                    out.append(contentsOf: bytes[from..<end])
                    from = end + close.count
                }
                guard let next = firstIndex(of: open, in: bytes, from: from) else { break }
                start = next
            }
            out.append(contentsOf: bytes[from...])
            return String(decoding: out, as: UTF8.self)
        }
        return cut ?? text
    }

    /// Where `needle` first occurs in `bytes` at or after `from`: `memchr` for its first byte,
    /// then a comparison of the rest.
    private static func firstIndex(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = bytes.baseAddress, from <= bytes.count - needle.count else { return nil }
        let last = bytes.count - needle.count
        var offset = from
        while offset <= last, let hit = memchr(base + offset, Int32(needle[0]), last - offset + 1) {
            let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let equal = needle.withUnsafeBytes { pattern in pattern.baseAddress.map { memcmp(hit, $0, needle.count) == 0 } ?? false }
            if equal { return index }
            offset = index + 1
        }
        return nil
    }
}
