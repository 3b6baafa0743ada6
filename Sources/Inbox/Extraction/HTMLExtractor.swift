import CLibXML2

/// Reduces an HTML page, as a browser saves it, to the article's title and main text.
///
/// **Parsing** is libxml2's HTML parser (`htmlReadMemory` with `HTML_PARSE_RECOVER|NONET`): it
/// accepts tag soup, supplies the optional `<html>`/`<head>`/`<body>` tags a page may leave out,
/// decodes entities, and never fetches anything. It is given the page's raw bytes, so that its
/// own encoding detection decides: a byte-order mark, then a `<meta charset>` or
/// `<meta http-equiv="Content-Type">` declaration, as in the WHATWG encoding-sniffing order
/// (HTML Standard §13.2.3.2). A page that declares nothing and is not valid UTF-8 is decoded by
/// ``TextDecoder`` first; a page declaring ISO-8859-1 or US-ASCII is read as Windows-1252, as the
/// WHATWG Encoding Standard maps those labels.
///
/// **Extraction** follows Readability (Arc90; Mozilla's Readability.js) with the boilerplate
/// rules of trafilatura (Barbaresi, "Trafilatura: A Web Scraping Library and Command-Line Tool
/// for Text Discovery and Extraction", ACL 2021 demos):
/// 1. Dropped outright: comments, scripts, styles, media, form controls, and `<head>` but for
///    `<title>` and the `og:title` / `og:site_name` metadata.
/// 2. Boilerplate, left out of the body: `<nav>`, `<header>`, `<footer>`, `<aside>`, `<menu>`,
///    `<figure>`, `<figcaption>`, landmark roles (navigation, banner, contentinfo,
///    complementary, search…), hidden elements, and elements whose `class`/`id` names
///    navigation, sharing, related or recommended stories, comments, newsletters, cookie and
///    paywall notices, ads, captions, credits, bylines and the like ( ``BoilerplateNames`` ) —
///    unless the element holds most of the page's paragraph text.
/// 3. Each text block scores its ancestors (Readability: parent fully, grandparent half, then
///    a third per level); a container's score is scaled by `1 − link density` and adjusted by
///    its class/id names; `itemprop="articleBody"` and article-body class names weigh most.
///    The best container is the main content, joined by siblings that score nearly as well.
/// 4. The body is the main content's blocks in document order, one paragraph each (`<br><br>`
///    ends a paragraph, one `<br>` is a line break); blocks that are mostly link text, or that
///    are only a UI label ("Advertisement", "Share this"), are dropped.
/// 5. The title is `og:title`, the main `<h1>` or `<title>`, with a site suffix
///    (" - WSJ", " | Site") cut.
///
/// Linear in the size of the page.
public enum HTMLExtractor {
    /// Reduces a page given as text (for example an e-mail's HTML part, already decoded).
    /// - Parameter html: the page as text; any encoding declaration inside it is ignored.
    /// - Returns: the title and body, or `nil` when libxml2 builds no document at all.
    public static func extract(_ html: String) -> ExtractedArticle? {
        var bytes = Array(html.utf8)
        return parse(&bytes, encoding: "UTF-8").map { article(from: $0.root, meta: $0.meta) }
    }

    /// Reduces a page from its raw bytes, letting libxml2 pick the encoding.
    /// - Parameters:
    ///   - bytes: the file as saved.
    ///   - decoded: ``TextDecoder/decode(_:)`` of the same bytes when the caller has it (saves
    ///     decoding them again).
    /// - Returns: the title and body with the encoding that was used, or `nil` when libxml2
    ///   builds no document at all.
    public static func extract(bytes: [UInt8], decoded: DecodedText? = nil) -> ArticleReading? {
        var raw = bytes
        guard var parsed = parse(&raw, encoding: nil) else { return nil }
        var encoding = parsed.declared ?? "utf-8"
        var repaired = false
        var declared = true
        if parsed.declared == nil || utf8Labels.contains(encoding) {
            encoding = "utf-8"
            let valid = decoded.map { $0.encoding == "utf-8" && !$0.repaired } ?? (String(validating: bytes, as: UTF8.self) != nil)
            if !valid, let decoded = decoded ?? TextDecoder.decode(bytes) {
                var text = Array(decoded.text.utf8)
                if let again = parse(&text, encoding: "UTF-8") {
                    parsed = again
                    encoding = decoded.encoding
                    repaired = decoded.repaired
                    declared = ArticleExtractor.isDeclaredOrUTF8(bytes, decoded)
                }
            }
        } else if windows1252Labels.contains(encoding) {
            encoding = "windows-1252"
            if bytes.contains(where: { (0x80...0x9F).contains($0) }), let again = parse(&raw, encoding: "windows-1252") {
                parsed = again
            }
        }
        return ArticleReading(article: article(from: parsed.root, meta: parsed.meta), encoding: encoding,
                              repaired: repaired, declared: declared)
    }

    /// WHATWG Encoding Standard labels of UTF-8.
    private static let utf8Labels: Set<String> = ["utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"]
    /// WHATWG Encoding Standard labels that name Windows-1252 (ISO-8859-1 and ASCII among them).
    private static let windows1252Labels: Set<String> = [
        "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100", "iso8859-1",
        "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252", "x-cp1252",
    ]

    private static func article(from root: HTMLNode, meta: PageMeta) -> ExtractedArticle {
        let page = HTMLPage(root: root)
        let main = page.mainContent()
        let heading = page.firstHeading(in: main.first ?? root) ?? page.firstPageHeading()
        let title = page.title(heading: heading, meta: meta)
        var blocks: [String] = []
        for node in main { page.collectBlocks(node, skipping: heading, into: &blocks) }
        return ExtractedArticle(title: title, body: blocks.joined(separator: "\n\n"), format: .html)
    }

    // MARK: libxml2 → a small Swift tree

    /// libxml2 must be initialised once before it is used from several threads (xmlInitParser(3)).
    private static let ready: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parses `bytes` (a trailing NUL is appended) with `encoding` forced, or detected when `nil`.
    private static func parse(_ bytes: inout [UInt8], encoding: String?) -> (root: HTMLNode, meta: PageMeta, declared: String?)? {
        guard ready, !bytes.isEmpty else { return nil }
        let length = Int32(clamping: bytes.count)
        bytes.append(0)
        defer { bytes.removeLast() }
        // No HTML_PARSE_NOIMPLIED: without the implied <html>/<body>, libxml2 2.9 hangs everything
        // after a leading <meta> under that (empty) element, and the article is lost.
        let options = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        let doc: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, length, nil, encoding, options)
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        let declared = doc.pointee.encoding.map { String(cString: $0).lowercased() }
        let root = HTMLNode(tag: "#document")
        var meta = PageMeta()
        var child = doc.pointee.children
        while let node = child {
            convert(node, into: root, inHead: false, meta: &meta)
            child = node.pointee.next
        }
        return (root, meta, declared)
    }

    private static let droppedTags: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
        "video", "audio", "picture", "img", "button", "select", "option", "input", "textarea", "label",
        "link", "meta", "map", "dialog", "source", "track", "base",
    ]

    private static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        var attribute = node.pointee.properties
        while let a = attribute {
            if let n = a.pointee.name, String(cString: n).lowercased() == name {
                if let text = a.pointee.children, let content = text.pointee.content { return String(cString: content) }
                return ""
            }
            attribute = a.pointee.next
        }
        return nil
    }

    private static func convert(_ node: xmlNodePtr, into parent: HTMLNode, inHead: Bool, meta: inout PageMeta) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if inHead { return }
            if let content = node.pointee.content {
                parent.children.append(HTMLNode(text: String(cString: content)))
            }
        case XML_ELEMENT_NODE:
            let tag = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
            if tag == "meta" {
                let key = (attribute(node, "property") ?? attribute(node, "name"))?.lowercased()
                if let key, let content = attribute(node, "content") { meta.record(key, collapsed(content)) }
                return
            }
            if droppedTags.contains(tag) { return }
            if inHead && tag != "title" { return }
            let element = HTMLNode(tag: tag)
            var property = node.pointee.properties
            while let a = property {
                let name = a.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                var value = ""
                if let text = a.pointee.children, let content = text.pointee.content { value = String(cString: content) }
                element.setAttribute(name, value)
                property = a.pointee.next
            }
            if !element.nameTokens.isEmpty { element.names = meta.flags(for: element.nameTokens) }
            var child = node.pointee.children
            while let c = child {
                convert(c, into: element, inHead: tag == "head" || (inHead && tag != "title"), meta: &meta)
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

/// The `<meta>` values of a page that name its title, and what its class names say (pages
/// repeat the same few class names thousands of times: each is judged once).
struct PageMeta {
    var ogTitle: String?
    var siteName: String?
    private var judged: [[String]: BoilerplateNames.Flags] = [:]

    mutating func flags(for tokens: [String]) -> BoilerplateNames.Flags {
        if let known = judged[tokens] { return known }
        let flags = BoilerplateNames.flags(tokens)
        judged[tokens] = flags
        return flags
    }

    mutating func record(_ key: String, _ value: String) {
        guard !value.isEmpty else { return }
        switch key {
        case "og:title", "twitter:title": if ogTitle == nil { ogTitle = value }
        case "og:site_name", "application-name": if siteName == nil { siteName = value }
        default: break
        }
    }
}
