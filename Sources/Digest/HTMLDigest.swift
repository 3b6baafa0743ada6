import Ledger

/// Renders one day's digest as an HTML5 page (`YYYY-MM-DD.html`) from the Mustache templates in
/// ``HTMLTemplates``.
///
/// The page is self-contained: one inline style sheet (responsive column, light and dark schemes
/// through `prefers-color-scheme`, a print layout), no scripts, no external resources. Top
/// stories come first, each with its multi-document summary and its sources; the other articles
/// follow in arrival order. All article text goes through ``MarkupEscaping``; each piece sits in a
/// `dir="auto"` element so right-to-left text and stray bidi controls stay inside it. Source links
/// are relative to the digest folder and percent-encoded.
package enum HTMLDigest {
    /// Options that change what a page links to.
    package struct Links: Sendable, Equatable {
        /// The digest folder, the base of the relative links to source files.
        package var output: String
        /// Whether `feed.atom` is written (the page then advertises it).
        package var feed: Bool

        package init(output: String, feed: Bool) {
            self.output = output
            self.feed = feed
        }
    }

    /// A body that shows only the latest articles in no top story and the top stories with the
    /// latest reports (the Atom feed's day entry).
    package struct Latest: Sendable, Equatable {
        /// Articles in no top story shown, the latest by arrival; at least 1.
        package var count: Int
        /// Top stories shown: those whose latest member arrived latest, in the page's order; at
        /// least 1.
        package var stories: Int
        /// The day's page (or Markdown file), relative to the digest folder, that lists them all.
        package var href: String

        package init(count: Int, stories: Int = AtomFeed.latestStories, href: String) {
            self.count = max(1, count)
            self.stories = max(1, stories)
            self.href = href
        }
    }

    /// The HTML page of `digest`.
    /// - Throws: ``DigestTemplateError`` only when this build's templates are broken.
    package static func render(_ digest: DayDigest, links: Links) throws(DigestTemplateError) -> String {
        try assemble(digest, links: links, template: "page",
                     story: { s, out throws(DigestTemplateError) in out += try story(s, of: digest, output: links.output) },
                     entry: { i, out throws(DigestTemplateError) in out += try entry(digest.articles[i], index: i, output: links.output) })
    }

    /// The page's content without the document around it, as used in Atom entries; with
    /// `latest`, only the latest `count` of the articles in no top story, after a line that links
    /// to the day's page (`href`) for all of them (``AtomFeed``).
    static func fragment(_ digest: DayDigest, links: Links, latest: Latest? = nil) throws(DigestTemplateError) -> String {
        try assemble(digest, links: links, template: "body", latest: latest,
                     story: { s, out throws(DigestTemplateError) in out += try story(s, of: digest, output: links.output) },
                     entry: { i, out throws(DigestTemplateError) in out += try entry(digest.articles[i], index: i, output: links.output) })
    }

    /// The `entry` template for the article at `index` of its day (its anchor is `a<index + 1>`).
    static func entry(_ article: ArticleRecord, index: Int, output: String) throws(DigestTemplateError) -> String {
        try DigestTemplates.render(EntryView(article, index: index, output: output), template: "entry")
    }

    /// The `entry` template for `article` cut around the value of its anchor (`a<index + 1>`, the
    /// template's first value): a piece that does not depend on the article's place in its day.
    static func entryPieces(_ article: ArticleRecord, output: String) throws(DigestTemplateError) -> (head: String, tail: String) {
        let mark = "\u{E000}digestd-anchor\u{E000}"
        let text = try DigestTemplates.render(EntryView(article, anchor: mark, output: output), template: "entry")
        guard let cut = text.range(of: mark) else { throw DigestTemplateError(template: "entry", detail: "anchor marker not found") }
        return (String(text[..<cut.lowerBound]), String(text[cut.upperBound...]))
    }

    /// The `story` template for top story `s` of `digest`.
    static func story(_ s: Int, of digest: DayDigest, output: String) throws(DigestTemplateError) -> String {
        let story = digest.topStories[s]
        let view = StoryView(anchor: "s\(s + 1)", headline: story.headline, summary: story.summary,
                             sourceCount: story.members.count,
                             sources: story.members.map { EntryView(digest.articles[$0], index: $0, output: output) })
        return try DigestTemplates.render(view, template: "story")
    }

    /// The `story` template for top story `s` of `digest` cut around the value of its anchor
    /// (`s<s + 1>`, the template's first value): pieces that do not depend on the story's place
    /// in the list.
    static func storyPieces(_ s: Int, of digest: DayDigest, output: String) throws(DigestTemplateError) -> (head: String, tail: String) {
        let mark = "\u{E000}digestd-anchor\u{E000}"
        let story = digest.topStories[s]
        let view = StoryView(anchor: mark, headline: story.headline, summary: story.summary,
                             sourceCount: story.members.count,
                             sources: story.members.map { EntryView(digest.articles[$0], index: $0, output: output) })
        let text = try DigestTemplates.render(view, template: "story")
        guard let cut = text.range(of: mark) else { throw DigestTemplateError(template: "story", detail: "anchor marker not found") }
        return (String(text[..<cut.lowerBound]), String(text[cut.upperBound...]))
    }

    /// `template` (`page` or `body`) of `digest`, built from its pieces: the template rendered
    /// with both sections present but empty (the skeleton: no article text, only the day, its
    /// date and counts), with the `story` template of each top story and the `entry` template
    /// of each other article spliced in where the sections' loops would have put them. A partial
    /// inside a loop sees its item first, and every name the `story` and `entry` templates use is
    /// the item's, so each piece is what the loop renders; `story` and `entry` may so come from a
    /// memo (``DayCopy``), and a write of a grown day renders only its new entries.
    /// `HTMLAssemblyTests` checks the result against the whole template rendered at once.
    ///
    /// With `escaped`, the result is the page escaped once more (``MarkupEscaping/escape(_:)``, as
    /// the Atom feed carries it): the skeleton's parts are escaped here, and `story` and `entry`
    /// must give their pieces escaped. Escaping maps each scalar on its own, so the escaped
    /// pieces spliced are the escaped whole.
    static func assemble(_ digest: DayDigest, links: Links, template: String, escaped: Bool = false, latest: Latest? = nil,
                         story: (Int, inout String) throws(DigestTemplateError) -> Void,
                         entry: (Int, inout String) throws(DigestTemplateError) -> Void) throws(DigestTemplateError) -> String {
        var out = ""
        try assemble(digest, links: links, template: template, escaped: escaped, latest: latest, into: &out, story: story, entry: entry)
        return out
    }

    /// ``assemble(_:links:template:escaped:latest:story:entry:)`` into `out` (a ``FileOutput``
    /// streams the page into its file, piece by piece).
    static func assemble<Out: TextSink>(_ digest: DayDigest, links: Links, template: String, escaped: Bool = false,
                                        latest: Latest? = nil, into out: inout Out,
                                        story: (Int, inout Out) throws(DigestTemplateError) -> Void,
                                        entry: (Int, inout Out) throws(DigestTemplateError) -> Void) throws(DigestTemplateError) {
        let skeleton = try DigestTemplates.render(PageView(skeletonOf: digest, links: links, latest: latest), template: template)
        // The ends of the sections, in order: top stories first, then the other articles.
        var cut = skeleton.startIndex
        var searchFrom = skeleton.startIndex
        func closeSection() throws(DigestTemplateError) {
            guard let end = skeleton.range(of: "</section>", range: searchFrom..<skeleton.endIndex) else {
                throw DigestTemplateError(template: template, detail: "no </section> to fill")
            }
            if escaped { out.write(MarkupEscaping.escape(String(skeleton[cut..<end.lowerBound]))) } else { out.write(skeleton[cut..<end.lowerBound]) }
            cut = end.lowerBound
            searchFrom = end.upperBound
        }
        if !digest.topStories.isEmpty {
            try closeSection()
            for s in shownStories(digest, latest: latest) { try story(s, &out) }
        }
        if !digest.singles.isEmpty {
            try closeSection()
            for i in shownSingles(digest, latest: latest) { try entry(i, &out) }
        }
        if escaped { out.write(MarkupEscaping.escape(String(skeleton[cut...]))) } else { out.write(skeleton[cut...]) }
    }

    /// The articles in no top story that a body shows: all, or the latest `latest.count`.
    static func shownSingles(_ digest: DayDigest, latest: Latest?) -> ArraySlice<Int> {
        guard let latest else { return digest.singles[...] }
        return digest.singles.suffix(latest.count)
    }

    /// The top stories (indices in ``DayDigest/topStories``, ascending) that a body shows: all,
    /// or the `latest.stories` whose latest member arrived latest. Articles are in arrival order
    /// and each is in one story at most, so a story's last member index orders the stories
    /// without ties, and the story the newest arrival joined is always shown.
    static func shownStories(_ digest: DayDigest, latest: Latest?) -> [Int] {
        let stories = digest.topStories
        guard let latest, stories.count > latest.stories else { return Array(stories.indices) }
        let byLatest = stories.indices.sorted { (stories[$0].members.last ?? -1) > (stories[$1].members.last ?? -1) }
        return byLatest.prefix(latest.stories).sorted()
    }
}

/// What the `meta` and `entry` templates show of one article. Read by Mustache through `Mirror`.
struct EntryView {
    let anchor: String
    let lang: String
    let title: String
    let sentences: [String]
    let source: String
    let href: String
    let words: String
    let reading: String
    let time: String
    let datetime: String
    let hasKeywords: Bool
    let keywords: String

    init(_ a: ArticleRecord, index: Int, output: String) {
        self.init(a, anchor: "a\(index + 1)", output: output)
    }

    init(_ a: ArticleRecord, anchor: String, output: String) {
        self.anchor = anchor
        lang = ArticleFacts.languageTag(a.language)
        title = a.title
        sentences = a.sentences
        source = ArticleFacts.sourceName(a)
        href = ArticleFacts.relativeURL(from: output, to: a.path)
        words = a.wordCount == 1 ? "1 word" : "\(a.wordCount) words"
        reading = "\(ArticleFacts.readingMinutes(a)) min read"
        time = ArticleFacts.localTime(a)
        datetime = ArticleFacts.timestamp(a)
        hasKeywords = !a.keywords.isEmpty
        keywords = a.keywords.joined(separator: ", ")
    }
}

/// What the `story` template shows of a top story.
struct StoryView {
    let anchor: String
    let headline: String
    let summary: [String]
    let sourceCount: Int
    let sources: [EntryView]
}

/// What the `page` and `body` templates show of a day.
struct PageView {
    let day: String
    let longDate: String
    let countLine: String
    let hasFeed: Bool
    let hasTopStories: Bool
    let topStories: [StoryView]
    let hasSingles: Bool
    let singlesHeading: String
    /// Whether only the top stories with the latest reports are shown (``HTMLDigest/Latest``).
    let hasOmittedStories: Bool
    /// "The 20 with the latest reports of 1,000", when ``hasOmittedStories``.
    let storiesLine: String
    /// Whether only the latest of the articles in no top story are shown (``HTMLDigest/Latest``).
    let hasOmitted: Bool
    /// "The latest 50 of 9,950", when ``hasOmitted``.
    let shownLine: String
    /// The page that lists them all, when ``hasOmitted``.
    let pageHref: String
    let singles: [EntryView]

    init(_ digest: DayDigest, links: HTMLDigest.Links, latest: HTMLDigest.Latest? = nil) {
        self.init(digest, links: links, latest: latest, skeleton: false)
    }

    /// The view of ``HTMLDigest/assemble(_:links:template:escaped:latest:story:entry:)``'s
    /// skeleton: the sections of `digest` present, their loops empty.
    init(skeletonOf digest: DayDigest, links: HTMLDigest.Links, latest: HTMLDigest.Latest? = nil) {
        self.init(digest, links: links, latest: latest, skeleton: true)
    }

    private init(_ digest: DayDigest, links: HTMLDigest.Links, latest: HTMLDigest.Latest?, skeleton: Bool) {
        day = digest.day
        longDate = digest.longDate
        let n = digest.articles.count
        var line = n == 1 ? "1 article" : "\(n) articles"
        if !digest.topStories.isEmpty {
            line += digest.topStories.count == 1 ? " · 1 top story" : " · \(digest.topStories.count) top stories"
        }
        countLine = line
        hasFeed = links.feed
        let entries = skeleton ? [] : digest.articles.enumerated().map { EntryView($1, index: $0, output: links.output) }
        let shownStories = HTMLDigest.shownStories(digest, latest: latest)
        topStories = skeleton ? [] : shownStories.map { s in
            let story = digest.topStories[s]
            return StoryView(anchor: "s\(s + 1)", headline: story.headline, summary: story.summary,
                             sourceCount: story.members.count, sources: story.members.map { entries[$0] })
        }
        hasTopStories = !digest.topStories.isEmpty
        hasOmittedStories = shownStories.count < digest.topStories.count
        storiesLine = "The \(shownStories.count) with the latest reports of \(digest.topStories.count)"
        let shown = HTMLDigest.shownSingles(digest, latest: latest)
        singles = skeleton ? [] : shown.map { entries[$0] }
        hasSingles = !digest.singles.isEmpty
        singlesHeading = hasTopStories ? "More stories" : "Stories"
        hasOmitted = shown.count < digest.singles.count
        shownLine = "The latest \(shown.count) of \(digest.singles.count)"
        pageHref = latest?.href ?? ""
    }
}
