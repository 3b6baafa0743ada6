/// What the extraction rules ask of an element's tag name, worked out once per distinct name
/// when the tree is built (``HTMLTreeBuilder`` caches it per name), so that the walks of
/// ``HTMLPage`` test one bit instead of comparing strings or hashing them into sets on every
/// visit. The sets the bits come from stay where the rules are stated
/// (``HTMLNode/blockTags``, ``HTMLPage/boilerplateTags``, ``HTMLPage/structuralTags``,
/// ``HTMLPage/linkClusterTags``).
struct TagTraits: OptionSet, Sendable {
    let rawValue: UInt32

    /// One of ``HTMLNode/blockTags``: a paragraph break before and after.
    static let block = TagTraits(rawValue: 1 << 0)
    /// One of ``HTMLPage/boilerplateTags`` (`nav`, `header`, `footer`, `aside`…).
    static let boilerplate = TagTraits(rawValue: 1 << 1)
    /// One of ``HTMLPage/structuralTags``: class names never make it boilerplate.
    static let structural = TagTraits(rawValue: 1 << 2)
    /// One of ``HTMLPage/linkClusterTags``: may be judged a block of related links.
    static let linkCluster = TagTraits(rawValue: 1 << 3)
    /// A tag whose own text votes for its ancestors (``HTMLPage``'s scored blocks).
    static let scored = TagTraits(rawValue: 1 << 4)
    /// `p`, `pre`, `blockquote`: a scored block that votes for its ancestors only, not itself.
    static let votesUp = TagTraits(rawValue: 1 << 5)
    static let paragraph = TagTraits(rawValue: 1 << 6)   // p
    static let link = TagTraits(rawValue: 1 << 7)        // a
    static let lineBreak = TagTraits(rawValue: 1 << 8)   // br
    static let cell = TagTraits(rawValue: 1 << 9)        // td, th
    static let title = TagTraits(rawValue: 1 << 10)      // title
    static let heading1 = TagTraits(rawValue: 1 << 11)   // h1
    static let body = TagTraits(rawValue: 1 << 12)       // body
    static let html = TagTraits(rawValue: 1 << 13)       // html
    static let list = TagTraits(rawValue: 1 << 14)       // ul, ol
    static let head = TagTraits(rawValue: 1 << 15)       // head
    static let document = TagTraits(rawValue: 1 << 16)   // #document
    static let header = TagTraits(rawValue: 1 << 17)     // header
    /// A text node (empty tag name).
    static let text = TagTraits(rawValue: 1 << 18)
}

extension TagTraits {
    /// The traits of the lower-case tag name `tag` (`""` for a text node, `#document` for the root).
    init(tag: String) {
        var traits: TagTraits = []
        if tag.isEmpty { traits.insert(.text) }
        if HTMLNode.blockTags.contains(tag) { traits.insert(.block) }
        if HTMLPage.boilerplateTags.contains(tag) { traits.insert(.boilerplate) }
        if HTMLPage.structuralTags.contains(tag) { traits.insert(.structural) }
        if HTMLPage.linkClusterTags.contains(tag) { traits.insert(.linkCluster) }
        switch tag {
        case "p": traits.formUnion([.paragraph, .scored, .votesUp])
        case "pre", "blockquote": traits.formUnion([.scored, .votesUp])
        case "td": traits.formUnion([.cell, .scored])
        case "th": traits.insert(.cell)
        case "div", "section", "article", "center", "dd", "main": traits.insert(.scored)
        case "a": traits.insert(.link)
        case "br": traits.insert(.lineBreak)
        case "title": traits.insert(.title)
        case "h1": traits.insert(.heading1)
        case "body": traits.insert(.body)
        case "html": traits.insert(.html)
        case "ul", "ol": traits.insert(.list)
        case "head": traits.insert(.head)
        case "#document": traits.insert(.document)
        case "header": traits.insert(.header)
        default: break
        }
        self = traits
    }
}
