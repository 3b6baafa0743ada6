import CLibXML2

/// Reduces an HTML page, as a browser saves it, to the article's title and main text.
///
/// Parsing is libxml2's HTML parser (`htmlReadMemory` with `HTML_PARSE_RECOVER|NONET`, the input
/// given as UTF-8 already decoded by ``TextDecoder``, so a `<meta charset>` cannot re-decode it);
/// it accepts tag soup and never fetches anything. Then:
/// 1. Dropped outright: comments, `<script>`, `<style>`, `<noscript>`, `<template>`, `<svg>`,
///    `<iframe>`, forms and their controls, media, and everything in `<head>` but `<title>`.
/// 2. Boilerplate, left out of the body: `<nav>`, `<header>`, `<footer>`, `<aside>`, `<menu>`,
///    `<figure>`, landmarks (`role="navigation|banner|contentinfo|complementary|search"`),
///    hidden elements (`hidden`, `aria-hidden="true"`), and elements whose `class` or `id`
///    names navigation, sharing, comments, cookie banners, ads, newsletters and the like —
///    unless that element holds most of the page's paragraph text (a wrapper `has-sidebar`).
/// 3. The main content is the `<article>` with the most paragraph text, else `<main>` or
///    `role="main"`, else the element whose `<p>` children hold the most text (the
///    Readability heuristic, simplified), else `<body>`.
/// 4. The title is the first `<h1>` of the main content; else a page `<h1>` that `<title>` agrees
///    with; else the longest part of `<title>` split at ` | `, ` - `, ` – `, ` — `; else `nil`.
/// 5. The body is the main content's blocks (paragraphs, headings, list items, quotes, cells)
///    in document order, one paragraph each; a block that is mostly link text (a menu) is dropped.
///
/// Linear in the size of the page.
public enum HTMLExtractor {
    /// - Parameter html: the page as text.
    /// - Returns: the title and body, or `nil` when libxml2 builds no document at all.
    public static func extract(_ html: String) -> ExtractedArticle? {
        guard let root = parse(html) else { return nil }
        let page = Page(root: root)
        let main = page.mainContent()
        let titleNode = page.firstHeading(in: main)
        let title = page.title(mainHeading: titleNode)
        var blocks: [String] = []
        page.collectBlocks(main, skipping: titleNode, into: &blocks)
        if let title, blocks.first == title { blocks.removeFirst() }
        return ExtractedArticle(title: title, body: blocks.joined(separator: "\n\n"), format: .html)
    }

    // MARK: libxml2 → a small Swift tree

    /// libxml2 must be initialised once before it is used from several threads (xmlInitParser(3)).
    private static let ready: Bool = {
        xmlInitParser()
        return true
    }()

    private static func parse(_ html: String) -> HTMLNode? {
        guard ready else { return nil }
        var bytes = Array(html.utf8)
        if bytes.isEmpty { return nil }
        bytes.append(0)
        let options = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOIMPLIED.rawValue)
        let doc: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(clamping: chars.count - 1), nil, "UTF-8", options)
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        let root = HTMLNode(tag: "#document")
        var child = doc.pointee.children
        while let node = child {
            convert(node, into: root, inHead: false)
            child = node.pointee.next
        }
        return root
    }

    private static let droppedTags: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
        "video", "audio", "picture", "img", "button", "select", "option", "input", "textarea", "form",
        "link", "meta", "map", "dialog", "source", "track", "base",
    ]

    private static func convert(_ node: xmlNodePtr, into parent: HTMLNode, inHead: Bool) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if inHead { return }
            if let content = node.pointee.content {
                parent.children.append(HTMLNode(text: String(cString: content)))
            }
        case XML_ELEMENT_NODE:
            let tag = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
            if droppedTags.contains(tag) { return }
            if inHead && tag != "title" { return }
            let element = HTMLNode(tag: tag)
            var attribute = node.pointee.properties
            while let a = attribute {
                let name = a.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                var value = ""
                if let text = a.pointee.children, let content = text.pointee.content { value = String(cString: content) }
                element.setAttribute(name, value)
                attribute = a.pointee.next
            }
            var child = node.pointee.children
            while let c = child {
                convert(c, into: element, inHead: tag == "head" || (inHead && tag != "title"))
                child = c.pointee.next
            }
            if tag == "title" {
                // <title> holds raw text; keep it apart from the body tree.
                element.children = element.children.filter(\.isText)
            }
            parent.children.append(element)
        default:
            return // comments, processing instructions, DTD
        }
    }
}

/// One node of the simplified tree: an element with the attributes that matter, or a text run.
/// A local, single-threaded value graph: it never leaves ``HTMLExtractor/extract(_:)``.
final class HTMLNode {
    let tag: String
    let text: String
    var children: [HTMLNode] = []
    var classTokens: [String] = []
    var role = ""
    var hidden = false
    /// Characters of text inside `<p>` elements of this subtree.
    var paragraphText = 0

    init(tag: String) {
        self.tag = tag
        self.text = ""
    }

    init(text: String) {
        self.tag = ""
        self.text = text
    }

    var isText: Bool { tag.isEmpty }

    func setAttribute(_ name: String, _ value: String) {
        switch name {
        case "class", "id":
            classTokens += value.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
        case "role":
            role = value.lowercased()
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
            if HTMLNode.blockTags.contains(child.tag) { out += " " }
        }
    }

    static let blockTags: Set<String> = [
        "p", "div", "section", "article", "main", "aside", "header", "footer", "nav", "h1", "h2", "h3", "h4", "h5",
        "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "thead", "tbody",
        "tfoot", "caption", "figure", "figcaption", "fieldset", "address", "hr", "br", "center", "details",
        "summary", "body", "html", "menu", "hgroup",
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

/// The page after conversion, with the heuristics that find the article in it.
struct Page {
    let root: HTMLNode
    private(set) var boilerplate: Set<ObjectIdentifier> = []
    private let totalParagraphText: Int

    static let boilerplateTags: Set<String> = ["nav", "header", "footer", "aside", "menu", "figure", "figcaption"]
    static let boilerplateRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog", "alert",
    ]
    static let boilerplateTokens: Set<String> = [
        "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "footer", "sidebar", "share", "sharing",
        "social", "related", "comments", "comment", "cookie", "cookies", "consent", "newsletter", "subscribe",
        "subscription", "signup", "promo", "advert", "advertisement", "ad", "ads", "adslot", "sponsor", "sponsored",
        "popup", "modal", "banner", "masthead", "skip", "toolbar", "pagination", "pager", "byline", "recommended",
        "trending", "outbrain", "taboola", "disqus", "paywall", "donate",
    ]
    /// Tags whose class names are never taken as boilerplate (sites decorate them freely).
    static let structuralTags: Set<String> = ["html", "body", "main", "article", "#document"]

    init(root: HTMLNode) {
        self.root = root
        totalParagraphText = Page.measure(root, insideParagraph: false)
        var flagged: Set<ObjectIdentifier> = []
        Page.flag(root, total: totalParagraphText, into: &flagged)
        boilerplate = flagged
    }

    /// Fills `paragraphText` bottom-up; returns it for `node`.
    @discardableResult
    private static func measure(_ node: HTMLNode, insideParagraph: Bool) -> Int {
        if node.isText { return insideParagraph ? collapsed(node.text).count : 0 }
        var sum = 0
        for child in node.children {
            sum += measure(child, insideParagraph: insideParagraph || node.tag == "p")
        }
        node.paragraphText = sum
        return sum
    }

    private static func flag(_ node: HTMLNode, total: Int, into flagged: inout Set<ObjectIdentifier>) {
        if node.isText { return }
        var isBoilerplate = node.hidden || boilerplateTags.contains(node.tag) || boilerplateRoles.contains(node.role)
        if !isBoilerplate, !structuralTags.contains(node.tag), node.classTokens.contains(where: boilerplateTokens.contains) {
            // A wrapper whose name mentions a sidebar still holds the article: keep it.
            isBoilerplate = node.paragraphText * 2 < total || total == 0
        }
        if isBoilerplate {
            flagged.insert(ObjectIdentifier(node))
            return
        }
        for child in node.children { flag(child, total: total, into: &flagged) }
    }

    func isBoilerplate(_ node: HTMLNode) -> Bool { boilerplate.contains(ObjectIdentifier(node)) }

    /// Every non-boilerplate element of the subtree, in document order, with its parent.
    private func elements(_ node: HTMLNode, parent: HTMLNode?, _ body: (HTMLNode, HTMLNode?) -> Void) {
        if node.isText || isBoilerplate(node) { return }
        body(node, parent)
        for child in node.children { elements(child, parent: node, body) }
    }

    func mainContent() -> HTMLNode {
        var articles: [HTMLNode] = []
        var mains: [HTMLNode] = []
        var body: HTMLNode?
        var scores: [ObjectIdentifier: (node: HTMLNode, score: Int)] = [:]
        var grandparents: [ObjectIdentifier: HTMLNode] = [:]
        elements(root, parent: nil) { node, parent in
            switch node.tag {
            case "article": articles.append(node)
            case "main": mains.append(node)
            case "body": body = body ?? node
            default: if node.role == "main" { mains.append(node) }
            }
            if let parent { grandparents[ObjectIdentifier(node)] = parent }
        }
        if let best = articles.max(by: { $0.paragraphText < $1.paragraphText }), best.paragraphText >= 140 {
            return best
        }
        if let main = mains.max(by: { $0.paragraphText < $1.paragraphText }), main.paragraphText > 0 {
            return main
        }
        // Readability, simplified: a paragraph's text scores its parent fully, its grandparent half.
        elements(root, parent: nil) { node, parent in
            guard node.tag == "p", let parent else { return }
            let length = node.paragraphText
            guard length >= 25 else { return }
            scores[ObjectIdentifier(parent), default: (parent, 0)].score += length
            if let grand = grandparents[ObjectIdentifier(parent)] {
                scores[ObjectIdentifier(grand), default: (grand, 0)].score += length / 2
            }
        }
        if let best = scores.values.max(by: { $0.score < $1.score }) { return best.node }
        return body ?? root
    }

    /// The first `<h1>` inside `node` (boilerplate included: an article's own header holds it).
    func firstHeading(in node: HTMLNode) -> HTMLNode? {
        if node.tag == "h1", !node.plainText.isEmpty { return node }
        for child in node.children where !child.isText {
            if let found = firstHeading(in: child) { return found }
        }
        return nil
    }

    func title(mainHeading: HTMLNode?) -> String? {
        if let mainHeading { return mainHeading.plainText }
        let pageTitle = firstElement("title", in: root).map(\.plainText).flatMap { $0.isEmpty ? nil : $0 }
        var pageHeading: String?
        elements(root, parent: nil) { node, _ in
            if pageHeading == nil, node.tag == "h1" {
                let text = node.plainText
                if !text.isEmpty { pageHeading = text }
            }
        }
        if let pageHeading, pageTitle == nil || pageTitle!.lowercased().contains(pageHeading.lowercased()) {
            return pageHeading
        }
        guard let pageTitle else { return pageHeading }
        var parts = [pageTitle]
        for separator in [" | ", " - ", " – ", " — ", " :: ", " · ", " • "] {
            parts = parts.flatMap { $0.components(separatedBy: separator) }
        }
        return parts.map { $0.trimmingSpaces() }.max { $0.count < $1.count } ?? pageTitle
    }

    private func firstElement(_ tag: String, in node: HTMLNode) -> HTMLNode? {
        if node.tag == tag { return node }
        for child in node.children where !child.isText {
            if let found = firstElement(tag, in: child) { return found }
        }
        return nil
    }

    /// Blocks of text in document order: each block element's own inline text is one block.
    func collectBlocks(_ node: HTMLNode, skipping heading: HTMLNode?, into blocks: inout [String]) {
        var inline = ""
        var linkChars = 0
        func flush() {
            let text = collapsed(inline)
            // A block that is mostly link text is a menu or a list of related stories.
            if !text.isEmpty, linkChars * 2 <= text.count || text.count > 200 {
                blocks.append(text)
            }
            inline = ""
            linkChars = 0
        }
        func walk(_ node: HTMLNode, inLink: Bool) {
            for child in node.children {
                if child.isText {
                    inline += child.text
                    if inLink { linkChars += collapsed(child.text).count }
                    continue
                }
                if isBoilerplate(child) || child === heading || child.tag == "title" { continue }
                if child.tag == "br" {
                    inline += "\n"
                } else if HTMLNode.blockTags.contains(child.tag) {
                    flush()
                    walk(child, inLink: false)
                    flush()
                } else {
                    walk(child, inLink: inLink || child.tag == "a")
                }
            }
        }
        if !isBoilerplate(node) { walk(node, inLink: false) }
        flush()
    }
}
