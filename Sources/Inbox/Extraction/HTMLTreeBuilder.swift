import CLibXML2

/// Builds ``HTMLNode``s straight from libxml2's HTML parser events (its SAX interface), keeping
/// only what ``HTMLExtractor`` reads; libxml2 builds no document of its own.
///
/// The tree is the one libxml2's own tree builder (`SAX2.c`, `xmlSAX2StartElement` and friends)
/// would make, less what the extractor drops:
/// - An element goes under the element that is open; one that starts when none is open goes to
///   the document when the document is still empty, else under the document's first node when
///   that is an element, else beside it (a DOCTYPE is always the document's first node).
/// - Text joins the text right before it in the same element; any other node in between (an
///   element, also a dropped one, a comment) starts a new text node. Text outside every
///   element is lost, as in libxml2.
/// - Left out with everything inside them: scripts, styles, media, form controls and other
///   ``droppedTags``, everything in `<head>` but `<title>` and `<meta>`, and each `<meta>`
///   (whose `og:title` / `og:site_name` go to ``meta``). `<title>` keeps only its own text.
///
/// libxml2's tree builder stops the whole parse at 256 nested elements (`xmlParserMaxDepth`),
/// losing the rest of the page; here elements deeper than ``maxDepth`` are flattened into the
/// element at that depth instead, so their text is kept and the tree's depth stays bounded for
/// the recursive walks of ``HTMLPage``.
///
/// Element and attribute names arrive lower-case (libxml2 folds them) and as pointers into the
/// parser's name dictionary or to constant strings, which stay put for the whole parse: each
/// distinct name is turned into a Swift string once.
final class HTMLTreeBuilder {
    /// The document node; its children are the page's top-level elements.
    let root = HTMLNode(tag: "#document")
    /// The page's `<meta>` titles and its class-name judgements.
    var meta = PageMeta()

    /// Nesting depth past which elements are flattened into their ancestor at this depth.
    static let maxDepth = 256

    static let droppedTags: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
        "video", "audio", "picture", "img", "button", "select", "option", "input", "textarea", "label",
        "link", "meta", "map", "dialog", "source", "track", "base",
    ]

    private struct Tag {
        enum Kind { case element, meta, dropped, title, head }
        let name: String
        let kind: Kind
        let traits: TagTraits
    }

    private enum Attribute { case classOrID, role, itemprop, hidden, ariaHidden, style, property, name, content, other }

    /// One open element of libxml2's stack.
    private struct Frame {
        /// Where its content goes; `nil` while a left-out subtree is read.
        let node: HTMLNode?
        /// Whether its children are inside `<head>` (and left out unless `<title>`).
        let childrenInHead: Bool
        /// Depth of `node` below the document.
        let depth: Int
        /// Whether this element was flattened into `node`, an ancestor.
        let flattened: Bool
        let isTitle: Bool
    }

    private enum DocumentStart { case empty, element(HTMLNode), leftOut, other }

    private var frames: [Frame] = []
    private var documentStart = DocumentStart.empty
    private var tags = PointerTable<Tag>()
    private var attributes = PointerTable<Attribute>()

    init() {
        frames.reserveCapacity(64)
    }

    // MARK: events

    func startElement(_ namePointer: UnsafePointer<xmlChar>, _ attributeList: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let tag = tagInfo(namePointer)
        let parent: HTMLNode?
        let inHead: Bool
        let depth: Int
        if let top = frames.last {
            guard let node = top.node else {
                frames.append(Frame(node: nil, childrenInHead: false, depth: top.depth, flattened: false, isTitle: false))
                return
            }
            node.lastRun = .none
            parent = node
            inHead = top.childrenInHead
            depth = top.depth + 1
        } else {
            switch documentStart {
            case .empty:
                documentStart = tag.kind == .element || tag.kind == .title || tag.kind == .head ? .empty : .leftOut
                parent = root
            case .element(let first):
                first.lastRun = .none
                parent = first
            case .leftOut:
                parent = nil
            case .other:
                parent = root
            }
            inHead = parent !== root && parent?.traits.contains(.head) == true
            depth = parent === root ? 1 : 2
        }
        guard let parent else {
            frames.append(Frame(node: nil, childrenInHead: false, depth: depth, flattened: false, isTitle: false))
            return
        }
        switch tag.kind {
        case .meta:
            recordMeta(attributeList)
            frames.append(Frame(node: nil, childrenInHead: false, depth: depth, flattened: false, isTitle: false))
            return
        case .dropped:
            frames.append(Frame(node: nil, childrenInHead: false, depth: depth, flattened: false, isTitle: false))
            return
        case .element, .head, .title:
            if inHead && tag.kind != .title {
                frames.append(Frame(node: nil, childrenInHead: false, depth: depth, flattened: false, isTitle: false))
                return
            }
        }
        let childrenInHead = tag.kind == .head || (inHead && tag.kind != .title)
        if depth > Self.maxDepth {
            frames.append(Frame(node: parent, childrenInHead: childrenInHead, depth: depth - 1, flattened: true, isTitle: false))
            return
        }
        let element = HTMLNode(tag: tag.name, traits: tag.traits)
        if let attributeList { read(attributeList, into: element) }
        parent.children.append(element)
        if parent === root, case .empty = documentStart { documentStart = .element(element) }
        frames.append(Frame(node: element, childrenInHead: childrenInHead, depth: depth, flattened: false, isTitle: tag.kind == .title))
    }

    func endElement() {
        guard let frame = frames.popLast() else { return }
        if frame.isTitle, let node = frame.node {
            // <title> holds raw text; keep it apart from the body tree.
            node.children = node.children.filter(\.isText)
        }
    }

    func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int32, cdata: Bool = false) {
        guard let top = frames.last, let node = top.node, !top.childrenInHead, count > 0 else { return }
        let text = String(decoding: UnsafeBufferPointer(start: bytes, count: Int(count)), as: UTF8.self)
        let run: HTMLNode.Run = cdata ? .cdata : .text
        if node.lastRun == run, let last = node.children.last {
            last.text += text
        } else {
            node.children.append(HTMLNode(text: text))
            node.lastRun = run
        }
    }

    /// A comment or processing instruction: no text of its own, but it parts the text around
    /// it, and outside every element it is a node of the document.
    func otherNode() {
        if let top = frames.last {
            top.node?.lastRun = .none
        } else if case .empty = documentStart {
            documentStart = .other
        }
    }

    /// A DOCTYPE: libxml2 puts it first in the document, wherever it stands in the page.
    func doctype() {
        documentStart = .other
    }

    // MARK: names and attributes

    private func tagInfo(_ pointer: UnsafePointer<xmlChar>) -> Tag {
        if let known = tags.value(for: pointer) { return known }
        let name = String(cString: pointer)
        let kind: Tag.Kind
        switch name {
        case "meta": kind = .meta
        case "title": kind = .title
        case "head": kind = .head
        default: kind = Self.droppedTags.contains(name) ? .dropped : .element
        }
        let tag = Tag(name: name, kind: kind, traits: TagTraits(tag: name))
        tags.insert(tag, for: pointer)
        return tag
    }

    private func attributeKind(_ pointer: UnsafePointer<xmlChar>) -> Attribute {
        if let known = attributes.value(for: pointer) { return known }
        let kind: Attribute
        switch String(cString: pointer) {
        case "class", "id": kind = .classOrID
        case "role": kind = .role
        case "itemprop": kind = .itemprop
        case "hidden": kind = .hidden
        case "aria-hidden": kind = .ariaHidden
        case "style": kind = .style
        case "property": kind = .property
        case "name": kind = .name
        case "content": kind = .content
        default: kind = .other
        }
        attributes.insert(kind, for: pointer)
        return kind
    }

    private func read(_ list: UnsafeMutablePointer<UnsafePointer<xmlChar>?>, into element: HTMLNode) {
        // The flags of one class/id value come judged whole; those of two or more are judged
        // on their words together (a container word in one and a body word in the next).
        var words: [BoilerplateNames.WordFlags] = []
        var names: BoilerplateNames.Flags = []
        var values = 0
        var i = 0
        while let name = list[i] {
            let value = list[i + 1]
            i += 2
            switch attributeKind(name) {
            case .classOrID:
                if let value {
                    let judged = meta.judge(value: value)
                    element.nameText = element.nameText.isEmpty ? judged.text : element.nameText + " " + judged.text
                    values += 1
                    if values == 1 {
                        names = judged.flags
                        words = judged.words
                    } else {
                        words += judged.words
                    }
                }
            case .role:
                element.role = value.map { String(cString: $0).lowercased() } ?? ""
            case .itemprop:
                element.itemprop = value.map { String(cString: $0).lowercased() } ?? ""
            case .hidden:
                element.hidden = true
            case .ariaHidden:
                if let value, String(cString: value).lowercased() == "true" { element.hidden = true }
            case .style:
                if let value, HTMLNode.styleHides(String(cString: value)) { element.hidden = true }
            case .property, .name, .content, .other:
                break
            }
        }
        if values == 1 {
            element.names = names
        } else if !words.isEmpty {
            element.names = BoilerplateNames.flags(words)
        }
    }

    /// `<meta property|name=… content=…>`: the first `property` (else `name`) and `content`.
    private func recordMeta(_ list: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard let list else { return }
        var property: String?, name: String?, content: String?
        var i = 0
        while let attribute = list[i] {
            let value = list[i + 1].map { String(cString: $0) } ?? ""
            i += 2
            switch attributeKind(attribute) {
            case .property: if property == nil { property = value }
            case .name: if name == nil { name = value }
            case .content: if content == nil { content = value }
            default: break
            }
        }
        if let key = (property ?? name)?.lowercased(), let content { meta.record(key, content) }
    }
}

extension HTMLTreeBuilder {
    /// libxml2 event handlers that pass each event to the builder in the parser's `_private`.
    static func handler() -> htmlSAXHandler {
        var sax = htmlSAXHandler()
        sax.initialized = 1 // a SAX1-style handler, as libxml2's own HTML handler
        sax.startElement = { context, name, attributes in
            guard let name else { return }
            HTMLTreeBuilder.builder(context)?.startElement(name, attributes)
        }
        sax.endElement = { context, _ in HTMLTreeBuilder.builder(context)?.endElement() }
        sax.characters = { context, bytes, count in
            guard let bytes else { return }
            HTMLTreeBuilder.builder(context)?.characters(bytes, count)
        }
        sax.cdataBlock = { context, bytes, count in
            guard let bytes else { return }
            HTMLTreeBuilder.builder(context)?.characters(bytes, count, cdata: true)
        }
        sax.comment = { context, _ in HTMLTreeBuilder.builder(context)?.otherNode() }
        sax.processingInstruction = { context, _, _ in HTMLTreeBuilder.builder(context)?.otherNode() }
        sax.internalSubset = { context, _, _, _ in HTMLTreeBuilder.builder(context)?.doctype() }
        return sax
    }

    /// The builder a handler was called for: `context` is the parser context, whose `_private`
    /// holds the builder.
    fileprivate static func builder(_ context: UnsafeMutableRawPointer?) -> HTMLTreeBuilder? {
        guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self), let builder = parser.pointee._private else { return nil }
        return Unmanaged<HTMLTreeBuilder>.fromOpaque(builder).takeUnretainedValue()
    }
}
