import Foundation
import Testing
@testable import Inbox

/// Markdown through cmark-gfm: front matter, footnotes, code, HTML, tables, links.
@Suite struct MarkdownExtractionTests {
    // MARK: front matter (F69)

    @Test func f69FoldedFrontMatterIsMetadataNotText() throws {
        let article = try SharedFieldCase.extract("F69", "f69-folded-front-matter.md")
        #expect(article.title == "Harbour dredging approved")
        let lines = article.body.split(separator: "\n").map(String.init)
        #expect(lines.count == 8)
        #expect(lines.first == "Port Elwin council voted on Tuesday to dredge the inner harbour for the first time in twelve years.")
        #expect(lines.last == "The council said the results will be posted on its website in April.")
    }

    @Test func f69LiteralFrontMatterGivesTheTitle() throws {
        let article = try SharedFieldCase.extract("F69", "f69-literal-front-matter.md")
        #expect(article.title == "Night buses return to the island")
        let lines = article.body.split(separator: "\n").map(String.init)
        #expect(lines.count == 8)
        #expect(lines.first == "The night bus between Port Elwin and Kolm pier will run again from Friday, the transport office said.")
    }

    @Test(arguments: ["f69-folded-front-matter.md", "f69-literal-front-matter.md"],
          ["title:", "date:", "summary:", "tags:", "layout:", "excerpt:", "author:", "2026-11-30", ">", "|",
           "Council votes", "is back from Friday", "Town Desk"])
    func f69NoFrontMatterTextInTheBody(_ name: String, _ fragment: String) throws {
        let article = try SharedFieldCase.extract("F69", name)
        #expect(!article.body.contains(fragment))
    }

    /// A note as a static-site generator keeps it: YAML front matter with block scalars, footnotes,
    /// a table, emphasis, a link, a code block and an HTML comment.
    @Test func noteWithFrontMatterAndFootnotesReducesToItsText() throws {
        let article = try ArticleExtractorTests.extract("pilot-boat-note.md")
        #expect(article.title == "New pilot boat for Port Elwin")
        #expect(article.body == (try ArticleExtractorTests.text("pilot-boat-note.expected.txt")))
    }

    @Test func yamlTitleValuesOfEveryStyle() {
        let cases: [(String, String?)] = [
            ("title: Plain words\n", "Plain words"),
            ("title: \"Quoted: with colon\"\n", "Quoted: with colon"),
            ("title: 'Single ''quoted'''\n", "Single 'quoted'"),
            ("title: >\n  Folded over\n  two lines\n", "Folded over two lines"),
            ("title: |\n  Literal\n  lines\n", "Literal lines"),
            ("meta:\n  title: Nested, not top level\n", nil),
            ("tags: [a, b]\ntitle: After a flow list\n", "After a flow list"),
            ("title:\n  - a list\n", nil),
            ("title: [unclosed\n", nil),
        ]
        for (yaml, title) in cases {
            #expect(FrontMatter.yaml(yaml).title == title, "\(yaml)")
        }
    }

    @Test func tomlFrontMatterIsParsed() {
        let article = MarkdownExtractor.extract("+++\ntitle = \"Ferry fares frozen\"\ndate = 2026-11-30\ntags = [\"ferry\"]\n+++\n\nFares on the Kolm ferry will not rise next year.\n")
        #expect(article.title == "Ferry fares frozen")
        #expect(article.body == "Fares on the Kolm ferry will not rise next year.")
    }

    @Test func frontMatterTitleWinsAndTheLeadingHeadingIsNotBodyText() {
        let article = MarkdownExtractor.extract("---\ntitle: From the metadata\n---\n# From the heading\n\nBody text here.\n")
        #expect(article.title == "From the metadata")
        #expect(article.body == "Body text here.")
    }

    @Test func thematicBreaksAroundTextAreNotFrontMatter() {
        let article = MarkdownExtractor.extract("---\nThe pier is closed.\n\n---\n\nFerries use the north quay.\n")
        #expect(article.title == nil)
        #expect(article.body == "The pier is closed.\n\nFerries use the north quay.")
    }

    // MARK: footnotes (F70)

    @Test func f70FootnotesLeaveNoMarkersAndNoDefinitions() throws {
        let article = try SharedFieldCase.extract("F70", "f70-footnotes.md")
        #expect(article.title == "Record year for cruise calls at Port Elwin")
        let lines = article.body.split(separator: "\n").map(String.init)
        #expect(lines.count == 8)
        #expect(lines.first == "Port Elwin welcomed forty-one cruise ships this year, more than in any year since the port opened.")
        #expect(lines[1] == "The ships brought about sixty thousand passengers ashore over the summer.")
        for fragment in ["[^", "\\[^", "but not passengers who stayed on board", "Figures from the port authority", "Survey of 120"] {
            #expect(!article.body.contains(fragment), "\(fragment)")
        }
    }

    @Test func undefinedFootnoteReferencesAreRemovedToo() {
        let article = MarkdownExtractor.extract("# T\n\nThe port opened.[^missing] The ships came.[^a b] Next.\n")
        #expect(article.body == "The port opened. The ships came.[^a b] Next.")
    }

    // MARK: blocks that are not text

    @Test func codeHTMLTablesLinksAndEntitiesNeverAppearAsSyntax() {
        let source = """
        # Harbour fees

        The council set new harbour fees &amp; mooring rules on Monday&nbsp;evening.
        See the [fee table](https://example.org/fees "Fees") and ![a chart](chart.png) below.

        <div class="note">
        <p>Internal note: not for publication.</p>
        </div>

            indented code block
            more code

        ~~~python
        print("fenced code")
        ~~~

        | Boat | Fee |
        |------|----:|
        | Dinghy | 5 &euro; |
        | Yacht | 20 &euro; |

        - [x] Approved by the council
        - [ ] Signed by the mayor

        Fees apply from January.<br>Residents pay half.
        """
        let article = MarkdownExtractor.extract(source)
        #expect(article.title == "Harbour fees")
        #expect(article.body == """
        The council set new harbour fees & mooring rules on Monday\u{00A0}evening.
        See the fee table and below.

        Boat, Fee
        Dinghy, 5 €
        Yacht, 20 €

        - Approved by the council
        - Signed by the mayor

        Fees apply from January.
        Residents pay half.
        """)
        for fragment in ["<", ">", "|", "```", "~~~", "print", "code block", "Internal note", "&amp;", "&euro;", "](", "[x]", "[ ]", "chart"] {
            #expect(!article.body.contains(fragment), "\(fragment)")
        }
    }

    @Test func numbersAndEmptyCellsInTablesAndListsAreKeptOrDroppedRightly() {
        let article = MarkdownExtractor.extract("# Results\n\n| Year |  |\n|---|---|\n| 2026 | |\n|  | |\n\n- ![only an image](a.png)\n- 42\n")
        #expect(article.body == "Year\n2026\n\n- 42")
    }

    @Test func orderedListsKeepTheirNumbers() {
        let article = MarkdownExtractor.extract("# Agenda\n\n3. Harbour fees\n4. Ferry timetable\n")
        #expect(article.body == "3. Harbour fees\n4. Ferry timetable")
    }

    @Test func deeplyNestedQuotesAndListsAreHandled() {
        let quotes = String(repeating: "> ", count: 50_000) + "Deep text."
        let lists = (0..<1_000).map { String(repeating: "  ", count: $0) + "- item \($0)" }.joined(separator: "\n")
        #expect(MarkdownExtractor.extract(quotes).body.hasSuffix("Deep text."))
        #expect(MarkdownExtractor.extract(lists).body.contains("item 999"))
    }

    @Test func parsesFromSeveralThreadsAtOnce() async {
        let source = try? String(decoding: ArticleExtractorTests.fixture("library-hours.md"), as: UTF8.self)
        let expected = MarkdownExtractor.extract(source ?? "")
        let results = await withTaskGroup(of: ExtractedArticle.self) { group in
            for _ in 0..<16 { group.addTask { MarkdownExtractor.extract(source ?? "") } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == expected })
    }
}
