/// One node of the simplified page tree: an element with the attributes that matter, or a text
/// run. A local, single-threaded value graph: it never leaves ``HTMLExtractor``.
final class HTMLNode {
    let tag: String
    let text: String
    var children: [HTMLNode] = []
    /// Words of the `class` and `id` attributes, lower-cased, split at punctuation and at
    /// camelCase humps (`articleShareBar` → `article`, `share`, `bar`).
    var nameTokens: [String] = []
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
        var current = ""
        var previousLower = false
        for ch in value {
            if ch.isLetter || ch.isNumber {
                if ch.isUppercase, previousLower, !current.isEmpty {
                    out.append(current)
                    current = ""
                }
                current.append(contentsOf: ch.lowercased())
                previousLower = ch.isLowercase || ch.isNumber
            } else {
                if !current.isEmpty { out.append(current) }
                current = ""
                previousLower = false
            }
        }
        if !current.isEmpty { out.append(current) }
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

/// White space runs (including line breaks and NBSP) folded to one space, trimmed.
func collapsed(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    for scalar in text.unicodeScalars {
        if scalar.properties.isWhitespace || scalar == "\u{00A0}" {
            pendingSpace = !out.isEmpty
        } else {
            if pendingSpace { out.unicodeScalars.append(" ") }
            pendingSpace = false
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// Characters of `text` as it is shown: each run of white space counts one.
func visibleLength(_ text: String) -> Int {
    var count = 0
    var inSpace = true
    for scalar in text.unicodeScalars {
        if scalar.properties.isWhitespace || scalar == "\u{00A0}" {
            if !inSpace { count += 1 }
            inSpace = true
        } else {
            count += 1
            inSpace = false
        }
    }
    return count
}
