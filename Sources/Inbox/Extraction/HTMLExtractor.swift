#if canImport(Glibc)
import Glibc
#endif
import CLibXML2

/// Reduces an HTML page, as a browser saves it, to the article's title and main text.
///
/// **Parsing** is libxml2's HTML parser (as `htmlReadMemory` with `HTML_PARSE_RECOVER|NONET`): it
/// accepts tag soup, supplies the optional `<html>`/`<head>`/`<body>` tags a page may leave out,
/// decodes entities, and never fetches anything. Script, style and comment text and unread
/// attributes are removed from the bytes first (``MarkupElision``), and libxml2's parser events
/// build the small tree the rules read (``HTMLTreeBuilder``) without a libxml2 document. It is
/// given the page's raw bytes, so that its own encoding detection decides: a byte-order mark,
/// then a `<meta charset>` or
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
package enum HTMLExtractor {
    /// Reduces a page given as text (for example an e-mail's HTML part, already decoded).
    /// - Parameter html: the page as text; any encoding declaration inside it is ignored.
    /// - Returns: the title and body, or `nil` when libxml2 builds no document at all.
    package static func extract(_ html: String) -> ExtractedArticle? {
        parse(Array(html.utf8), encoding: "UTF-8").map { article(from: $0.root, meta: $0.meta) }
    }

    /// Reduces a page from its raw bytes, letting libxml2 pick the encoding.
    /// - Parameters:
    ///   - bytes: the file as saved.
    ///   - decoded: ``TextDecoder/decode(_:)`` of the same bytes when the caller has it (saves
    ///     decoding them again).
    /// - Returns: the title and body with the encoding that was used, or `nil` when libxml2
    ///   builds no document at all.
    package static func extract(bytes: [UInt8], decoded: DecodedText? = nil) -> ArticleReading? {
        // A byte-order mark decides the encoding over any <meta charset> (WHATWG HTML, "prescan"
        // comes after the BOM sniff): libxml2 let a `windows-1252` meta override a UTF-8 BOM.
        if TextBytes.hasBOM(bytes), let text = decoded ?? TextDecoder.decode(bytes) {
            guard let parsed = parse(Array(text.text.utf8), encoding: "UTF-8") else { return nil }
            return ArticleReading(article: article(from: parsed.root, meta: parsed.meta), encoding: text.encoding,
                                  repaired: text.repaired, declared: true)
        }
        guard var parsed = parse(bytes, encoding: nil) else { return nil }
        var encoding = parsed.declared ?? "utf-8"
        var repaired = false
        var declared = true
        if parsed.declared == nil || utf8Labels.contains(encoding) {
            encoding = "utf-8"
            let valid = decoded.map { $0.encoding == "utf-8" && !$0.repaired } ?? TextDecoder.isValidUTF8(bytes)
            if !valid, let decoded = decoded ?? TextDecoder.decode(bytes) {
                if let again = parse(Array(decoded.text.utf8), encoding: "UTF-8") {
                    parsed = again
                    encoding = decoded.encoding
                    repaired = decoded.repaired
                    declared = ArticleExtractor.isDeclaredOrUTF8(bytes, decoded)
                }
            }
        } else if windows1252Labels.contains(encoding) {
            encoding = "windows-1252"
            if bytes.contains(where: { (0x80...0x9F).contains($0) }), let again = parse(bytes, encoding: "windows-1252") {
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
        return ExtractedArticle(title: title.map(CDATAMarkers.removed),
                                body: CDATAMarkers.removed(blocks.joined(separator: "\n\n")), format: .html)
    }

    // MARK: libxml2 events → a small Swift tree

    /// libxml2 must be initialised once before it is used from several threads (xmlInitParser(3)).
    private static let ready: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parses `page` with `encoding` forced, or detected when `nil`: its script and style text
    /// removed (``MarkupElision``), then libxml2's parser events built into a tree
    /// (``HTMLTreeBuilder``).
    /// - Returns: the tree, the page's `<meta>` titles and the encoding libxml2 ended with
    ///   (lower case), or `nil` when the page is empty or libxml2 could not start.
    private static func parse(_ page: [UInt8], encoding: String?) -> (root: HTMLNode, meta: PageMeta, declared: String?)? {
        guard ready, !page.isEmpty else { return nil }
        var bytes = MarkupElision.elide(page)
        let length = Int32(clamping: bytes.count)
        bytes.append(0)
        // No HTML_PARSE_NOIMPLIED: without the implied <html>/<body>, libxml2 2.9 hangs everything
        // after a leading <meta> under that (empty) element, and the article is lost.
        let options = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        let builder = HTMLTreeBuilder()
        var handler = HTMLTreeBuilder.handler()
        var used = [CChar](repeating: 0, count: 64)
        let started = withExtendedLifetime(builder) {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    digestd_html_parse_events(chars.baseAddress, length, encoding, options, &handler,
                                              Unmanaged.passUnretained(builder).toOpaque(), &used, 64)
                }
            }
        }
        guard started != 0 else { return nil }
        let name = used.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        let declared = name.isEmpty ? nil : String(decoding: name, as: UTF8.self).lowercased()
        return (builder.root, builder.meta, declared)
    }
}

/// The `<meta>` values of a page that name its title, and what its class names say (pages
/// repeat the same few class names thousands of times: each word and each `class`/`id` value is
/// judged once).
struct PageMeta {
    var ogTitle: String?
    var siteName: String?
    private var judgedWords = BytesTable<BoilerplateNames.WordFlags>(capacity: 512)
    private var judgedValues = BytesTable<(text: String, words: [BoilerplateNames.WordFlags], flags: BoilerplateNames.Flags)>(capacity: 512)

    /// A `class` or `id` value as text, what each of its words (``HTMLNode/tokens(of:)``) says
    /// (``BoilerplateNames/wordFlags(_:)``), and what they say together
    /// (``BoilerplateNames/flags(_:)-([WordFlags])``).
    /// - Parameter value: the attribute value as libxml2 gives it: NUL-terminated UTF-8 (an
    ///   invalid sequence reads as U+FFFD, as `String(cString:)` reads it).
    mutating func judge(value: UnsafePointer<UInt8>)
        -> (text: String, words: [BoilerplateNames.WordFlags], flags: BoilerplateNames.Flags) {
        let bytes = UnsafeBufferPointer(start: value, count: strlen(value))
        let hash = BytesTable<Int>.hash(bytes)
        if let known = judgedValues.value(for: bytes, hash: hash) { return known }
        let text = String(decoding: bytes, as: UTF8.self)
        let words = asciiWords(bytes) ?? HTMLNode.tokens(of: text).map { judge(word: $0) }
        let judged = (text, words, BoilerplateNames.flags(words))
        judgedValues.insert(judged, for: bytes, hash: hash)
        return judged
    }

    /// The judged words of an ASCII value, split as ``HTMLNode/tokens(of:)`` splits it, each
    /// looked up by its lower-case bytes (a string is made only for a word not seen before);
    /// `nil` when a byte is not ASCII.
    private mutating func asciiWords(_ bytes: UnsafeBufferPointer<UInt8>) -> [BoilerplateNames.WordFlags]? {
        guard let p = bytes.baseAddress, !bytes.isEmpty else { return [] }
        let n = bytes.count
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n) { folded -> [BoilerplateNames.WordFlags]? in
            guard let lower = folded.baseAddress else { return [] }
            for i in 0..<n {
                let byte = p[i]
                if byte >= 0x80 { return nil }
                lower[i] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            }
            var out: [BoilerplateNames.WordFlags] = []
            out.reserveCapacity(n / 2 + 1) // a word takes two bytes or more, but for camelCase humps
            var start = -1 // where the current word starts; -1 between words
            var previousLower = false
            for i in 0..<n {
                let byte = p[i]
                let upper = byte >= 0x41 && byte <= 0x5A
                let isLower = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                if upper || isLower {
                    if start < 0 {
                        start = i
                    } else if upper, previousLower {
                        out.append(judge(word: UnsafeBufferPointer(start: lower + start, count: i - start)))
                        start = i
                    }
                    previousLower = isLower
                } else {
                    if start >= 0 { out.append(judge(word: UnsafeBufferPointer(start: lower + start, count: i - start))) }
                    start = -1
                    previousLower = false
                }
            }
            if start >= 0 { out.append(judge(word: UnsafeBufferPointer(start: lower + start, count: n - start))) }
            return out
        }
    }

    private mutating func judge(word: String) -> BoilerplateNames.WordFlags {
        var copy = word
        return copy.withUTF8 { judge(word: $0) }
    }

    /// What the word with these (lower-case UTF-8) bytes says, judged once per page.
    private mutating func judge(word bytes: UnsafeBufferPointer<UInt8>) -> BoilerplateNames.WordFlags {
        let hash = BytesTable<Int>.hash(bytes)
        if let known = judgedWords.value(for: bytes, hash: hash) { return known }
        let flags = BoilerplateNames.wordFlags(String(decoding: bytes, as: UTF8.self))
        judgedWords.insert(flags, for: bytes, hash: hash)
        return flags
    }

    /// Keeps `value` (white space collapsed) when `key` names the page's title or site and no
    /// earlier `<meta>` did.
    mutating func record(_ key: String, _ value: String) {
        switch key {
        case "og:title", "twitter:title":
            if ogTitle == nil { ogTitle = Self.nonEmpty(collapsed(value)) }
        case "og:site_name", "application-name":
            if siteName == nil { siteName = Self.nonEmpty(collapsed(value)) }
        default: break
        }
    }

    private static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
}
