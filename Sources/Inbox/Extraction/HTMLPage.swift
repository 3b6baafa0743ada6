/// The page tree after conversion, with the heuristics that find the article in it (see
/// ``HTMLExtractor`` for the rules and the papers behind them).
struct HTMLPage {
    let root: HTMLNode
    private let totalParagraphText: Int
    private let totalProse: Int

    static let boilerplateTags: Set<String> = ["nav", "header", "footer", "aside", "menu", "figure", "figcaption", "form"]
    static let boilerplateRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog", "alert",
        "alertdialog", "toolbar", "tablist",
    ]
    /// Tags whose class names are never taken as boilerplate (sites decorate them freely).
    static let structuralTags: Set<String> = ["html", "body", "main", "#document", "tr", "td", "th", "tbody", "thead"]

    init(root: HTMLNode) {
        self.root = root
        totalParagraphText = HTMLPage.measure(root, insideParagraph: false, insideLink: false).paragraph
        totalProse = root.textLength - root.linkLength
        HTMLPage.flag(root, paragraphs: totalParagraphText, prose: totalProse)
    }

    // MARK: measuring

    private struct Measure {
        var paragraph = 0, text = 0, link = 0, inline = 0, commas = 0, allCommas = 0, links = 0
    }

    /// Fills the node's measures bottom-up; returns them for `node`.
    @discardableResult
    private static func measure(_ node: HTMLNode, insideParagraph: Bool, insideLink: Bool) -> Measure {
        if node.isText {
            let (length, commas) = textMeasure(node.text)
            var m = Measure(paragraph: insideParagraph ? length : 0, text: length, link: insideLink ? length : 0, inline: length)
            m.commas = commas
            m.allCommas = m.commas
            return m
        }
        var sum = Measure()
        let childrenInParagraph = insideParagraph || node.traits.contains(.paragraph)
        let childrenInLink = insideLink || node.traits.contains(.link)
        for child in node.children {
            let m = measure(child, insideParagraph: childrenInParagraph, insideLink: childrenInLink)
            sum.paragraph += m.paragraph
            sum.text += m.text
            sum.link += m.link
            sum.allCommas += m.allCommas
            sum.links += m.links
            if child.isText || !child.isBlock {
                sum.inline += m.inline
                sum.commas += m.commas
            }
        }
        node.paragraphText = sum.paragraph
        node.textLength = sum.text
        node.linkLength = sum.link
        node.inlineLength = sum.inline
        node.inlineCommas = sum.commas
        if node.traits.contains(.link) { sum.links += 1 }
        node.commas = sum.allCommas
        node.linkCount = sum.links
        node.holdsArticleBody = node.itemprop == "articlebody" || node.names.contains(.articleBody)
            || node.children.contains { $0.holdsArticleBody }
        return sum
    }

    // MARK: boilerplate

    /// Sets ``HTMLNode/isBoilerplate`` of each element that is left out (not of the elements
    /// inside it, which are never visited).
    private static func flag(_ node: HTMLNode, paragraphs: Int, prose: Int) {
        if node.isText { return }
        // Cheapest tests first: most elements have no role and no furniture class name.
        var isBoilerplate = node.hidden || node.traits.contains(.boilerplate)
            || (!node.role.isEmpty && boilerplateRoles.contains(node.role))
            || (node.names.isBoilerplate && !node.traits.contains(.structural))
        // A wrapper whose name mentions a rail or sidebar, or a form around the whole page, still
        // holds the article: keep an element that holds the marked article body, most of the
        // page's paragraph text, or most of its text outside links.
        if isBoilerplate, !node.hidden || node.holdsArticleBody {
            if node.holdsArticleBody || (paragraphs > 0 && node.paragraphText * 2 >= paragraphs)
                || (prose > 0 && (node.textLength - node.linkLength) * 2 >= prose) {
                isBoilerplate = false
            }
        }
        node.isBoilerplate = isBoilerplate
        if isBoilerplate { return }
        for child in node.children { flag(child, paragraphs: paragraphs, prose: prose) }
    }

    func isBoilerplate(_ node: HTMLNode) -> Bool { node.isBoilerplate }

    // MARK: main content (Readability)

    /// Tag weights Readability gives a candidate container before its paragraphs score it.
    private static func tagWeight(_ tag: String) -> Double {
        switch tag {
        case "div", "article", "main", "section": 5
        case "pre", "td", "blockquote": 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": -5
        default: 0
        }
    }

    /// Class/id weight: +25 for names of article containers, −25 for boilerplate names; +50
    /// more for an element marked as the article body (`itemprop="articleBody"`, `article-body`…).
    private static func nameWeight(_ node: HTMLNode) -> Double {
        var weight = 0.0
        if node.names.contains(.negative) { weight -= 25 }
        if node.names.contains(.positive) { weight += 25 }
        if node.itemprop == "articlebody" || node.names.contains(.articleBody) { weight += 50 }
        return weight
    }

    /// Text blocks that vote for their ancestors: paragraphs and any element with enough text
    /// of its own (Readability turns such `<div>`s into paragraphs).
    /// (`p`, `pre`, `td`, `blockquote`, `div`, `section`, `article`, `center`, `dd`, `main`:
    /// ``TagTraits/scored``.)
    private static func isScoredBlock(_ node: HTMLNode) -> Bool {
        node.traits.contains(.scored) && node.inlineLength >= 25
    }

    /// The element(s) holding the article, in document order: the best-scoring container and
    /// its siblings that score nearly as well.
    ///
    /// Scores and parents are kept in the nodes (``HTMLNode/score``, ``HTMLNode/parent``), each
    /// reset when its node is first visited.
    func mainContent() -> [HTMLNode] {
        var order: [HTMLNode] = []
        var body: HTMLNode?
        var stack: [HTMLNode] = []
        func visit(_ node: HTMLNode) {
            if node.isText || isBoilerplate(node) { return }
            if node.traits.contains(.body), body == nil { body = node }
            node.parent = stack.last
            node.isCandidate = false
            if Self.isScoredBlock(node) {
                let contribution = 1 + Double(node.inlineCommas) + Double(min(node.inlineLength / 100, 3))
                // A paragraph scores its ancestors; a container with text of its own is also the
                // parent of that text (Readability wraps such runs in paragraphs).
                let ownVote = !node.traits.contains(.votesUp)
                let count = min(stack.count, ownVote ? 4 : 5)
                for level in 0..<(count + (ownVote ? 1 : 0)) {
                    let ancestor = ownVote ? (level == 0 ? node : stack[stack.count - level]) : stack[stack.count - 1 - level]
                    if ancestor.traits.contains(.document) { continue }
                    if !ancestor.isCandidate {
                        ancestor.isCandidate = true
                        ancestor.score = Self.tagWeight(ancestor.tag) + Self.nameWeight(ancestor)
                        order.append(ancestor)
                    }
                    let divider: Double = level == 0 ? 1 : level == 1 ? 2 : Double(level) * 3
                    ancestor.score += contribution / divider
                }
            }
            stack.append(node)
            for child in node.children { visit(child) }
            stack.removeLast()
        }
        visit(root)
        var top: HTMLNode?
        var topScore = -Double.infinity
        for node in order {
            let value = node.score * (1 - node.linkDensity)
            node.finalScore = value
            if value > topScore { top = node; topScore = value }
        }
        guard var top, topScore > 0 else { return [body ?? root] }
        // An element marked as the article body (`itemprop="articleBody"`) around the best
        // container holds all of the article, also the parts split off by embeds and ads.
        var ancestor = top.parent
        while let a = ancestor, !a.traits.contains(.body) {
            if a.itemprop == "articlebody" { return [a] }
            ancestor = a.parent
        }
        // Readability: a parent that scores nearly as well holds more of the article.
        var last = topScore
        var parent = top.parent
        while let p = parent, !p.traits.contains(.body), !p.traits.contains(.html) {
            guard p.isCandidate else { parent = p.parent; continue }
            let parentScore = p.finalScore
            if parentScore < last / 3 { break }
            if parentScore > last { top = p; topScore = parentScore }
            last = parentScore
            parent = p.parent
        }
        guard let container = top.parent else { return [top] }
        let threshold = max(10, topScore * 0.2)
        var joined: [HTMLNode] = []
        for sibling in container.children where !sibling.isText && !isBoilerplate(sibling) {
            if sibling === top { joined.append(sibling); continue }
            var bonus = 0.0
            if !top.nameTokens.isEmpty, sibling.nameTokens == top.nameTokens { bonus = topScore * 0.2 }
            if sibling.isCandidate, sibling.finalScore + bonus >= threshold {
                joined.append(sibling)
            } else if sibling.traits.contains(.paragraph) {
                let text = sibling.plainText
                let length = visibleLength(text)
                if length > 80, sibling.linkDensity < 0.25 {
                    joined.append(sibling)
                } else if length > 0, length <= 80, sibling.linkDensity == 0, text.hasSuffix(".") {
                    joined.append(sibling)
                }
            }
        }
        return joined
    }

    /// Readability's conditional cleaning, simplified: a container inside the article with
    /// few commas (under 10) and much link text (over 20 %, or over 50 % for a list or when its
    /// name says it is article content) is a block of related links or teasers, not prose.
    static func isLinkCluster(_ node: HTMLNode) -> Bool {
        guard node.traits.contains(.linkCluster), node.textLength > 0,
              node.commas < 10, !node.holdsArticleBody, !node.names.contains(.embed) else { return false }
        let density = node.linkDensity
        // A list is judged more leniently (Readability): a few linked items do not make it a menu.
        let isList = node.traits.contains(.list)
        return node.names.contains(.positive) || isList ? density > 0.5 : density > 0.2
    }

    static let linkClusterTags: Set<String> = ["div", "section", "ul", "ol", "table", "dl", "center"]

    static func isInlineLinkCluster(_ node: HTMLNode) -> Bool {
        !node.isText && !node.isBlock && !node.traits.contains(.link) && node.linkCount >= 3 && node.linkDensity > 0.8
    }

    // MARK: title

    /// The first `<h1>` inside `node` (boilerplate included: an article's own header holds it).
    func firstHeading(in node: HTMLNode) -> HTMLNode? {
        if node.traits.contains(.heading1), !node.plainText.isEmpty { return node }
        for child in node.children where !child.isText {
            if let found = firstHeading(in: child) { return found }
        }
        return nil
    }

    /// The first non-empty `<h1>` of the page outside navigation and other boilerplate.
    func firstPageHeading() -> HTMLNode? {
        func search(_ node: HTMLNode) -> HTMLNode? {
            if node.isText || (isBoilerplate(node) && !node.traits.contains(.header)) { return nil }
            if node.traits.contains(.heading1), !node.plainText.isEmpty { return node }
            for child in node.children { if let found = search(child) { return found } }
            return nil
        }
        return search(root)
    }

    /// `og:title`, the `<h1>` or `<title>`, whichever the others agree with; site names cut.
    func title(heading: HTMLNode?, meta: PageMeta) -> String? {
        let pageTitle = firstElement(.title, in: root).map(\.plainText).flatMap { $0.isEmpty ? nil : $0 }
        let h1 = heading.map(\.plainText).flatMap { $0.isEmpty ? nil : $0 }
        let declared = meta.ogTitle ?? pageTitle
        if let h1 {
            let key = h1.lowercased()
            guard let declared else { return h1 }
            if declared.lowercased().contains(key) || key.contains(Self.cutSiteName(declared, site: meta.siteName).lowercased()) {
                return h1
            }
        }
        if let og = meta.ogTitle { return Self.cutSiteName(og, site: meta.siteName) }
        if let h1 { return h1 }
        return pageTitle.map { Self.cutSiteName($0, site: meta.siteName) }
    }

    /// Separators that join a headline and a site name in `<title>`.
    private static let titleSeparators = [" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " // ", " « ", " » "]

    /// `title` without a leading or trailing part that names the site: the `og:site_name`, or a
    /// part of at most three words beside a longer one.
    static func cutSiteName(_ title: String, site: String?) -> String {
        var parts = [title]
        let literal = splitsLiterally(title)
        for separator in titleSeparators {
            parts = parts.flatMap { literal ? split($0, at: separator) : $0.components(separatedBy: separator) }
        }
        parts = parts.map { collapsed($0) }.filter { !$0.isEmpty }
        guard parts.count > 1 else { return collapsed(title) }
        let siteKey = site?.lowercased()
        func isSite(_ part: String) -> Bool {
            let lower = part.lowercased()
            if let siteKey, lower == siteKey || siteKey.contains(lower) || lower.contains(siteKey) { return true }
            return part.split(separator: " ").count <= 3
        }
        while parts.count > 1, let last = parts.last, isSite(last), (parts.dropLast().map(\.count).max() ?? 0) > last.count {
            parts.removeLast()
        }
        while parts.count > 1, let first = parts.first, let siteKey, first.lowercased() == siteKey {
            parts.removeFirst()
        }
        // What is left is the headline, which may itself contain a separator.
        guard let range = title.range(of: parts[0]), let end = title.range(of: parts[parts.count - 1], range: range.lowerBound..<title.endIndex) else {
            return parts.joined(separator: " - ")
        }
        return collapsed(String(title[range.lowerBound..<end.upperBound]))
    }

    /// The first element in `node` (itself included) whose traits hold `trait`.
    /// Whether Foundation's `components(separatedBy:)` splits `title` at each separator of
    /// ``titleSeparators`` where its bytes occur: every scalar is one character of its own
    /// (``BoilerplateNames/isLoneScalar(_:)``, no `\r`), so no match can end inside a
    /// character, and none is canonically equivalent to a separator's character (U+0387 GREEK
    /// ANO TELEIA is `·`, U+037E GREEK QUESTION MARK is `;`), so every match is a byte match.
    static func splitsLiterally(_ title: String) -> Bool {
        title.unicodeScalars.allSatisfy {
            BoilerplateNames.isLoneScalar($0) && $0.value != 0x0D && $0.value != 0x387 && $0.value != 0x37E
        }
    }

    /// `text` split at each occurrence of `separator` (non-empty), left to right, empty pieces
    /// kept: `components(separatedBy:)` on bytes, for text where they agree (``splitsLiterally(_:)``).
    static func split(_ text: String, at separator: String) -> [String] {
        let bytes = Array(text.utf8), needle = Array(separator.utf8)
        guard !needle.isEmpty, bytes.count >= needle.count else { return [text] }
        var parts: [String] = []
        var start = 0, i = 0
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) {
                parts.append(String(decoding: bytes[start..<i], as: UTF8.self))
                i += needle.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(decoding: bytes[start...], as: UTF8.self))
        return parts
    }

    private func firstElement(_ trait: TagTraits, in node: HTMLNode) -> HTMLNode? {
        if node.traits.contains(trait) { return node }
        for child in node.children where !child.isText {
            if let found = firstElement(trait, in: child) { return found }
        }
        return nil
    }

    // MARK: body blocks

    /// Blocks of text in document order: each block element's own inline text is one block;
    /// two `<br>` in a row end a block, one is a line break inside it.
    func collectBlocks(_ node: HTMLNode, skipping heading: HTMLNode?, into blocks: inout [String]) {
        var lines: [String] = []
        var line = ""
        var linkChars = 0
        var afterBreak = false
        func endLine() {
            let text = collapsed(line)
            if !text.isEmpty { lines.append(text) }
            line = ""
        }
        func flush() {
            endLine()
            let text = lines.joined(separator: "\n")
            let length = visibleLength(text)
            // A block that is mostly link text is a menu or a list of related stories.
            if length > 0, linkChars * 2 <= length || length > 200, !BoilerplateNames.isLabel(text) {
                blocks.append(text)
            }
            lines = []
            linkChars = 0
            afterBreak = false
        }
        func walk(_ node: HTMLNode, inLink: Bool) {
            for child in node.children {
                if child.isText {
                    line += child.text
                    if inLink { linkChars += visibleLength(child.text) }
                    if afterBreak, child.text.contains(where: { !$0.isWhitespace }) { afterBreak = false }
                    continue
                }
                if isBoilerplate(child) || child === heading || child.traits.contains(.title) || Self.isLinkCluster(child) { continue }
                // Inline furniture inside a paragraph: a hover card or tag list is three or more
                // links and almost nothing else. Only the innermost such element is skipped, so a
                // linked name beside its hover card stays.
                if Self.isInlineLinkCluster(child), !child.children.contains(where: Self.isInlineLinkCluster) { continue }
                if child.traits.contains(.lineBreak) {
                    if afterBreak { flush() } else { endLine(); afterBreak = true }
                } else if child.traits.contains(.cell) {
                    line += " "
                    walk(child, inLink: inLink)
                    line += " "
                } else if child.isBlock {
                    flush()
                    walk(child, inLink: false)
                    flush()
                } else {
                    walk(child, inLink: inLink || child.traits.contains(.link))
                }
            }
        }
        if !isBoilerplate(node) {
            if node.traits.contains(.paragraph) || !node.isBlock {
                walk(node, inLink: node.traits.contains(.link))
            } else {
                walk(node, inLink: false)
            }
        }
        flush()
    }
}
