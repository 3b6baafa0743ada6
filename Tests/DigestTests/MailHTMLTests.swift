import Foundation
import Testing
@testable import Digest
import Ledger

/// The briefing's HTML part: the digest page with its style sheet inlined.
@Suite struct MailHTMLTests {
    static func page() throws -> (String, String) {
        let digest = DayDigest(day: "2026-11-29", articles: EachStoryOnceTests.day)
        let page = try HTMLDigest.render(digest, links: .init(output: "/out", feed: true))
        return (page, MailHTML.inline(page: page))
    }

    @Test func stylesAreInlinedFromTheLightScheme() throws {
        let (page, mail) = try Self.page()
        #expect(page.contains("<style>"))
        #expect(!mail.contains("<style") && !mail.contains("var(--") && !mail.contains("<link"))
        // h2: its own rule with the light accent (#9b2c0e), not the dark one (#f2a47c).
        let h2 = try #require(mail.range(of: "<h2 ").map { String(mail[$0.lowerBound...].prefix { $0 != ">" }) })
        #expect(h2.contains("color:#9b2c0e") && !h2.contains("#f2a47c"))
        // `.sources li` applies to the items of a story's source list only.
        let sourceItems = mail.components(separatedBy: "<li ").dropFirst()
        #expect(!sourceItems.isEmpty)
        #expect(sourceItems.allSatisfy { $0.prefix { $0 != ">" }.contains("border-top:1px solid #dcd8ce") })
        // Later and more specific rules come last, so they win: `.sources .meta{margin:.15rem 0 0}` after `.meta`.
        let item = try #require(sourceItems.first)
        let start = try #require(item.range(of: "<p class=\"meta\""))
        let meta = String(item[start.lowerBound...].prefix { $0 != ">" })
        #expect(meta.hasSuffix("margin:.15rem 0 0;\""))
    }

    @Test func noLinkLeadsOutOfTheMessage() throws {
        let (_, mail) = try Self.page()
        #expect(!mail.contains("href=") && !mail.contains("src="))
        #expect(!mail.contains("All digests"))
        // The source names stay, as text.
        #expect(mail.contains(">library.txt</span>"))
        // Every element opened is closed in order (the rewrite kept the tree).
        #expect(mail.components(separatedBy: "<span").count == mail.components(separatedBy: "</span>").count)
        #expect(mail.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\"") && mail.hasSuffix("</html>\n"))
    }

    @Test func sameInputSameOutput() throws {
        let (page, mail) = try Self.page()
        #expect(MailHTML.inline(page: page) == mail)
    }
}
