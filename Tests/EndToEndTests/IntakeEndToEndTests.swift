import Digest
import Foundation
import Testing

/// The built binary on a temporary inbox, fed the ways people write files; the digest read back.
@Suite(.serialized) struct IntakeEndToEndTests {
    static let bbc = Repo.shared + "/eval-data/bbc-dev/docs"

    func bbcArticle(_ index: Int) throws -> (name: String, text: String) {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.bbc).sorted()
        let name = names[index]
        return (name, try String(contentsOfFile: Self.bbc + "/" + name, encoding: .utf8))
    }

    /// Every sentence of an entry must stand verbatim (up to white space) in its article.
    func expectVerbatim(_ entries: [MarkdownDigest.Entry], texts: [String: String]) {
        for entry in entries {
            guard let text = texts[entry.source] else {
                Issue.record("entry for unknown source \(entry.source)")
                continue
            }
            #expect(!entry.sentences.isEmpty, "\(entry.source) has no summary")
            for sentence in entry.sentences {
                #expect(folded(text).contains(folded(sentence)), "\(entry.source): not verbatim: \(sentence)")
            }
        }
    }

    @Test func writtenInChunksCopiedMovedAndPresentBeforeStart() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        var texts: [String: String] = [:]
        // Present before start.
        let early = try bbcArticle(0)
        try early.text.write(toFile: ws.inbox + "/" + early.name, atomically: false, encoding: .utf8)
        texts[early.name] = early.text

        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())

        // Written in place in several chunks, with the file held open between them.
        let chunked = try bbcArticle(1)
        texts[chunked.name] = chunked.text
        FileManager.default.createFile(atPath: ws.inbox + "/" + chunked.name, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: ws.inbox + "/" + chunked.name))
        let bytes = Array(chunked.text.utf8)
        let third = bytes.count / 3
        for part in [bytes[0..<third], bytes[third..<2 * third], bytes[(2 * third)...]] {
            handle.write(Data(part))
            try await Task.sleep(for: .milliseconds(300))
        }
        // Nothing may be taken before the writer closes the file.
        #expect(!ws.entries().contains { $0.source == chunked.name })
        try handle.close()

        // Copied (cp writes in place and closes).
        let copied = try bbcArticle(2)
        texts[copied.name] = copied.text
        FileManager.default.createFile(atPath: ws.inbox + "/" + copied.name, contents: Data(copied.text.utf8))

        // Moved in from a staging folder on the same file system.
        let moved = try bbcArticle(3)
        texts[moved.name] = moved.text
        try moved.text.write(toFile: ws.staging + "/" + moved.name, atomically: false, encoding: .utf8)
        #expect(rename(ws.staging + "/" + moved.name, ws.inbox + "/" + moved.name) == 0)

        // The sample wire story too.
        let sampleName = "000_b455b3c4f67c5f93.txt"
        let sample = try String(contentsOfFile: Repo.shared + "/samples/" + sampleName, encoding: .utf8)
        texts[sampleName] = sample
        try sample.write(toFile: ws.inbox + "/" + sampleName, atomically: false, encoding: .utf8)

        let entries = await ws.waitForEntries { $0.count >= 5 }
        #expect(entries.count == 5, "log:\n\(service.log)")
        #expect(Set(entries.map(\.source)) == Set(texts.keys))
        expectVerbatim(entries, texts: texts)
        // The chunked article's summary comes from the whole file: its entry exists and is complete.
        let chunkedEntry = try #require(entries.first { $0.source == chunked.name })
        #expect(chunkedEntry.title == chunked.text.split(separator: "\n").first.map(String.init))
        #expect(await service.stop() == 0)
    }

    @Test func savedAgainReplacesRestartAndTouchAddNothing() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        let first = try bbcArticle(4), second = try bbcArticle(5)
        try first.text.write(toFile: ws.inbox + "/story.txt", atomically: false, encoding: .utf8)
        var entries = await ws.waitForEntries { $0.count == 1 }
        #expect(entries.map(\.title) == [first.text.split(separator: "\n").first.map(String.init)])

        // Saved again with new content (an editor's temp-then-rename).
        try second.text.write(toFile: ws.inbox + "/.story.txt.swp", atomically: false, encoding: .utf8)
        #expect(rename(ws.inbox + "/.story.txt.swp", ws.inbox + "/story.txt") == 0)
        let secondTitle = second.text.split(separator: "\n").first.map(String.init)
        entries = await ws.waitForEntries { $0.first?.title == secondTitle }
        #expect(entries.map(\.title) == [secondTitle])
        #expect(await service.stop() == 0)

        // Restart, then touch: still one entry.
        let again = try ServiceProcess(ws)
        #expect(await again.waitUntilReady())
        // `touch`: new mtime, same bytes (IN_ATTRIB).
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: ws.inbox + "/story.txt")
        try await Task.sleep(for: .milliseconds(800))
        #expect(ws.entries().count == 1)
        #expect(await again.stop(signal: SIGINT) == 0)
    }

    @Test func sameBytesUnderTwoNamesAppearOnce() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        let article = try bbcArticle(6)
        try article.text.write(toFile: ws.inbox + "/a.txt", atomically: false, encoding: .utf8)
        try article.text.write(toFile: ws.inbox + "/b.txt", atomically: false, encoding: .utf8)
        try await Task.sleep(for: .milliseconds(800))
        #expect(ws.entries().count == 1)
        #expect(await service.stop() == 0)
    }

    @Test func badInputIsWarnedAboutByNameAndTheServiceGoesOn() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        FileManager.default.createFile(atPath: ws.inbox + "/blob.txt", contents: Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 1]))
        FileManager.default.createFile(atPath: ws.inbox + "/empty.txt", contents: Data())
        FileManager.default.createFile(atPath: ws.inbox + "/ignored.tmp", contents: Data("Not an article.".utf8))
        let good = try bbcArticle(7)
        try good.text.write(toFile: ws.inbox + "/good.txt", atomically: false, encoding: .utf8)
        let entries = await ws.waitForEntries { $0.count >= 1 }
        #expect(entries.map(\.source) == ["good.txt"])
        let log = service.log
        #expect(log.contains("blob.txt") && log.contains("DIGESTD_REASON=binary"))
        #expect(log.contains("empty.txt") && log.contains("DIGESTD_REASON=empty"))
        #expect(!log.contains("ignored.tmp: "))
        // An empty first close is not final: content written later is taken.
        try good.text.replacingOccurrences(of: "\n\n", with: "\n\nExtra paragraph.\n\n").write(toFile: ws.inbox + "/empty.txt", atomically: false, encoding: .utf8)
        let after = await ws.waitForEntries { $0.count >= 2 }
        #expect(after.map(\.source).sorted() == ["empty.txt", "good.txt"])
        #expect(await service.stop() == 0)
    }

    @Test func missingConfiguredInboxFailsAtOnceWithNoInput() async throws {
        let ws = Workspace(createInbox: false)
        defer { ws.remove() }
        let service = try ServiceProcess(ws)
        #expect(await service.waitForExit() == 66)
        #expect(service.log.contains(ws.inbox))
        #expect(service.log.contains("ERRNO=2"))
    }

    @Test func embeddedDefaultsCreateTheFoldersInTheCurrentDirectory() async throws {
        let ws = Workspace(createInbox: false)
        defer { ws.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repo.binary)
        process.arguments = ["run"]
        process.currentDirectoryURL = URL(fileURLWithPath: ws.staging)
        process.environment = ProcessInfo.processInfo.environment.merging(["DIGESTD_LOG": "stderr"]) { $1 }
        process.standardError = FileHandle.nullDevice
        try process.run()
        let fm = FileManager.default
        let deadline = ContinuousClock.now + .seconds(10)
        while !fm.fileExists(atPath: ws.staging + "/.digestd/digestd.sqlite") && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        for folder in ["inbox", "digests", ".digestd"] {
            #expect(fm.fileExists(atPath: ws.staging + "/" + folder), "\(folder) not created")
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
