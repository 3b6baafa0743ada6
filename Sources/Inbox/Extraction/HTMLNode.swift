/// One node of the simplified page tree: an element with the attributes that matter, or a text
/// run. A local, single-threaded value graph: it never leaves ``HTMLExtractor``.
final class HTMLNode {
    let tag: String
    let text: String
    var children: [HTMLNode] = []
    /// Words of the `class` and `id` attributes, lower-cased, split at punctuation and at
    /// camelCase humps (`articleShareBar` → `article`, `share`, `bar`).
    var nameTokens: [String] = []
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

    init(tag: String) {
        self.tag = tag
        self.text = ""
    }

    init(text: String) {
        self.tag = ""
        self.text = text
    }

    var isText: Bool { tag.isEmpty }

    var isBlock: Bool { HTMLNode.blockTags.contains(tag) }

    /// Share of the subtree's text that is link text, 0…1.
    var linkDensity: Double { textLength == 0 ? 0 : Double(linkLength) / Double(textLength) }

    func setAttribute(_ name: String, _ value: String) {
        switch name {
        case "class", "id":
            nameTokens += HTMLNode.tokens(of: value)
        case "role":
            role = value.lowercased()
        case "itemprop":
            itemprop = value.lowercased()
        case "hidden":
            hidden = true
        case "aria-hidden":
            if value.lowercased() == "true" { hidden = true }
        case "style":
            let compact = value.lowercased().filter { !$0.isWhitespace }
            if compact.contains("display:none") || compact.contains("visibility:hidden") { hidden = true }
        default:
            break
        }
    }

    /// `value` split into lower-case words at every non-alphanumeric character and at a
    /// lower-to-upper case change.
    static func tokens(of value: String) -> [String] {
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
func collapsed(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    for scalar in text.unicodeScalars {
        if isWhiteSpace(scalar) {
            pendingSpace = !out.isEmpty
        } else {
            if pendingSpace { out.unicodeScalars.append(" ") }
            pendingSpace = false
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// Commas in `text`: `,`, the fullwidth `，` and the ideographic `、`.
func commaCount(_ text: String) -> Int {
    var count = 0
    var previous: (UInt8, UInt8) = (0, 0)
    for byte in text.utf8 {
        if byte == 0x2C || (previous == (0xEF, 0xBC) && byte == 0x8C) || (previous == (0xE3, 0x80) && byte == 0x81) { count += 1 }
        previous = (previous.1, byte)
    }
    return count
}

/// Characters of `text` as it is shown: each run of white space counts one.
/// - Complexity: O(n) over the UTF-8 bytes.
func visibleLength(_ text: String) -> Int {
    var count = 0
    var inSpace = true
    var utf8 = text.utf8.makeIterator()
    var pending: UInt8?
    while let byte = pending ?? utf8.next() {
        pending = nil
        if byte < 0x80 {
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                if !inSpace { count += 1 }
                inSpace = true
            } else {
                count += 1
                inSpace = false
            }
        } else if byte >= 0xC0 {
            // A lead byte starts one scalar; NBSP (C2 A0) is white space.
            if byte == 0xC2, let next = utf8.next() {
                if next == 0xA0 {
                    if !inSpace { count += 1 }
                    inSpace = true
                    continue
                }
                pending = next
            }
            count += 1
            inSpace = false
        }
    }
    return count
}
