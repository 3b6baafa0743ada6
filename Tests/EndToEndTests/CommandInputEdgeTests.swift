import Foundation
import Testing

/// The one-shot commands on inputs that are empty, untitled or hostile (issue 16, breaker
/// findings 6–9), through the built binary on real files.
@Suite struct CommandInputEdgeTests {
    /// A fresh folder with the given files; removed by the caller.
    static func folder(_ files: [String: String]) -> String {
        let path = NSTemporaryDirectory() + "digestd-edge-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files { _ = FileManager.default.createFile(atPath: path + "/" + name, contents: Data(text.utf8)) }
        return path
    }

    /// Empty or blank input is one line naming it and exit 65 in every reading command; the other
    /// inputs of the same call are still printed.
    @Test func emptyInputExits65WithOneLineAndTheOthersArePrinted() throws {
        let dir = Self.folder(["empty.txt": "", "blank.md": "\n  \n\t\n",
                               "good.txt": "Harbour news\n\nThe harbour opened on Monday. Ships came in early.\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for command in [["extract"], ["extract", "--format", "json"], ["summarize"], ["summarize", "--format", "json"]] {
            let result = try runDigestd(command + [dir + "/empty.txt", dir + "/good.txt", dir + "/blank.md"])
            #expect(result.status == 65, "\(command)")
            let lines = result.err.split(separator: "\n")
            #expect(lines.count == 2, "\(command): \(result.err)")
            #expect(lines.first?.contains("empty.txt: no text to read") == true)
            #expect(lines.last?.contains("blank.md: no text to read") == true)
            #expect(result.out.contains("The harbour opened on Monday."), "\(command)")
            #expect(!result.out.contains("empty.txt"), "\(command)")
        }
        for input in [dir + "/empty.txt", "-"] {
            let segment = try runDigestd(["segment", input], stdin: "")
            #expect(segment.status == 65)
            #expect(segment.out.isEmpty)
            #expect(segment.err.split(separator: "\n").count == 1)
        }
    }

    /// `segment` prints the body's sentences: not a title the format names (here an HTML
    /// page's), which it prints only when the body holds no sentence; plain text is segmented
    /// whole, its headline line a segment of its own (see `SegmentCommand`).
    @Test func segmentPrintsTheBodyNotTheFormatsTitle() throws {
        let page = "<html><head><title>Harbour reopens</title></head><body><article><p>The harbour opened on Monday. Ships came in early.</p></article></body></html>"
        let result = try runDigestd(["segment", "-"], stdin: page)
        #expect(result.status == 0)
        #expect(result.out == "The harbour opened on Monday.\nShips came in early.\n")
        let bare = try runDigestd(["segment", "-"], stdin: "<html><head><title>Harbour reopens. Ships return</title></head><body></body></html>")
        #expect(bare.out == "Harbour reopens.\nShips return\n")
        let plain = try runDigestd(["segment", "-"], stdin: "Harbour reopens after repairs\n\nThe harbour opened on Monday. Ships came in early.\n")
        #expect(plain.out == "Harbour reopens after repairs\nThe harbour opened on Monday.\nShips came in early.\n")
        let alone = try runDigestd(["segment", "-"], stdin: "1. The first item 2. The second item")
        #expect(alone.out == "1. The first item\n2. The second item\n")
    }

    /// `extract --format json`: `title` is the headline the summarizer reads (the first line of
    /// plain text when it is one), or `null`; the key is always there.
    @Test func extractJSONTitleIsTheHeadlineOrNull() throws {
        let titled = try runDigestd(["extract", "--format", "json", "-"], stdin: "Harbour news\n\nThe harbour opened on Monday.\n")
        let untitled = try runDigestd(["extract", "--format", "json", "-"], stdin: "The harbour opened on Monday. Ships came in early.\n")
        for result in [titled, untitled] { #expect(result.status == 0) }
        let a = try #require(try JSONSerialization.jsonObject(with: Data(titled.out.utf8)) as? [[String: Any]]).first
        let b = try #require(try JSONSerialization.jsonObject(with: Data(untitled.out.utf8)) as? [[String: Any]]).first
        #expect(a?["title"] as? String == "Harbour news")
        #expect(a?["paragraphs"] as? [String] == ["The harbour opened on Monday."])
        #expect(b?["title"] is NSNull)
        #expect(b?["paragraphs"] as? [String] == ["The harbour opened on Monday. Ships came in early."])
        let summary = try runDigestd(["summarize", "--format", "json", "-"], stdin: "The harbour opened on Monday. Ships came in early.\n")
        let s = try #require(try JSONSerialization.jsonObject(with: Data(summary.out.utf8)) as? [[String: Any]]).first
        #expect(s?["title"] is NSNull)
    }

    /// Control characters of the config (a quoted key, a string value, the file name) are
    /// escaped: one line per problem, no CR, LF or escape byte inside a line.
    @Test func checkConfigEscapesControlCharacters() throws {
        let dir = Self.folder([:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/bad\rname.toml"
        try "watch = \"/tmp/in\"\n\"bad\\r\\nkey\" = 1\n[summary]\nlanguage = \"eng\\u0007lish\\u001b[31m\\r\\nx\"\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let result = try runDigestd(["check-config", "--config", path])
        #expect(result.status == 78)
        let lines = result.err.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 2, "\(result.err)")
        #expect(lines.allSatisfy { $0.hasPrefix("digestd: ") && $0.contains("bad\\rname.toml") })
        #expect(!result.err.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })
        #expect(result.err.contains("bad\\r\\nkey: unknown key"))
        #expect(result.err.contains("\"eng\\u{7}lish\\u{1B}[31m\\r\\nx\""))
    }
}
