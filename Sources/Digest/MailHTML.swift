import Foundation

/// The HTML digest made fit for an e-mail (the briefing's `text/html` part): mail readers drop
/// `<style>` elements and know no CSS custom properties, and links relative to the digest folder
/// lead nowhere from a mailbox.
///
/// So the page's own style sheet is inlined: each rule whose selector is a tag, a `.class`, or a
/// descendant chain of these (`.sources li`) is written into the `style` attribute of every
/// element it matches, in cascade order (specificity, then source order; CSS 2.1 §6.4.3);
/// `var(--x)` takes the light scheme's value from `:root`. At-rules (`@media`: dark scheme,
/// print) and the universal selector are left out. The `<style>` element, the feed `<link>`,
/// the link to the index and the `color-scheme` meta go; links to source files become plain
/// text. Nothing is fetched when the message is shown: no external resources remain.
///
/// The input is a page of ``HTMLDigest`` (every article string in it escaped, so each `<` starts
/// a tag written by the templates); the result is again a valid HTML5 document.
package enum MailHTML {
    /// The mail form of `page`, an ``HTMLDigest`` page.
    package static func inline(page: String) -> String {
        let (css, rest) = extractStyle(page)
        let rules = parseRules(css)
        var out = ""
        out.reserveCapacity(rest.utf8.count * 2)
        var stack: [(tag: String, classes: [String])] = []
        var i = rest.startIndex
        var dropping: String?   // the closing tag ending a dropped element
        var unwrapAnchor = 0    // open <a> elements written as <span>
        while i < rest.endIndex {
            guard rest[i] == "<", let close = rest[i...].firstIndex(of: ">") else {
                let next = rest[i...].firstIndex(of: "<") ?? rest.endIndex
                if dropping == nil { out += rest[i..<next] }
                i = next == i ? rest.index(after: i) : next
                continue
            }
            let tagText = String(rest[rest.index(after: i)..<close])
            i = rest.index(after: close)
            if let end = dropping {
                if tagText == end { dropping = nil }
                continue
            }
            if tagText.hasPrefix("!") || tagText.hasPrefix("?") { out += "<" + tagText + ">"; continue }
            if tagText.hasPrefix("/") {
                let name = String(tagText.dropFirst())
                if name == "a", unwrapAnchor > 0 {
                    unwrapAnchor -= 1
                    out += "</span>"
                } else {
                    out += "<" + tagText + ">"
                }
                if let last = stack.lastIndex(where: { $0.tag == name }) { stack.removeSubrange(last...) }
                continue
            }
            let name = String(tagText.prefix { $0 != " " && $0 != "/" })
            var attributes = String(tagText.dropFirst(name.count))
            let classes = attribute("class", in: attributes)?.split(separator: " ").map(String.init) ?? []
            // Dropped: the feed link, the colour-scheme meta, the kicker with its index link.
            if name == "link" || (name == "meta" && attribute("name", in: attributes) == "color-scheme") { continue }
            if name == "p", classes.contains("kicker") { dropping = "/p"; continue }
            var tag = name
            if name == "a", classes.contains("src") || attribute("href", in: attributes).map(isRelative) == true {
                tag = "span"
                attributes = removeAttribute("href", from: attributes)
                unwrapAnchor += 1
            }
            let isVoid = ["meta", "br", "img", "hr", "input", "link"].contains(name)
            let element = (tag: name, classes: classes)
            let style = declarations(for: element, ancestors: stack, rules: rules)
            if !style.isEmpty {
                attributes = removeAttribute("style", from: attributes) + " style=\"" + escapeAttribute(style) + "\""
            }
            out += "<" + tag + attributes + ">"
            if !isVoid { stack.append(element) }
        }
        return out
    }

    /// One style rule: a selector (a descendant chain of compound selectors, each a tag and/or
    /// classes) and its declarations.
    struct Rule {
        let chain: [(tag: String?, classes: [String])]
        let declarations: String
        let specificity: (classes: Int, tags: Int)
        let order: Int
    }

    /// The content of the first `<style>` element, and the page without it.
    static func extractStyle(_ page: String) -> (css: String, rest: String) {
        guard let open = page.range(of: "<style>"), let close = page.range(of: "</style>", range: open.upperBound..<page.endIndex) else {
            return ("", page)
        }
        var rest = String(page[..<open.lowerBound]) + String(page[close.upperBound...])
        rest = rest.replacingOccurrences(of: "\n\n", with: "\n")
        return (String(page[open.upperBound..<close.lowerBound]), rest)
    }

    /// The top-level rules of `css` (at-rule blocks skipped), `var()` resolved from `:root`.
    static func parseRules(_ css: String) -> [Rule] {
        var blocks: [(selector: String, body: String)] = []
        var depth = 0
        var selector = ""
        var body = ""
        var atRule = false
        for ch in css {
            switch ch {
            case "{":
                depth += 1
                if depth == 1 { atRule = selector.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("@") }
                if depth > 1 { body.append(ch) }
            case "}":
                depth -= 1
                if depth == 0 {
                    if !atRule { blocks.append((selector.trimmingCharacters(in: .whitespacesAndNewlines), body)) }
                    selector = ""; body = ""; atRule = false
                } else { body.append(ch) }
            default:
                if depth == 0 { selector.append(ch) } else { body.append(ch) }
            }
        }
        var variables: [String: String] = [:]
        for block in blocks where block.selector == ":root" {
            for declaration in block.body.split(separator: ";") {
                let pair = declaration.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2, pair[0].hasPrefix("--") { variables[pair[0]] = pair[1] }
            }
        }
        var rules: [Rule] = []
        for (index, block) in blocks.enumerated() {
            let declarations = resolve(block.body, variables: variables)
            for one in block.selector.split(separator: ",") {
                let text = one.trimmingCharacters(in: .whitespacesAndNewlines)
                if text.isEmpty || text.contains(":") || text.contains("*") || text.contains(">") || text.contains("[") { continue }
                var chain: [(tag: String?, classes: [String])] = []
                for compound in text.split(separator: " ") {
                    let parts = compound.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                    chain.append((parts[0].isEmpty ? nil : parts[0], Array(parts.dropFirst())))
                }
                let classes = chain.reduce(0) { $0 + $1.classes.count }
                let tags = chain.reduce(0) { $0 + ($1.tag == nil ? 0 : 1) }
                rules.append(Rule(chain: chain, declarations: declarations, specificity: (classes, tags), order: index))
            }
        }
        return rules
    }

    /// `body` with each `var(--x)` replaced by the value of `--x`, whitespace folded.
    static func resolve(_ body: String, variables: [String: String]) -> String {
        var text = body.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        while let open = text.range(of: "var("), let close = text[open.upperBound...].firstIndex(of: ")") {
            let name = String(text[open.upperBound..<close]).trimmingCharacters(in: .whitespaces)
            text.replaceSubrange(open.lowerBound...close, with: variables[name] ?? "inherit")
        }
        return text.hasSuffix(";") || text.isEmpty ? text : text + ";"
    }

    /// The declarations of every rule matching `element` under `ancestors`, in cascade order.
    static func declarations(for element: (tag: String, classes: [String]), ancestors: [(tag: String, classes: [String])], rules: [Rule]) -> String {
        func matches(_ compound: (tag: String?, classes: [String]), _ e: (tag: String, classes: [String])) -> Bool {
            (compound.tag == nil || compound.tag == e.tag) && compound.classes.allSatisfy(e.classes.contains)
        }
        let matching = rules.filter { rule in
            guard let last = rule.chain.last, matches(last, element) else { return false }
            // Each earlier compound matches some ancestor, nearest first, in order.
            var level = ancestors.count
            for compound in rule.chain.dropLast().reversed() {
                guard let found = ancestors[..<level].lastIndex(where: { matches(compound, $0) }) else { return false }
                level = found
            }
            return true
        }
        return matching
            .sorted { ($0.specificity.classes, $0.specificity.tags, $0.order) < ($1.specificity.classes, $1.specificity.tags, $1.order) }
            .map(\.declarations).joined(separator: "")
    }

    /// The value of attribute `name` in a start tag's attribute text (`name="value"` form).
    static func attribute(_ name: String, in attributes: String) -> String? {
        guard let start = attributes.range(of: " " + name + "=\"") else { return nil }
        guard let end = attributes[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(attributes[start.upperBound..<end])
    }

    /// The attribute text without attribute `name`.
    static func removeAttribute(_ name: String, from attributes: String) -> String {
        guard let start = attributes.range(of: " " + name + "=\""),
              let end = attributes[start.upperBound...].firstIndex(of: "\"") else { return attributes }
        return String(attributes[..<start.lowerBound]) + String(attributes[attributes.index(after: end)...])
    }

    /// A URL without a scheme (relative to the digest folder).
    static func isRelative(_ href: String) -> Bool {
        !(href.hasPrefix("http://") || href.hasPrefix("https://") || href.hasPrefix("mailto:"))
    }

    /// `"` and `&` escaped for a double-quoted attribute value.
    static func escapeAttribute(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
