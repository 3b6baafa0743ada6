import CCmarkGFM
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Reduces Markdown (CommonMark 0.29 with the GitHub extensions) to plain article text.
///
/// Parsing is cmark-gfm, GitHub's fork of the CommonMark reference parser, with footnotes and
/// the `table`, `strikethrough`, `autolink` and `tasklist` extensions; front matter is split off
/// first (``FrontMatter``). From the syntax tree:
/// - Left out: code blocks, HTML blocks and inline HTML, thematic breaks, images (their alt text
///   is not article text), footnote definitions and footnote references (and any
///   `[^label]` left as text by a reference without a definition), link reference definitions.
/// - Kept as text: paragraphs, headings, block quotes (without `>`), list items (one line each,
///   starting `- ` or `N. `, where the sentence segmenter starts a sentence), table rows (one
///   line each, cells joined by `, `), link text, code spans, emphasis and strike-through text,
///   entities and escapes decoded by the parser.
/// - Title: the front matter's `title`; else the first level-1 heading, or a heading that
///   comes before any other text. That heading is left out of the body either way; every other
///   heading is a paragraph of its own.
///
/// Blocks are separated by blank lines; soft and hard line breaks inside a block stay line
/// breaks. cmark-gfm is linear in the input apart from its documented pathological cases,
/// which its own limits bound; the tree is walked with cmark's iterator, so deep nesting never
/// deepens the Swift stack.
///
/// Memory: the table extension keeps a node and buffers for every cell, about 400 bytes each
/// (cmark-gfm 0.29.0.gfm.6, Debian): a 6 MB table of one-letter cells (3 million of them) took
/// 1.2 GB, enough to end a service under `MemoryMax=`. So when the source holds more than
/// ``maximumTableCells`` `|` characters (each table cell has one), the table extension is not
/// attached: its table lines are read as the paragraphs CommonMark makes of them (rows as lines,
/// cells still divided by `|`), and ``ExtractedArticle/tableCellsReadAsText`` says so, so that
/// the service warns naming the file.
package enum MarkdownExtractor {
    /// - Parameter text: Markdown source with LF line ends.
    /// - Returns: the title (or `nil`) and the body, paragraphs separated by blank lines.
    package static func extract(_ text: String) -> ExtractedArticle {
        let front = FrontMatter(text)
        let source = front.map { String($0.rest) } ?? text
        let pipes = pipeCount(source)
        let tables = pipes <= maximumTableCells
        var renderer = Renderer()
        parse(source, tables: tables) { renderer.render($0) }
        return ExtractedArticle(title: front?.title ?? renderer.title, body: renderer.body, format: .markdown,
                                tableCellsReadAsText: tables ? 0 : pipes)
    }

    /// Most `|` characters a document may hold for its tables to be parsed as tables (about
    /// 20 MB of cmark-gfm's table nodes at 400 bytes a cell). A real article's table has tens
    /// to a few thousand cells; a 2,000-row table of 10 columns has 22,000 `|`.
    package static let maximumTableCells = 50_000

    /// What the service's journal and the commands' standard error say when tables were read as
    /// text: `cells` is ``ExtractedArticle/tableCellsReadAsText``.
    package static func tablesReadAsTextNote(cells: Int) -> String {
        "Markdown with \(cells) '|' (more than \(maximumTableCells)): tables read as plain text, to bound memory"
    }

    /// How many `|` bytes `text` holds (memchr, not a scan of Characters).
    static func pipeCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            guard var p = bytes.baseAddress else { return 0 }
            let end = p + bytes.count
            var count = 0
            while p < end, let hit = memchr(p, 0x7C, end - p) {
                count += 1
                p = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) + 1
            }
            return count
        }
    }

    private static let options = CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8
    private static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    /// cmark-gfm toggles parser-wide special-character tables while a document with extensions
    /// is finished (`cmark_manage_extensions_special_characters`), so parses run one at a time.
    private static let parsing: Mutex<Bool> = {
        cmark_gfm_core_extensions_ensure_registered()
        return Mutex(true)
    }()

    /// Parses `source` and hands the document to `body`, then frees it; without the table
    /// extension unless `tables`.
    private static func parse(_ source: String, tables: Bool, _ body: (OpaquePointer) -> Void) {
        parsing.withLock { _ in
            guard let parser = cmark_parser_new(options) else { return }
            defer { cmark_parser_free(parser) }
            for name in extensionNames where tables || name != "table" {
                if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
            }
            var bytes = Array(source.utf8)
            if bytes.isEmpty { bytes = [0x0A] }
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            }
            guard let document = cmark_parser_finish(parser) else { return }
            defer { cmark_node_free(document) }
            body(document)
        }
    }

    /// Walks one document with cmark's iterator and collects the title and text blocks.
    private struct Renderer {
        var title: String?
        /// How a block joins its neighbours: items of one list, or rows of one table, are
        /// consecutive lines; anything else is a paragraph apart.
        private enum Kind { case paragraph, item, row }
        private var blocks: [(text: String, kind: Kind)] = []
        private var current = ""
        /// Nodes whose whole subtree is left out: the node being skipped, until its exit.
        private var skipping: OpaquePointer?
        /// The heading being read, and whether it will be the title.
        private var headingIsTitle = false
        private var sawText = false
        /// Per open list: its marker style and the number of the next item.
        private var lists: [(ordered: Bool, next: Int)] = []
        private var itemMarker: String?
        /// The cells of the table row being read.
        private var rowCells: [String] = []
        /// What each extension node type is, by its raw value; looked up by name once per type.
        private var extensionKinds: [UInt32: ExtensionKind] = [:]
        private enum ExtensionKind { case row, cell, other }

        var body: String {
            var out = ""
            for (i, block) in blocks.enumerated() {
                if i > 0 { out += block.kind != .paragraph && block.kind == blocks[i - 1].kind ? "\n" : "\n\n" }
                out += block.text
            }
            return out
        }

        mutating func render(_ document: OpaquePointer) {
            guard let iterator = cmark_iter_new(document) else { return }
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { break }
                guard let node = cmark_iter_get_node(iterator) else { continue }
                let entering = event == CMARK_EVENT_ENTER
                if let skipped = skipping {
                    if !entering, skipped == node { skipping = nil }
                    continue
                }
                visit(node, entering: entering)
            }
            finishBlock(.paragraph)
        }

        private mutating func visit(_ node: OpaquePointer, entering: Bool) {
            let type = cmark_node_get_type(node)
            switch type {
            case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_FOOTNOTE_REFERENCE:
                return // leaves: no exit event
            case CMARK_NODE_HTML_INLINE:
                // Tags are dropped; a `<br>` still breaks the line.
                if let literal = cmark_node_get_literal(node), Self.isLineBreakTag(String(cString: literal)) { current += "\n" }
            case CMARK_NODE_IMAGE, CMARK_NODE_FOOTNOTE_DEFINITION:
                if entering { skipping = node }
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(node) { current += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                current += "\n"
            case CMARK_NODE_LIST:
                if entering {
                    lists.append((cmark_node_get_list_type(node) == CMARK_ORDERED_LIST, Int(cmark_node_get_list_start(node))))
                } else {
                    _ = lists.popLast()
                }
            case CMARK_NODE_ITEM:
                if entering, let list = lists.last {
                    itemMarker = list.ordered ? "\(list.next). " : "- "
                    lists[lists.count - 1].next = list.next &+ 1
                } else {
                    itemMarker = nil
                }
            case CMARK_NODE_PARAGRAPH:
                if entering {
                    current = itemMarker ?? ""
                } else {
                    finishBlock(itemMarker != nil ? .item : .paragraph)
                    itemMarker = nil
                }
            case CMARK_NODE_HEADING:
                if entering {
                    current = ""
                    headingIsTitle = title == nil && cmark_node_parent(node).map { cmark_node_get_type($0) == CMARK_NODE_DOCUMENT } == true
                        && (cmark_node_get_heading_level(node) == 1 || !sawText)
                } else if headingIsTitle {
                    let text = Self.cleaned(current)
                    if !text.isEmpty { title = text }
                    current = ""
                    headingIsTitle = false
                    sawText = true
                } else {
                    finishBlock(.paragraph)
                }
            default:
                switch extensionKind(of: node, type: type) {
                case .row:
                    if entering {
                        rowCells = []
                    } else {
                        current = rowCells.joined(separator: ", ")
                        rowCells = []
                        finishBlock(.row)
                    }
                case .cell:
                    if entering {
                        current = ""
                    } else {
                        let cell = Self.cleaned(current)
                        if !cell.isEmpty { rowCells.append(cell) }
                        current = ""
                    }
                case .other:
                    break
                }
            }
        }

        /// A table row (header or body) or cell, by the extension's type name.
        private mutating func extensionKind(of node: OpaquePointer, type: cmark_node_type) -> ExtensionKind {
            if let known = extensionKinds[type.rawValue] { return known }
            let name = cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
            let kind: ExtensionKind = name == "table_row" || name == "table_header" ? .row : name == "table_cell" ? .cell : .other
            extensionKinds[type.rawValue] = kind
            return kind
        }

        /// Ends the block being read: cleaned, and kept when any text is left beyond a list
        /// item's marker.
        private mutating func finishBlock(_ kind: Kind) {
            let text = Self.withoutFootnoteMarkers(current)
            let marker = kind == .item ? (itemMarker ?? "").trimmingSpaces() : ""
            current = ""
            let lines = text.split(separator: "\n").map { Self.cleaned(String($0)) }.filter { !$0.isEmpty }
            guard !lines.isEmpty, !(lines.count == 1 && lines[0] == marker) else { return }
            blocks.append((lines.joined(separator: "\n"), kind))
            sawText = true
        }

        /// `<br>`, `<br/>`, `<br />` in any case.
        static func isLineBreakTag(_ tag: String) -> Bool {
            let lower = tag.lowercased().filter { $0 != " " && $0 != "/" }
            return lower == "<br>"
        }

        /// Runs of white space folded to one space, trimmed.
        static func cleaned(_ text: String) -> String {
            text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        }

        /// `[^label]` (a footnote reference with no definition, which the parser leaves as text)
        /// removed: a label is 1–64 characters without white space or brackets.
        static func withoutFootnoteMarkers(_ text: String) -> String {
            guard text.contains("[^") else { return text }
            var out = ""
            var rest = Substring(text)
            while let open = rest.firstRange(of: "[^") {
                out += rest[..<open.lowerBound]
                let after = rest[open.upperBound...]
                if let close = after.prefix(65).firstIndex(of: "]"), close > after.startIndex,
                   !after[..<close].contains(where: { $0.isWhitespace || $0 == "[" || $0 == "^" }) {
                    rest = after[after.index(after: close)...]
                } else {
                    out += "[^"
                    rest = after
                }
            }
            out += rest
            return out
        }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(scalars[first...last])
    }
}
