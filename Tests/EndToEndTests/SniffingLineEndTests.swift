import Foundation
import Testing

/// CR LF e-mail read where nothing names the format (standard input, a file without an
/// extension): it used to be sniffed as plain text, and its header block was summarized.
@Suite struct SniffingLineEndTests {
    static let gmail = Repo.shared + "/field-cases/F67/f67-gmail-forward.eml"  // CR LF

    static func assertReadAsEmail(_ result: (status: Int32, out: String, err: String)) {
        #expect(result.status == 0, "\(result.err)")
        for header in ["From:", "Subject:", "Message-ID:", "MIME-Version:", "@example.net"] {
            #expect(!result.out.contains(header), "\(header) in: \(result.out)")
        }
        #expect(result.out.contains(#""title" : "Ferry operator to cut winter sailings""#))
    }

    @Test func crlfMailOnStandardInputIsReadAsMail() throws {
        let bytes = try String(contentsOfFile: Self.gmail, encoding: .utf8)
        #expect(bytes.utf8.contains(13))
        Self.assertReadAsEmail(try runDigestd(["summarize", "-n", "2", "--format", "json", "-"], stdin: bytes))
    }

    @Test func crlfMailInAFileWithoutExtensionIsReadAsMail() throws {
        let ws = Workspace()
        defer { ws.remove() }
        let copy = ws.root + "/forwarded"
        try FileManager.default.copyItem(atPath: Self.gmail, toPath: copy)
        Self.assertReadAsEmail(try runDigestd(["summarize", "-n", "2", "--format", "json", copy]))
    }

    @Test func crlfFrontMatterOnStandardInputIsReadAsMarkdown() throws {
        let text = "---\r\ntitle: Harbour board votes on ferry fares\r\nauthor: Desk\r\n---\r\n\r\n"
            + "The harbour board voted on Tuesday to freeze ferry fares for the winter. "
            + "Members said the freeze would help island families. The vote was seven to two.\r\n"
        let result = try runDigestd(["summarize", "-n", "2", "--format", "json", "-"], stdin: text)
        #expect(result.status == 0, "\(result.err)")
        #expect(!result.out.contains("author:") && !result.out.contains("---"))
        #expect(result.out.contains(#""title" : "Harbour board votes on ferry fares""#))
    }
}
