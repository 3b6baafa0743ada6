import Foundation
import Testing
@testable import Inbox

/// Shared field cases, read from the shared folder beside the repository.
enum SharedFieldCase {
    static func folder(_ id: String) -> String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/../shared/field-cases/" + id
    }

    static func bytes(_ id: String, _ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: folder(id) + "/" + name)))
    }

    /// The file reduced the way the service reads it: decoded, then extracted by its extension.
    static func extract(_ id: String, _ name: String) throws -> ExtractedArticle {
        let bytes = try bytes(id, name)
        let decoded = try #require(TextDecoder.decode(bytes))
        return ArticleExtractor.extract(name: name, bytes: bytes, text: decoded.text)
    }
}

/// E-mail: forwards, quoted replies, format=flowed, HTML-only and multipart/alternative mail.
@Suite struct EmailExtractionTests {
    static let ferryArticle = [
        "The Kolm ferry operator will cut its winter sailings from six a day to four, the company said on Monday.",
        "The change takes effect on the first Monday of December and lasts until the end of February.",
        "The operator blamed the rising price of marine diesel and a shortage of qualified deck crew.",
        "Islanders who commute to the mainland said the later first crossing would make many of them late for work.",
        "The island council has asked the company to keep at least one early sailing on weekdays.",
        "A spokesperson for the operator said the request would be considered at a board meeting next week.",
        "Season tickets bought before the change will remain valid for the rest of the winter.",
        "The regional transport authority said it had not been consulted about the cuts.",
    ]

    // MARK: forwarded newsletters (F67)

    /// A mail whose only part is an attachment, or whose text is undecodable, has a Subject and
    /// no text: no article (the service skips it as empty instead of listing the Subject alone).
    @Test func aMailWithoutTextIsEmptyThoughItHasASubject() throws {
        let attachmentOnly = """
            From: a@b.c\r\nTo: d@e.f\r\nMIME-Version: 1.0\r\nSubject: Attach\r\n\
            Content-Type: multipart/mixed; boundary="q"\r\n\r\n--q\r\nContent-Type: application/pdf\r\n\
            Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--q--\r\n
            """
        let reading = try #require(ArticleExtractor.read(bytes: Array(attachmentOnly.utf8), name: "attach.eml"))
        #expect(reading.article.title == "Attach")
        #expect(reading.article.isEmpty)
        let withText = "From: a@b.c\r\nSubject: Ferry\r\n\r\nThe ferry sails at noon.\r\n"
        #expect(try #require(ArticleExtractor.read(bytes: Array(withText.utf8), name: "f.eml")).article.isEmpty == false)
    }

    @Test func f67GmailForwardKeepsOnlyTheArticle() throws {
        let article = try SharedFieldCase.extract("F67", "f67-gmail-forward.eml")
        #expect(article.title == "Ferry operator to cut winter sailings")
        #expect(article.body == Self.ferryArticle.joined(separator: "\n"))
    }

    @Test func f67AppleMailForwardKeepsOnlyTheArticle() throws {
        let article = try SharedFieldCase.extract("F67", "f67-applemail-forward.eml")
        #expect(article.title == "Library to open late on weekdays")
        #expect(article.body.hasPrefix("Port Elwin's library will stay open until nine in the evening from next Monday, the town council announced."))
        #expect(article.body.hasSuffix("The council will review the longer hours in the spring."))
        #expect(article.body.split(separator: "\n").count == 8)
    }

    @Test(arguments: ["f67-gmail-forward.eml", "f67-applemail-forward.eml"],
          ["Forwarded message", "Begin forwarded message", "From:", "Date:", "Subject:", "To:", "Reply-To:",
           "@example.org", "@example.net", "---------", "Worth a line"])
    func f67ForwardLeavesNoHeaderText(_ name: String, _ fragment: String) throws {
        let article = try SharedFieldCase.extract("F67", name)
        #expect(!article.body.contains(fragment))
        #expect(!(article.title ?? "").contains(fragment))
    }

    @Test func outlookForwardDropsTheOriginalMessageBlockAndTheNote() throws {
        let article = try ArticleExtractorTests.extract("bridge-works-outlook-forward.eml")
        #expect(article.title == "Bridge works on Harbour Street")
        let lines = article.body.split(separator: "\n").map(String.init)
        #expect(lines.first == "The small bridge on Harbour Street will close for repairs from Monday 7 December, the roads office said.")
        #expect(lines.last == "The roads office apologised for the “inconvenience” to shops on the street.")
        #expect(lines.count == 6)
        for fragment in ["Original Message", "Sent:", "Cc:", "FYI", "@example"] {
            #expect(!article.body.contains(fragment), "\(fragment)")
        }
    }

    // MARK: format=flowed (RFC 3676)

    @Test func flowedMailIsUnflowedAndItsQuotesAndSignatureDropped() throws {
        let article = try ArticleExtractorTests.extract("ferry-timetable-flowed.eml")
        #expect(article.title == "Winter timetable for the Kolm ferry")
        #expect(article.body == """
        The winter timetable for the Kolm ferry was published on Monday and takes effect on the first Sunday of December.
        The first crossing of the day leaves Port Elwin at a quarter past six, twenty minutes earlier than in summer.
        From the island side, the last boat now leaves at half past nine in the evening.
        Commuters had asked the operator for a later return crossing on Fridays, and it has been added for a trial period of three months.

        The harbour office said the timetable will be posted at both piers and on the operator's website.
        """)
    }

    @Test func flowedMailWithDelSpJoinsWithoutTheAddedSpace() throws {
        let article = try ArticleExtractorTests.extract("market-hall-flowed-delsp.eml")
        #expect(article.title == "Market hall roof repaired")
        let lines = article.body.split(separator: "\n").map(String.init)
        #expect(lines == [
            "Roofers finished repairing the market hall in Port Elwin on Monday, two weeks ahead of schedule.",
            "The storm in October had torn off more than a hundred slates and damaged the gutter above the fish stalls.",
            "Traders moved their stalls to the square while the work went on.",
            "The repairs cost four hundred thousand crowns, and the town's insurer will pay most of the bill.",
            "港町の市場の屋根の修理が月曜日に終わり、商人たちは来週から元の場所で営業を再開する。",
            "The market hall will reopen fully on Saturday with a small celebration.",
        ])
    }

    @Test(arguments: [
        // (flowed text, DelSp, decoded)
        ("one \ntwo\n", false, "one two\n"),
        ("one \ntwo\n", true, "onetwo\n"),
        ("one  \ntwo", true, "one two"),
        (" From here\n", false, "From here\n"),
        ("> quoted \n> more\nplain", false, "> quoted more\nplain"),
        ("> depth one \n>> depth two\n", false, "> depth one \n> > depth two\n"),
        ("text \n-- \nsig", false, "text \n-- \nsig"),
        ("", false, ""),
    ])
    func flowedDecoding(_ source: String, _ delSp: Bool, _ expected: String) {
        #expect(FlowedText.decode(source, delSp: delSp) == expected)
    }

    // MARK: HTML-only and multipart/alternative

    @Test func f78HTMLOnlyMailThatStartsWithMetaKeepsItsParagraphs() throws {
        let article = try SharedFieldCase.extract("F78", "f78-html-mail-meta-first.eml")
        #expect(article.title == "Quay lights replaced")
        #expect(article.body.contains("The town council replaced all the lights on the fish quay this week."))
        #expect(article.body.contains("The same lights will be fitted on the ferry pier next year."))
        #expect(article.body.split(whereSeparator: \.isWhitespace).count >= 70)
    }

    @Test func alternativeWithAStubPlainPartUsesTheHTMLPart() throws {
        let article = try ArticleExtractorTests.extract("harbour-weekly-alternative.eml")
        #expect(article.title == "New cranes arrive at the container quay")
        #expect(article.body == """
        Two new ship-to-shore cranes arrived at Port Elwin’s container quay on Tuesday aboard a heavy-lift vessel from Rotterdam.

        Each crane stands sixty metres tall and can lift forty tonnes.

        The harbour company says the cranes will cut the time a feeder ship spends at the quay by a third.

        Crane drivers will train on the new machines before they enter service in February.
        """)
    }

    @Test func alternativeWithAFullPlainPartUsesThePlainPart() throws {
        let plain = Self.ferryArticle.joined(separator: "\r\n")
        let eml = """
        Subject: Ferry cuts\r
        MIME-Version: 1.0\r
        Content-Type: multipart/alternative; boundary="b"\r
        \r
        --b\r
        Content-Type: text/plain; charset=utf-8\r
        \r
        \(plain)\r
        --b\r
        Content-Type: text/html; charset=utf-8\r
        \r
        <p>\(Self.ferryArticle.joined(separator: "</p><p>"))</p><p>Read more on our website.</p>\r
        --b--\r

        """
        let article = try #require(EmailExtractor.extract(Array(eml.utf8)))
        #expect(article.body == Self.ferryArticle.joined(separator: "\n"))
    }

    @Test func forwardAsAttachmentUsesTheAttachedMessage() throws {
        let eml = """
        From: Night Editor <editor@example.net>\r
        Subject: Fwd:\r
        MIME-Version: 1.0\r
        Content-Type: multipart/mixed; boundary="m"\r
        \r
        --m\r
        Content-Type: text/plain; charset=utf-8\r
        \r
        See the attached message.\r
        --m\r
        Content-Type: message/rfc822\r
        Content-Disposition: attachment\r
        \r
        From: Harbour Desk <desk@example.org>\r
        Subject: Ferry operator to cut winter sailings\r
        Content-Type: text/plain; charset=utf-8\r
        \r
        \(Self.ferryArticle.joined(separator: "\r\n"))\r
        --m--\r

        """
        let article = try #require(EmailExtractor.extract(Array(eml.utf8)))
        #expect(article.title == "Ferry operator to cut winter sailings")
        #expect(article.body == Self.ferryArticle.joined(separator: "\n"))
    }

    // MARK: subject lines

    @Test(arguments: [
        ("Fwd: Ferry operator to cut winter sailings", "Ferry operator to cut winter sailings"),
        ("FW: RE: Bridge works", "Bridge works"),
        ("Re[2]: Re: Harbour fees", "Harbour fees"),
        ("AW: WG: Neue Fähre für die Insel", "Neue Fähre für die Insel"),
        ("TR: Fwd: [harbour-news] Quay lights replaced", "Quay lights replaced"),
        ("[Harbour Weekly] New cranes arrive", "New cranes arrive"),
        ("Re:  spaced   out ", "spaced out"),
        ("Meeting re: harbour fees", "Meeting re: harbour fees"),
        ("Reply needed: harbour fees", "Reply needed: harbour fees"),
        ("[only a tag]", "[only a tag]"),
        ("Ferry news (fwd)", "Ferry news"),
        ("Fwd:", ""),
    ])
    func subjectPrefixesAreRemoved(_ subject: String, _ title: String) {
        #expect(SubjectLine.title(subject) == title)
    }

    // MARK: quotes and forwards in the text

    @Test func replyAboveAQuotedArticleUsesTheQuotedArticle() {
        let text = "Thanks, will use it.\n\nOn Mon, 30 Nov 2026 at 08:55, Harbour Desk <\ndesk@example.org> wrote:\n"
            + Self.ferryArticle.map { "> " + $0 }.joined(separator: "\n")
        let reduced = MailBody.reduce(text)
        #expect(reduced.text == Self.ferryArticle.joined(separator: "\n"))
    }

    @Test func quotedRepliesUnderAnArticleAreDropped() {
        let text = Self.ferryArticle.joined(separator: "\n")
            + "\n\nAm 30.11.2026 um 08:55 schrieb Harbour Desk <desk@example.org>:\n> Habt ihr schon die neuen Fahrzeiten?\n> Viele Leser fragen danach."
        #expect(MailBody.reduce(text).text == Self.ferryArticle.joined(separator: "\n"))
    }

    @Test func mailingListFooterIsDropped() {
        let text = Self.ferryArticle.joined(separator: "\n")
            + "\n\n_______________________________________________\nHarbour-news mailing list\nHarbour-news@lists.example.org\nhttps://lists.example.org/listinfo/harbour-news\n"
        #expect(MailBody.reduce(text).text == Self.ferryArticle.joined(separator: "\n"))
    }

    @Test func aSeparatorWithoutHeadersIsText() {
        let text = "Begin forwarded message:\n\nThe ferry runs late tonight.\nPassengers should wait at pier two."
        #expect(MailBody.reduce(text).text == text)
    }

    /// Text reduced from an HTML part can carry the whole header block on the separator's line.
    @Test func forwardHeadersOnTheSeparatorLineAreDropped() {
        let text = "Worth a line, I think.\n\n---------- Forwarded message --------- From: Harbour Desk <desk@example.org> "
            + "Date: Mon, 30 Nov 2026 at 08:55 Subject: Ferry operator to cut winter sailings To: <newsroom@example.net>\n\n"
            + Self.ferryArticle.joined(separator: "\n\n")
        #expect(MailBody.reduce(text).text == Self.ferryArticle.joined(separator: "\n\n"))
    }

    @Test func nestedForwardsKeepTheInnermostArticle() {
        let text = """
        See below.

        ---------- Forwarded message ---------
        From: A <a@example.org>
        Date: Mon, 30 Nov 2026
        Subject: Fwd: Ferry operator to cut winter sailings
        To: <b@example.net>

        Forwarding again.

        ---------- Forwarded message ---------
        From: Harbour Desk <desk@example.org>
        Subject: Ferry operator to cut winter sailings
        To: <c@example.net>,
         <d@example.net>

        \(Self.ferryArticle.joined(separator: "\n"))
        """
        let reduced = MailBody.reduce(text)
        #expect(reduced.text == Self.ferryArticle.joined(separator: "\n"))
        #expect(reduced.forwardedSubject == "Ferry operator to cut winter sailings")
    }

    @Test func aMillionQuoteMarksAreHandled() {
        let line = String(repeating: ">", count: 1_000_000) + " deep"
        let started = ContinuousClock.now
        _ = MailBody.reduce(line)
        _ = FlowedText.decode(line + " \nmore", delSp: true)
        #expect(ContinuousClock.now - started < .seconds(20))
    }
}
