#if canImport(Glibc)
import Glibc
#endif

/// Removes from a page's bytes, before libxml2 reads them, what ``HTMLExtractor`` never looks
/// at: the text of `<script>` and `<style>` elements and of comments, the attributes it does
/// not read, and runs of blanks between tags (folded to one).
///
/// A saved news page is about half script and style text (26 % and 26 % of the bytes of the
/// web-pages-dev set), and most of the rest is attributes (`href`, `src`, `srcset`, `data-*`…).
/// libxml2 reads all of it character by character only for the extractor to drop it. Without
/// it libxml2 builds the same tree, less those attributes and with empty `<script>`/`<style>`
/// elements and comments, in well under half the time.
///
/// Attributes kept (``keptAttributes``): those ``HTMLTreeBuilder`` reads (`class`, `id`, `role`,
/// `itemprop`, `hidden`, `aria-hidden`, `style`; `property`, `name`, `content` of `<meta>`) and
/// those libxml2 itself reads (`charset`, `http-equiv` of `<meta>`). Attributes never shape
/// libxml2's tree: it drops a repeated attribute name and keeps the first, so removing other
/// names changes nothing about the kept ones.
///
/// The scan follows libxml2 2.9's HTML tokenizer (`HTMLparser.c`), not the WHATWG one, since the
/// result must be what libxml2 would have parsed:
/// - `<` and an ASCII letter opens a start tag: a name of letters, digits, `:`, `-`, `_`, `.`,
///   then attributes up to `>` or `/>`. A value after `=` (blanks allowed around it) in `"` or
///   `'` runs to the same quote, `>` included; an unquoted value ends at a blank or `>`; a
///   character that starts no attribute name skips up to a blank, `>` or `/>` (and is kept).
/// - `</` and a name is an end tag, which ends at the next `>`.
/// - `<!--` opens a comment that ends at `-->` or `--!>`, the `--` at least four bytes after
///   the `<` (so `<!-->` does not end it). `<!DOCTYPE` and `<?` with a name (a processing
///   instruction) end at the next `>`; `<?` without one is dropped and what follows is text.
/// - Any other `<` is text.
/// - Within `<script>` or `<style>` (not the empty `<script/>`), everything up to `</script` or
///   `</style` (ASCII case ignored) not followed by another name character is raw text, which
///   libxml2 ends there. (`</scriptx>` inside a script is a stray end tag to libxml2, and the
///   raw text goes on after it.)
///
/// The scan gives up, leaving the rest of the page as it is, wherever libxml2 might read the
/// bytes differently: a NUL or another control byte anywhere (libxml2 stops at those in several
/// places; UTF-16 pages have NULs), a start tag the page ends in or whose name is 100 characters
/// or longer (libxml2 splits such names; an attribute name that long is kept), a `<` inside a
/// `<!DOCTYPE`, a `<?` followed by a non-ASCII byte, or raw text that starts with an end tag of
/// another element. Delimiters are ASCII bytes below 0x40, which no multi-byte encoding libxml2
/// reads (UTF-8, EUC, Shift_JIS, GBK, Big5) uses inside a character, so the scan holds for the
/// page's bytes before they are decoded.
///
/// - Complexity: O(n) in the length of the page.
enum MarkupElision {
    /// Attribute names (lower case) that are kept; all others are removed.
    static let keptAttributes: [StaticString] = [
        "class", "id", "role", "itemprop", "hidden", "aria-hidden", "style", "property", "name", "content", "charset",
        "http-equiv",
    ]

    /// `bytes` without script and style text and without the attributes nobody reads; the same
    /// array when there is nothing to remove or the page is one the scan does not follow.
    static func elide(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !hasControlBytes(buffer) else { return bytes }
            // A page libxml2 would read as UTF-16 has NUL bytes, caught above.
            var scanner = Scanner(p: base, n: buffer.count)
            scanner.scan()
            let cuts = scanner.cuts
            guard !cuts.isEmpty else { return bytes }
            var out: [UInt8] = []
            out.reserveCapacity(buffer.count - cuts.reduce(0) { $0 + $1.count })
            var start = 0
            for cut in cuts {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<cut.lowerBound]))
                start = cut.upperBound
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
            return out
        }
    }

    /// Whether any byte is below 0x20 other than tab, line feed and carriage return (the only
    /// control characters XML 1.0 and libxml2's `IS_CHAR` allow).
    static func hasControlBytes(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = buffer.baseAddress else { return false }
        let n = buffer.count
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 32 <= n {
            let any = TextDecoder.controlMask(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self), formFeed: true)
                | TextDecoder.controlMask(raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self), formFeed: true)
                | TextDecoder.controlMask(raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self), formFeed: true)
                | TextDecoder.controlMask(raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self), formFeed: true)
            if any != 0 { return true }
            i += 32
        }
        for k in i..<n where p[k] < 0x20 && p[k] != 0x09 && p[k] != 0x0A && p[k] != 0x0D { return true }
        return false
    }

    private struct Scanner {
        let p: UnsafePointer<UInt8>
        let n: Int
        var i = 0
        /// Byte ranges to remove, in order, not overlapping.
        var cuts: [Range<Int>] = []

        init(p: UnsafePointer<UInt8>, n: Int) {
            self.p = p
            self.n = n
        }

        /// Byte at `k`, or 0 past the end (libxml2 reads a NUL-terminated buffer).
        @inline(__always) func at(_ k: Int) -> UInt8 { k < n ? p[k] : 0 }

        @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        /// `htmlParseHTMLName`: the first character of a tag or attribute name.
        @inline(__always) static func isNameStart(_ b: UInt8) -> Bool { isLetter(b) || b == 0x5F || b == 0x3A || b == 0x2E }
        @inline(__always) static func isNameChar(_ b: UInt8) -> Bool {
            isNameStart(b) || (b >= 0x30 && b <= 0x39) || b == 0x2D
        }

        /// The first `byte` at or after `from`, or `nil`.
        func find(_ byte: UInt8, from: Int) -> Int? {
            guard from < n, let hit = memchr(p + from, Int32(byte), n - from) else { return nil }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(p)
        }

        /// Whether the bytes at `k` are `word` (lower-case ASCII), ASCII case ignored.
        func matches(_ word: StaticString, at k: Int) -> Bool {
            let count = word.utf8CodeUnitCount
            guard k + count <= n else { return false }
            let w = word.utf8Start
            for j in 0..<count where p[k + j] | 0x20 != w[j] { return false }
            return true
        }

        /// Whether the name `start..<end` is one of ``MarkupElision/keptAttributes``.
        func isKept(_ start: Int, _ end: Int) -> Bool {
            for name in MarkupElision.keptAttributes where name.utf8CodeUnitCount == end - start && matches(name, at: start) {
                return true
            }
            return false
        }

        /// Finds the cuts of the whole page.
        mutating func scan() {
            while let lt = find(0x3C, from: i) {
                foldBlankText(from: i, to: lt)
                i = lt
                let next = at(i + 1)
                if Self.isLetter(next) {
                    guard let tag = startTag() else { return }
                    i = tag.end
                    guard let name = tag.raw, !tag.empty else { continue }
                    // libxml2 reads an end tag first, even right inside a script.
                    if at(i) == 0x3C, at(i + 1) == 0x2F {
                        if isEndTag(of: name, at: i) { continue }
                        return
                    }
                    let close = rawTextEnd(name, from: i)
                    if close > i { cuts.append(i..<close) }
                    i = close
                } else if next == 0x2F {
                    guard endTag() else { return }
                } else if next == 0x21 {
                    guard markupDeclaration() else { return }
                } else if next == 0x3F {
                    let first = at(i + 2)
                    if first >= 0x80 { return }
                    if Self.isLetter(first) || first == 0x5F || first == 0x3A {
                        guard let gt = find(0x3E, from: i + 2) else { return }
                        i = gt + 1
                    } else {
                        i += 2
                    }
                } else {
                    i += 1
                }
            }
        }

        /// Text between two `<` that is only blanks becomes its first blank: everything
        /// downstream folds white space runs anyway. Only runs shorter than libxml2's 1000-byte
        /// text chunk, which it reads as one piece either way (a blank chunk not followed by `<`
        /// can make libxml2 open a paragraph).
        mutating func foldBlankText(from start: Int, to end: Int) {
            guard end - start >= 2, end - start < 1000 else { return }
            for k in start..<end where !Self.isBlank(p[k]) { return }
            cuts.append((start + 1)..<end)
        }

        /// A start tag at `i`: where it ends, `script`/`style` when it opens one, and whether it
        /// ends with `/>`; the attributes to remove are added to ``cuts``. `nil` (and no cuts)
        /// when the page ends inside it.
        mutating func startTag() -> (end: Int, raw: StaticString?, empty: Bool)? {
            let mark = cuts.count
            guard let tag = readStartTag() else {
                cuts.removeSubrange(mark...)
                return nil
            }
            return tag
        }

        /// ``startTag()`` without taking back the cuts of a tag the page ends in.
        private mutating func readStartTag() -> (end: Int, raw: StaticString?, empty: Bool)? {
            var k = i + 1
            let nameStart = k
            while Self.isNameChar(at(k)) { k += 1 }
            // libxml2 reads at most 100 name characters and the rest as an attribute.
            if k - nameStart >= 100 { return nil }
            var raw: StaticString?
            if k - nameStart == 6, matches("script", at: nameStart) { raw = "script" }
            if k - nameStart == 5, matches("style", at: nameStart) { raw = "style" }
            while true {
                while Self.isBlank(at(k)) { k += 1 }
                let b = at(k)
                if k >= n { return nil }
                if b == 0x3E { return (k + 1, raw, false) }
                if b == 0x2F, at(k + 1) == 0x3E { return (k + 2, raw, true) }
                if Self.isNameStart(b) {
                    let attributeStart = k
                    while Self.isNameChar(at(k)) { k += 1 }
                    let kept = k - attributeStart >= 100 || isKept(attributeStart, k)
                    var end = k
                    while Self.isBlank(at(k)) { k += 1 }
                    if at(k) == 0x3D {
                        k += 1
                        while Self.isBlank(at(k)) { k += 1 }
                        let quote = at(k)
                        if quote == 0x22 || quote == 0x27 {
                            guard let close = find(quote, from: k + 1) else { return nil }
                            k = close + 1
                        } else {
                            while k < n, !Self.isBlank(p[k]), p[k] != 0x3E { k += 1 }
                        }
                        end = k
                    }
                    if !kept { cuts.append(attributeStart..<end) }
                } else {
                    // Not an attribute name: libxml2 skips it up to a blank or the tag's end.
                    while k < n, !Self.isBlank(p[k]), p[k] != 0x3E, !(p[k] == 0x2F && at(k + 1) == 0x3E) { k += 1 }
                }
            }
        }

        /// Where the raw text of `name` that starts at `from` ends: at its end tag, or at the end
        /// of the page.
        func rawTextEnd(_ name: StaticString, from: Int) -> Int {
            var k = from
            while let lt = find(0x3C, from: k) {
                if isEndTag(of: name, at: lt) { return lt }
                k = lt + 1
            }
            return n
        }

        /// Whether `</name` is at `k`, not followed by another name character.
        func isEndTag(of name: StaticString, at k: Int) -> Bool {
            at(k + 1) == 0x2F && matches(name, at: k + 2) && !Self.isNameChar(at(k + 2 + name.utf8CodeUnitCount))
        }

        /// An end tag at `i` (`</`): moves past it; `false` when the page ends inside it.
        mutating func endTag() -> Bool {
            var k = i + 2
            guard Self.isNameStart(at(k)) else {
                i = k // libxml2 drops the `</` and reads on
                return true
            }
            while Self.isNameChar(at(k)) { k += 1 }
            guard let gt = find(0x3E, from: k) else { return false }
            i = gt + 1
            return true
        }

        /// `<!` at `i`: a comment, a DOCTYPE or text; moves past it. `false` when the rest of
        /// the page is inside it, or the scan cannot follow libxml2 there.
        mutating func markupDeclaration() -> Bool {
            if at(i + 2) == 0x2D, at(i + 3) == 0x2D {
                var k = i + 4
                while let dash = find(0x2D, from: k) {
                    if at(dash + 1) == 0x2D {
                        var end = 0
                        if at(dash + 2) == 0x3E { end = dash + 3 }
                        if at(dash + 2) == 0x21, at(dash + 3) == 0x3E { end = dash + 4 }
                        if end > 0 {
                            // The comment's text goes; `<!---->` or `<!----!>` is still a comment.
                            if dash > i + 4 { cuts.append((i + 4)..<dash) }
                            i = end
                            return true
                        }
                    }
                    k = dash + 1
                }
                return false
            }
            if matches("doctype", at: i + 2) {
                guard let gt = find(0x3E, from: i + 2) else { return false }
                if let lt = find(0x3C, from: i + 2), lt < gt { return false }
                i = gt + 1
                return true
            }
            i += 1
            return true
        }
    }
}
