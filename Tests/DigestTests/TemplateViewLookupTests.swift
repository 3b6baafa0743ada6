import Foundation
import Mustache
import Testing
@testable import Digest
import Ledger

/// The template views answer Mustache's look-ups without reflection (`MustacheParent`); each
/// answer must be the stored property the `Mirror` look-up found, for every property, and nothing
/// for other names, or a template would silently show another context's value.
@Suite struct TemplateViewLookupTests {
    /// Every labelled child of `view`'s `Mirror` is what `child(named:)` gives, and the view's
    /// type has no other look-up.
    static func check(_ view: some MustacheParent, _ what: String) {
        let mirror = Mirror(reflecting: view)
        #expect(mirror.children.count > 0, "\(what) has no properties")
        for child in mirror.children {
            guard let label = child.label else { continue }
            let answer = view.child(named: label)
            #expect(answer.map { String(describing: $0) } == String(describing: child.value), "\(what).\(label)")
            #expect(answer.map { type(of: $0) == type(of: child.value) } == true, "\(what).\(label) type")
        }
        #expect(view.child(named: "noSuchName") == nil, "\(what)")
        #expect(view.child(named: "") == nil, "\(what)")
    }

    @Test func everyViewAnswersWithItsOwnProperties() throws {
        let articles = IncrementalWriteTests.articles(30)
        let digest = DayDigest(day: "2026-11-29", articles: articles)
        #expect(!digest.topStories.isEmpty)
        let links = HTMLDigest.Links(output: "/srv/digests", feed: true)
        let page = PageView(digest, links: links, latest: .init(count: 3, href: "2026-11-29.html"))
        Self.check(page, "PageView")
        Self.check(PageView(skeletonOf: digest, links: links), "PageView skeleton")
        for story in page.topStories { Self.check(story, "StoryView") }
        for entry in page.singles + page.topStories.flatMap(\.sources) { Self.check(entry, "EntryView") }
        let feed = FeedView(id: "tag:x", title: "t", updated: "u", hasIndex: true, entries: [
            FeedView.Entry(id: "i", title: "t", updated: "u", linkType: "text/html", href: "h", summary: "s", content: "c")])
        Self.check(feed, "FeedView")
        for entry in feed.entries { Self.check(entry, "FeedView.Entry") }
        let index = IndexView(days: [HTMLIndex.Day(day: "2026-11-29", articles: 3), HTMLIndex.Day(day: "2026-11-28", articles: 1)], feed: true)
        Self.check(index, "IndexView")
        for day in index.days { Self.check(day, "IndexView.DayView") }
    }
}
