import Foundation
import Testing
@testable import Digest
import Ledger

/// A write of a grown day splices kept pieces (``DayCopy``, the HTML and feed assembly, the
/// fast escaping) instead of rendering the day whole. These tests hold the pieces to what
/// rendering whole gives: the same bytes, whatever the order and grouping of the writes.
@Suite struct IncrementalWriteTests {
    /// A day of `count` articles in which some tell the same story as an earlier one (same words
    /// in title and sentences, so ``TopStories`` groups them), some carry markup and bidi
    /// controls, and arrivals are one minute apart.
    static func articles(_ count: Int, day: String = "2026-11-29", start: Int64 = 1_764_374_400_000) -> [ArticleRecord] {
        let words = ["harbour", "ferry", "council", "budget", "storm", "rail", "strike", "museum", "bridge", "school",
                     "vaccine", "election", "river", "flood", "market", "airport", "festival", "hospital", "court", "tariff"]
        var state: UInt64 = 15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var result: [ArticleRecord] = []
        for k in 0..<count {
            let story: (title: String, sentences: [String])
            if k > 2, next(4) == 0 {
                // Another report of an earlier story: its title and sentences, one sentence new.
                let earlier = result[next(result.count)]
                story = (earlier.title, earlier.sentences + ["Officials added \(k) details."])
            } else {
                let a = words[next(words.count)], b = words[next(words.count)], c = words[next(words.count)]
                var title = "\(a.capitalized) \(b) \(c) report \(k)"
                if k % 7 == 3 { title += " <b>&</b> \u{202E}txt.exe" }
                story = (title, ["The \(a) \(b) met on day \(k).", "A \(c) * [link](javascript:x) followed.", "# Residents of \(k) said \"enough\"."])
            }
            result.append(ArticleRecord(
                path: "/srv/inbox/article-\(k).txt", sha256: hex(k + 1), size: 1000 + k,
                arrivedAt: start + Int64(k) * 60_000, utcOffset: 3600, day: day, title: story.title, sentences: story.sentences,
                keywords: k % 5 == 0 ? [] : [words[k % words.count], "k\(k)"], wordCount: 200 + k, sentenceCount: 9,
                language: "english"))
        }
        return result
    }

    static func hex(_ n: Int) -> String {
        let digits = String(n, radix: 16)
        return String(repeating: "0", count: 64 - digits.count) + digits
    }

    /// The first line where two files differ, for a failure message.
    static func firstDifference(_ a: Data, _ b: Data?) -> String {
        let x = String(decoding: a, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let y = String(decoding: b ?? Data(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for (n, (l, r)) in zip(x, y).enumerated() where l != r { return "line \(n + 1): \(l.prefix(300)) | expected \(r.prefix(300))" }
        return x.count == y.count ? "same lines" : "\(x.count) lines, expected \(y.count)"
    }

    static let formats: [DigestFormat] = [.markdown, .html, .json, .atom]

    struct Folder {
        let path: String
        init() throws {
            path = NSTemporaryDirectory() + "digestd-incremental-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            try FileManager.default.createDirectory(atPath: path + "/out", withIntermediateDirectories: true)
        }
        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Every file of the digest folder, by name.
    static func files(_ folder: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            result[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        }
        return result
    }

    @Test func oneByOneWritesGiveTheFilesOfOneWriteOfEverything() throws {
        // Two days, so the feed splices a day it did not write.
        let earlier = Self.articles(25, day: "2026-11-28", start: 1_764_288_000_000)
        let day = Self.articles(60)
        let a = try Folder(), b = try Folder(), c = try Folder()
        defer { a.remove(); b.remove(); c.remove() }

        // All at once: every article recorded, then one write.
        let ledgerA = try Ledger(path: a.path + "/digestd.sqlite")
        for article in earlier + day { _ = try ledgerA.record(article, mtimeNanoseconds: 0) }
        // The feed shows the latest 20 articles of a day: fewer than the day has, so that its
        // cut moves with every arrival.
        try DigestWriter(output: a.path + "/out", ledger: ledgerA, formats: Self.formats, feedArticles: 20).writeDirtyDays()

        // One by one: a write after every article, one long-lived writer, as the service.
        let ledgerB = try Ledger(path: b.path + "/digestd.sqlite")
        let writerB = DigestWriter(output: b.path + "/out", ledger: ledgerB, formats: Self.formats, feedArticles: 20)
        for article in earlier + day {
            _ = try ledgerB.record(article, mtimeNanoseconds: 0)
            try writerB.writeDirtyDays()
        }
        // Coalesced unevenly: writes after 1, 2, 3, … articles; what the writer keeps is
        // dropped after every fourth write (an idle service's trim).
        let ledgerC = try Ledger(path: c.path + "/digestd.sqlite")
        let writerC = DigestWriter(output: c.path + "/out", ledger: ledgerC, formats: Self.formats, feedArticles: 20)
        var pending = 0, batch = 1
        for article in earlier + day {
            _ = try ledgerC.record(article, mtimeNanoseconds: 0)
            pending += 1
            if pending == batch {
                try writerC.writeDirtyDays()
                if batch % 4 == 0 { writerC.releaseMemory() }
                pending = 0
                batch += 1
            }
        }
        try writerC.writeDirtyDays()

        let filesA = try Self.files(a.path + "/out")
        #expect(Set(filesA.keys) == ["2026-11-28.md", "2026-11-28.html", "2026-11-28.json", "2026-11-29.md", "2026-11-29.html",
                                     "2026-11-29.json", "index.html", "feed.atom"])
        let digest = DayDigest(day: "2026-11-29", articles: try ledgerA.articles(day: "2026-11-29"))
        #expect(!digest.topStories.isEmpty, "the day must have top stories to test them")
        // The feed's ids name the digest folder, which differs; everything else must be equal.
        func same(_ folder: Folder) throws -> [String: Data] {
            try Self.files(folder.path + "/out").mapValues {
                Data(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: folder.path, with: a.path).utf8)
            }
        }
        for (name, bytes) in try same(b) {
            #expect(bytes == filesA[name], "one by one: \(name): \(Self.firstDifference(bytes, filesA[name]))")
        }
        for (name, bytes) in try same(c) {
            #expect(bytes == filesA[name], "coalesced: \(name): \(Self.firstDifference(bytes, filesA[name]))")
        }
        #expect(try Self.files(b.path + "/out").count == filesA.count)
    }

    @Test func filesEqualTheRenderersOutputAfterReplacementsRemovalsAndEarlyArrivals() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.path + "/digestd.sqlite")
        let writer = DigestWriter(output: folder.path + "/out", ledger: ledger, formats: Self.formats, feedArticles: 7)
        var articles = Self.articles(30)
        func check(_ moment: String) throws {
            try writer.writeDirtyDays()
            let records = try ledger.articles(day: "2026-11-29")
            let digest = DayDigest(day: "2026-11-29", articles: records)
            let out = folder.path + "/out"
            #expect(try String(contentsOfFile: out + "/2026-11-29.md", encoding: .utf8) == MarkdownDigest.render(digest), "\(moment): md")
            #expect(try String(contentsOfFile: out + "/2026-11-29.html", encoding: .utf8)
                    == Reference.page(digest, links: .init(output: out, feed: true)), "\(moment): html")
            #expect(try String(contentsOfFile: out + "/2026-11-29.json", encoding: .utf8) == JSONDigest.render(digest), "\(moment): json")
            #expect(try String(contentsOfFile: out + "/feed.atom", encoding: .utf8)
                    == Reference.feed(days: [digest], output: out, html: true, latest: 7), "\(moment): atom")
        }
        for article in articles.prefix(20) { _ = try ledger.record(article, mtimeNanoseconds: 0); try check("grown to \(article.path)") }
        // An earlier article's file changes: its row keeps its place with the new content.
        articles[4].sha256 = String(repeating: "e", count: 64)
        articles[4].title = "A new title for the fifth"
        articles[4].sentences = ["Rewritten."]
        _ = try ledger.record(articles[4], mtimeNanoseconds: 1)
        try check("replaced")
        // An article's file now holds the bytes of another: its own entry goes.
        var twin = articles[7]
        twin.sha256 = articles[2].sha256
        _ = try ledger.record(twin, mtimeNanoseconds: 2)
        try check("removed")
        // Files found at start-up arrive with their modification time, earlier in the day.
        for k in 20..<30 {
            var early = articles[k]
            early.arrivedAt = articles[k % 5].arrivedAt + 1
            _ = try ledger.record(early, mtimeNanoseconds: 0)
            try check("early arrival \(k)")
        }
        // A quarantined article leaves its day.
        let quarantined = try #require(try ledger.articles(day: "2026-11-29").last)
        try ledger.quarantine(quarantined, reason: "test", failedAt: 0, step: "entry:" + quarantined.path)
        try check("quarantined")
    }

    @Test func assembledPagesAndFeedEqualTheWholeTemplates() throws {
        for n in [0, 1, 2, 5, 17, 40] {
            let digest = DayDigest(day: "2026-11-29", articles: Self.articles(n))
            for links in [HTMLDigest.Links(output: "/srv/digests", feed: true), .init(output: "rel/out", feed: false)] {
                #expect(try HTMLDigest.render(digest, links: links) == Reference.page(digest, links: links), "page of \(n)")
                #expect(try HTMLDigest.fragment(digest, links: links) == Reference.body(digest, links: links), "body of \(n)")
                let latest = HTMLDigest.Latest(count: n / 3 + 1, href: "2026-11-29.html")
                #expect(try HTMLDigest.fragment(digest, links: links, latest: latest) == Reference.body(digest, links: links, latest: latest),
                        "body of the latest \(latest.count) of \(n)")
            }
            #expect(JSONDigest.assemble(digest) { JSONDigest.articlePiece(digest.articles[$0], topStory: $1) } == JSONDigest.render(digest),
                    "json of \(n)")
            let other = DayDigest(day: "2026-11-28", articles: Self.articles(n / 2, day: "2026-11-28", start: 1_764_288_000_000))
            for html in [true, false] {
                #expect(try AtomFeed.render(days: [other, digest], output: "/srv/digests", html: html)
                        == Reference.feed(days: [other, digest], output: "/srv/digests", html: html), "feed of \(n)")
                #expect(try AtomFeed.render(days: [other, digest], output: "/srv/digests", html: html, latest: 4)
                        == Reference.feed(days: [other, digest], output: "/srv/digests", html: html, latest: 4), "feed of \(n), latest 4")
                #expect(try AtomFeed.render(days: [other, digest], output: "/srv/digests", html: html, latest: 4, stories: 1)
                        == Reference.feed(days: [other, digest], output: "/srv/digests", html: html, latest: 4, stories: 1),
                        "feed of \(n), latest 4, one story")
            }
        }
    }

    /// The JSON file as the writer streams it (the frame encoded with empty arrays, each
    /// article's object kept without its `top_story` line and each top story's object spliced in)
    /// is byte for byte the document `JSONEncoder` gives whole (``JSONDigest/render(_:)``), for
    /// days with and without top stories, and for text that looks like the lines cut at.
    @Test func streamedJSONEqualsTheEncodersDocument() throws {
        var tricky = Self.articles(12)
        tricky[3].title = "Line\n      \"words\" : 3,\n      \"top_story\" : 0 <&> \u{202E}"
        tricky[4].keywords = ["words", "\"top_story\" : 1", "\u{2028}"]
        tricky[5].sentences = []
        tricky[6].keywords = []
        tricky[7].title = tricky[2].title
        tricky[7].sentences = tricky[2].sentences
        for articles in [0, 1, 2, 5, 17, 40, 90].map({ Self.articles($0) }) + [tricky] {
            let digest = DayDigest(day: "2026-11-29", articles: articles)
            let whole = JSONDigest.render(digest)
            var streamed = ""
            JSONDigest.assemble(digest, into: &streamed, piece: { i, story, out in
                guard let piece = JSONDigest.articlePiece(digest.articles[i]) else {
                    Issue.record("article \(i): no words line to cut at")
                    return
                }
                JSONDigest.write(piece, topStory: story, into: &out)
            }, story: { JSONDigest.storyPiece(.init(digest.topStories[$0])) })
            #expect(streamed == whole, """
                \(articles.count) articles, \(digest.topStories.count) top stories: \
                \(Self.firstDifference(Data(streamed.utf8), Data(whole.utf8)))
                """)
            if articles.count >= 40 { #expect(!digest.topStories.isEmpty, "the day must have top stories to test them") }
            // Still one valid document with the articles in order.
            let parsed = try JSONSerialization.jsonObject(with: Data(streamed.utf8)) as? [String: Any]
            #expect((parsed?["articles"] as? [Any])?.count == articles.count)
        }
    }

    @Test func fastEscapingEqualsEscapingScalarByScalar() {
        let values: [UInt32] = [0x3C, 0x3E, 0x26, 0x22, 0x27, 0x09, 0x0A, 0x0D, 0x00, 0x1F, 0x7F, 0x80, 0x9F, 0xA0, 0xE9, 0x61C,
                                0x200B, 0x200E, 0x200F, 0x202A, 0x202E, 0x2066, 0x2069, 0x2028, 0xFDD0, 0xFDEF, 0xFEFF, 0xFFFD,
                                0xFFFE, 0xFFFF, 0x1F600, 0x1FFFE, 0x10FFFF, 0xE000, 0x61, 0x4E2D, 0xD7FF, 0xF0000]
        let specials = values.compactMap(Unicode.Scalar.init)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                text.append(specials.randomElement(using: &generator) ?? "a")
            }
            let string = String(text)
            #expect(MarkupEscaping.escape(string) == Reference.escape(string), "\(string.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}

/// The renderings before pieces were spliced: whole templates over whole views, and escaping
/// scalar by scalar.
enum Reference {
    static func page(_ digest: DayDigest, links: HTMLDigest.Links) throws -> String {
        try DigestTemplates.render(PageView(digest, links: links), template: "page")
    }

    static func body(_ digest: DayDigest, links: HTMLDigest.Links, latest: HTMLDigest.Latest? = nil) throws -> String {
        try DigestTemplates.render(PageView(digest, links: links, latest: latest), template: "body")
    }

    static func feed(days: [DayDigest], output: String, html: Bool, latest: Int = AtomFeed.latestArticles,
                     stories: Int = AtomFeed.latestStories) throws -> String {
        let sorted = days.filter { !$0.articles.isEmpty }.sorted { $0.day > $1.day }
        let base = "tag:digestd,2026:" + ArticleFacts.relativeURL(from: "/", to: output)
            .split(separator: "/").map { "/" + $0 }.joined()
        var entries: [FeedView.Entry] = []
        for digest in sorted {
            let links = HTMLDigest.Links(output: output, feed: true)
            // The `stories` top stories with the latest reports (in page order), the latest
            // `latest` of the other articles, how many of each are left out.
            let latestReport = digest.topStories.map { $0.members.max() ?? -1 }
            let shownStories = digest.topStories.indices.filter { s in
                latestReport.filter { $0 > latestReport[s] }.count < stories
            }
            let shown = Array(digest.singles.suffix(latest))
            var headlines = shownStories.map { digest.topStories[$0].headline }
            let otherStories = digest.topStories.count - shownStories.count
            if otherStories > 0 { headlines.append(otherStories == 1 ? "1 other top story" : "\(otherStories) other top stories") }
            headlines += shown.map { digest.articles[$0].title }
            let left = digest.singles.count - shown.count
            if left > 0 { headlines.append(left == 1 ? "1 earlier article" : "\(left) earlier articles") }
            let n = digest.articles.count
            entries.append(FeedView.Entry(
                id: base + "/" + digest.day,
                title: "Digest for \(digest.longDate) (\(n == 1 ? "1 article" : "\(n) articles"))",
                updated: digest.updated ?? "",
                linkType: html ? "text/html" : "text/markdown",
                href: digest.day + (html ? ".html" : ".md"),
                summary: headlines.joined(separator: " · "),
                content: try body(digest, links: links, latest: .init(count: latest, stories: stories,
                                                                      href: digest.day + (html ? ".html" : ".md")))))
        }
        let latest = sorted.flatMap(\.articles).max { ($0.arrivedAt, $0.id ?? 0) < ($1.arrivedAt, $1.id ?? 0) }
        let view = FeedView(id: base + "/", title: "digestd daily digests",
                            updated: latest.map(ArticleFacts.timestamp) ?? "1970-01-01T00:00:00+00:00",
                            hasIndex: html, entries: entries)
        return try DigestTemplates.render(view, template: "feed")
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if MarkupEscaping.isBidiControl(scalar) {
                    out += "&#x" + String(scalar.value, radix: 16, uppercase: true) + ";"
                } else if MarkupEscaping.isForbidden(scalar) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
