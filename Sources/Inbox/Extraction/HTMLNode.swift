/// One node of the simplified page tree: an element with the attributes that matter, or a text
/// run. A local, single-threaded value graph: it never leaves ``HTMLExtractor``.
final class HTMLNode {
    let tag: String
    /// What the rules ask of ``tag``, worked out once per tag name.
    let traits: TagTraits
    /// The text of a text node (empty for an element).
    var text: String
    var children: [HTMLNode] = []
    /// Whether this element is one of ``blockTags`` (a paragraph break before and after).
    let isBlock: Bool
    /// The values of the `class` and `id` attributes, in attribute order, joined by a space.
    var nameText = ""
    /// Words of the `class` and `id` attributes, lower-cased, split at punctuation and at
    /// camelCase humps (`articleShareBar` → `article`, `share`, `bar`): ``tokens(of:)`` of
    /// ``nameText`` (the space between two values splits as their own ends do), worked out when
    /// asked, which the main-content search does for a few elements of a page.
    var nameTokens: [String] { nameText.isEmpty ? [] : HTMLNode.tokens(of: nameText) }
    /// What the class/id words say (set once the attributes are read).
    var names: BoilerplateNames.Flags = []
    var role = ""
    var itemprop = ""
    var hidden = false

    // Measured by `HTMLPage` before any heuristic runs.
    /// Visible characters inside `<p>` elements of this subtree.
    var paragraphText = 0
    /// Visible characters of the whole subtree.
    var textLength = 0
    /// Visible characters inside links (`<a>`) of this subtree.
    var linkLength = 0
    /// Visible characters of this element's own inline text: text children and inline
    /// descendants, not text inside child blocks.
    var inlineLength = 0
    /// Commas in the inline text (Readability counts them as a sign of prose).
    var inlineCommas = 0
    /// Commas in the whole subtree.
    var commas = 0
    /// Links (`<a>` elements) in the subtree, this element included.
    var linkCount = 0
    /// Whether this element or one inside it is marked as the article body
    /// (`itemprop="articleBody"` or an article-body class name).
    var holdsArticleBody = false

    // Set by `HTMLPage` (a page's tree is read by one `HTMLPage`).
    /// Whether ``HTMLPage`` left this element out as boilerplate (its subtree with it).
    var isBoilerplate = false
    /// The element this one was visited under while the main content was scored (its parent in
    /// the tree); `nil` for the document. Unowned: the parent owns this node, so it outlives
    /// every use of the pointer, and the tree has no reference cycles to leak.
    unowned(unsafe) var parent: HTMLNode?
    /// Whether the element is a candidate container (one of its blocks voted for it), and its
    /// score before and after the link-density scaling.
    var isCandidate = false
    var score = 0.0
    var finalScore = 0.0

    /// What the last child is while the tree is built (``HTMLTreeBuilder``): text that more
    /// text joins, CDATA that more CDATA joins, or anything else.
    enum Run { case none, text, cdata }
    var lastRun = Run.none

    init(tag: String) {
        self.tag = tag
        self.text = ""
        self.traits = TagTraits(tag: tag)
        self.isBlock = traits.contains(.block)
    }

    /// An element whose ``traits`` the caller already knows (``TagTraits/init(tag:)`` of `tag`).
    init(tag: String, traits: TagTraits) {
        self.tag = tag
        self.text = ""
        self.traits = traits
        self.isBlock = traits.contains(.block)
    }

    init(text: String) {
        self.tag = ""
        self.text = text
        self.traits = .text
        self.isBlock = false
    }

    var isText: Bool { traits.contains(.text) }

    /// Share of the subtree's text that is link text, 0…1.
    var linkDensity: Double { textLength == 0 ? 0 : Double(linkLength) / Double(textLength) }

    func setAttribute(_ name: String, _ value: String) {
        switch name {
        case "class", "id":
            nameText = nameText.isEmpty ? value : nameText + " " + value
        case "role":
            role = value.lowercased()
        case "itemprop":
            itemprop = value.lowercased()
        case "hidden":
            hidden = true
        case "aria-hidden":
            if value.lowercased() == "true" { hidden = true }
        case "style":
            if HTMLNode.styleHides(value) { hidden = true }
        default:
            break
        }
    }

    /// Whether a `style` attribute hides the element: it holds `display:none` or
    /// `visibility:hidden`, case and white space ignored.
    static func styleHides(_ value: String) -> Bool {
        var contiguous = value
        if let ascii = contiguous.withUTF8(styleHidesASCII) { return ascii }
        let compact = value.lowercased().filter { !$0.isWhitespace }
        return compact.contains("display:none") || compact.contains("visibility:hidden")
    }

    /// ``styleHides(_:)`` for ASCII text, byte by byte; `nil` when `bytes` are not all ASCII.
    private static func styleHidesASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var compact: [UInt8] = []
        compact.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte >= 0x80 { return nil }
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { continue }
            compact.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        return contains(compact, Array("display:none".utf8)) || contains(compact, Array("visibility:hidden".utf8))
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    /// `value` split into lower-case words at every non-alphanumeric character and at a
    /// lower-to-upper case change.
    static func tokens(of value: String) -> [String] {
        var source = value
        if let ascii = source.withUTF8(asciiTokens) { return ascii }
        var out: [String] = []
        var current = String.UnicodeScalarView()
        var previousLower = false
        for scalar in value.unicodeScalars {
            let v = scalar.value
            let upper = v >= 0x41 && v <= 0x5A
            let lower = (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39)
            if upper || lower || (v >= 0x80 && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)) {
                if upper, previousLower, !current.isEmpty {
                    out.append(String(current))
                    current = String.UnicodeScalarView()
                }
                current.append(upper ? Unicode.Scalar(UInt8(truncatingIfNeeded: v + 0x20)) : scalar)
                previousLower = lower || v >= 0x80
            } else {
                if !current.isEmpty { out.append(String(current)) }
                current = String.UnicodeScalarView()
                previousLower = false
            }
        }
        if !current.isEmpty { out.append(String(current)) }
        return out
    }

    /// ``tokens(of:)`` of an ASCII value, byte by byte; `nil` when a byte is not ASCII. Each
    /// word is written once, lower-cased, straight into its string.
    private static func asciiTokens(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        guard let p = bytes.baseAddress else { return [] }
        let n = bytes.count
        func word(_ from: Int, _ to: Int) -> String {
            String(unsafeUninitializedCapacity: to - from) { out in
                for k in from..<to {
                    let byte = p[k]
                    out[k - from] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                }
                return to - from
            }
        }
        var out: [String] = []
        var start = -1 // where the current word starts; -1 between words
        var previousLower = false
        for i in 0..<n {
            let byte = p[i]
            if byte >= 0x80 { return nil }
            let upper = byte >= 0x41 && byte <= 0x5A
            let lower = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            if upper || lower {
                if start < 0 {
                    start = i
                } else if upper, previousLower {
                    out.append(word(start, i))
                    start = i
                }
                previousLower = lower
            } else {
                if start >= 0 { out.append(word(start, i)) }
                start = -1
                previousLower = false
            }
        }
        if start >= 0 { out.append(word(start, n)) }
        return out
    }

    /// All text of the subtree, white space collapsed.
    var plainText: String {
        var out = ""
        appendText(to: &out)
        return collapsed(out)
    }

    private func appendText(to out: inout String) {
        if isText { out += text; return }
        for child in children {
            child.appendText(to: &out)
            if child.isBlock { out += " " }
        }
    }

    static let blockTags: Set<String> = [
        "p", "div", "section", "article", "main", "aside", "header", "footer", "nav", "h1", "h2", "h3", "h4", "h5",
        "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "thead", "tbody",
        "tfoot", "caption", "figure", "figcaption", "fieldset", "address", "hr", "br", "center", "details",
        "summary", "body", "html", "menu", "hgroup", "form", "title",
    ]
}

/// Whether `scalar` has the Unicode White_Space property (PropList.txt; NBSP included).
@inline(__always)
func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
    switch v {
    case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
    default: return false
    }
}

/// White space runs (including line breaks and NBSP) folded to one space, trimmed.
/// - Complexity: O(n) over the UTF-8 bytes; white space is ``isWhiteSpace(_:)``.
func collapsed(_ text: String) -> String {
    var source = text
    return source.withUTF8 { bytes in
        guard let p = bytes.baseAddress else { return "" }
        let n = bytes.count
        return String(unsafeUninitializedCapacity: n) { out in
            var count = 0
            var pendingSpace = false
            var i = 0
            while i < n {
                let width = whiteSpaceWidth(p, i, n)
                if width > 0 {
                    pendingSpace = count > 0
                    i += width
                    continue
                }
                if pendingSpace {
                    out[count] = 0x20
                    count += 1
                    pendingSpace = false
                }
                out[count] = p[i]
                count += 1
                i += 1
            }
            return count
        }
    }
}

/// The length in bytes of the white-space scalar (``isWhiteSpace(_:)``) that starts at `i` in
/// the valid UTF-8 `p[0..<n]`, or 0 when none starts there.
@inline(__always)
func whiteSpaceWidth(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
    let b = p[i]
    if b < 0x80 { return b == 0x20 || (b >= 0x09 && b <= 0x0D) ? 1 : 0 }
    switch b {
    case 0xC2: // U+0085, U+00A0
        return i + 1 < n && (p[i + 1] == 0x85 || p[i + 1] == 0xA0) ? 2 : 0
    case 0xE1: // U+1680
        return i + 2 < n && p[i + 1] == 0x9A && p[i + 2] == 0x80 ? 3 : 0
    case 0xE2: // U+2000–U+200A, U+2028, U+2029, U+202F, U+205F
        guard i + 2 < n else { return 0 }
        let b1 = p[i + 1], b2 = p[i + 2]
        if b1 == 0x80 { return b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF ? 3 : 0 }
        return b1 == 0x81 && b2 == 0x9F ? 3 : 0
    case 0xE3: // U+3000
        return i + 2 < n && p[i + 1] == 0x80 && p[i + 2] == 0x80 ? 3 : 0
    default:
        return 0
    }
}

/// Commas in `text`: `,`, the fullwidth `，` and the ideographic `、`.
func commaCount(_ text: String) -> Int {
    textMeasure(text).commas
}

/// Characters of `text` as it is shown: each run of white space counts one.
/// - Complexity: O(n) over the UTF-8 bytes.
func visibleLength(_ text: String) -> Int {
    textMeasure(text).visible
}

/// ``visibleLength(_:)`` and ``commaCount(_:)`` of `text` in one pass over its UTF-8 bytes:
/// each scalar counts one (a lead byte or an ASCII byte), each run of ASCII white space or NBSP
/// counts one, leading white space none.
func textMeasure(_ text: String) -> (visible: Int, commas: Int) {
    var source = text
    return source.withUTF8 { bytes in
        var visible = 0, commas = 0
        var inSpace = true
        var i = 0
        let n = bytes.count
        while i < n {
            let byte = bytes[i]
            if byte < 0x80 {
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    if !inSpace { visible += 1 }
                    inSpace = true
                } else {
                    if byte == 0x2C { commas += 1 }
                    visible += 1
                    inSpace = false
                }
                i += 1
                continue
            }
            if byte >= 0xC0 {
                if byte == 0xC2, i + 1 < n, bytes[i + 1] == 0xA0 {
                    if !inSpace { visible += 1 }
                    inSpace = true
                    i += 2
                    continue
                }
                // U+FF0C FULLWIDTH COMMA (EF BC 8C), U+3001 IDEOGRAPHIC COMMA (E3 80 81).
                if i + 2 < n, (byte == 0xEF && bytes[i + 1] == 0xBC && bytes[i + 2] == 0x8C)
                    || (byte == 0xE3 && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x81) {
                    commas += 1
                }
                visible += 1
                inSpace = false
            }
            i += 1
        }
        return (visible, commas)
    }
}
