import Foundation
import Testing

/// The one-shot commands of the built binary.
@Suite struct CommandLineTests {
    @Test func summarizePrintsNSentencesInDocumentOrder() throws {
        let file = Repo.shared + "/eval-data/bbc-dev/docs/" + (try FileManager.default.contentsOfDirectory(atPath: Repo.shared + "/eval-data/bbc-dev/docs").sorted()[0])
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let result = try runDigestd(["summarize", "-n", "2", file])
        #expect(result.status == 0)
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        let positions = lines.map { folded(text).range(of: folded($0))?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }

    @Test func summarizeReadsStandardInputAndNeverPads() throws {
        let result = try runDigestd(["summarize", "-n", "5", "-"], stdin: "Short title\n\nOnly one sentence here.\n")
        #expect(result.status == 0)
        #expect(result.out == "Only one sentence here.\n")
    }

    /// The one-shot commands do not load libsystemd (nor the libraries it needs): the journal
    /// and notify calls open it on first use (CSystemd; issue 15, start-up). ld.so names every
    /// object it loads under `LD_DEBUG=files`, libc among them.
    @Test func summarizeDoesNotLoadLibsystemd() throws {
        let result = try runDigestd(["summarize", "-n", "1", "-"], stdin: "A title\n\nOne sentence here. And a second one.\n",
                                    environment: ["LD_DEBUG": "files"])
        #expect(result.status == 0)
        #expect(result.err.contains("file=libc.so.6"))
        #expect(!result.err.contains("libsystemd"))
    }

    /// Text, Markdown and HTML articles do not load GMime (nor GIO, GObject, GLib and what they
    /// need): the e-mail reader and the briefing open it on first use (CGMime; issue 15,
    /// start-up). An `.eml` does load it, and is read as e-mail through it.
    @Test func onlyAnEmailLoadsGMime() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gmime-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let article = "A title\n\nOne sentence here. And a second one.\n"
        try article.write(toFile: folder + "/a.txt", atomically: true, encoding: .utf8)
        try "# A title\n\nOne sentence here. And a second one.\n".write(toFile: folder + "/a.md", atomically: true, encoding: .utf8)
        try "<html><head><title>A title</title></head><body><p>One sentence here. And a second one.</p></body></html>"
            .write(toFile: folder + "/a.html", atomically: true, encoding: .utf8)
        try "Subject: The subject line\nContent-Type: text/plain; charset=utf-8\n\nOne sentence here. And a second one.\n"
            .write(toFile: folder + "/a.eml", atomically: true, encoding: .utf8)
        for command in ["summarize", "segment", "extract"] {
            for name in ["a.txt", "a.md", "a.html"] {
                let result = try runDigestd([command, folder + "/" + name], environment: ["LD_DEBUG": "files"])
                #expect(result.status == 0, "\(command) \(name)")
                #expect(result.err.contains("file=libc.so.6"))
                #expect(!result.err.contains("libgmime"), "\(command) \(name)")
                #expect(!result.err.contains("libglib"), "\(command) \(name)")
            }
        }
        let email = try runDigestd(["extract", folder + "/a.eml"], environment: ["LD_DEBUG": "files"])
        #expect(email.status == 0)
        #expect(email.err.contains("file=libgmime-3.0.so.0"))
        #expect(email.out.contains("The subject line"))
        #expect(!email.out.contains("Subject:"))
    }

    /// Without a loadable GMime (hidden here by a bind mount of `/dev/null` over the library, in
    /// a private mount namespace: `unshare -m`, which needs root), an e-mail is not read as plain
    /// text (its raw MIME is no article): one error line that names the library, one that names
    /// the file, exit 69 (EX_UNAVAILABLE), nothing on stdout, instead of failing at exec.
    @Test(.enabled(if: getuid() == 0, "unshare -m needs root"))
    func withoutGMimeAnEmailExits69WithTheReason() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nogmime-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let email = "Subject: The subject line\nContent-Type: text/plain; charset=utf-8\n\nOne sentence here.\n"
        try email.write(toFile: folder + "/a.eml", atomically: true, encoding: .utf8)
        let folders = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu"]
        let found = folders.compactMap { folder -> String? in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return names.first { $0.hasPrefix("libgmime-3.0.so.0.") }.map { folder + "/" + $0 }
        }
        let library = try #require(found.first, "libgmime-3.0-0 is installed")
        let (status, outText, errText) = try runProgram("/usr/bin/unshare", [
            "-m", "sh", "-c",
            "mount --make-rprivate / && mount --bind /dev/null \"$0\" && exec \"$1\" extract \"$2\"",
            library, Repo.binary, folder + "/a.eml"])
        #expect(status == 69)
        #expect(outText.isEmpty)
        #expect(errText.contains("cannot load GMime ("))
        #expect(errText.contains("libgmime-3.0.so.0"))
        #expect(errText.contains("a.eml: e-mail cannot be read"))
        #expect(errText.split(separator: "\n").count == 2)
    }

    /// A failed write to standard output is one line on stderr and exit 74, not a trap.
    @Test func aFailedWriteToStandardOutputExits74() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repo.binary)
        process.arguments = ["summarize", "-n", "1", "-"]
        let input = Pipe(), err = Pipe()
        process.standardInput = input
        process.standardError = err
        process.standardOutput = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        try process.run()
        input.fileHandleForWriting.write(Data("A title\n\nOne sentence here.\n".utf8))
        try input.fileHandleForWriting.close()
        let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 74)
        #expect(errText.contains("cannot write to standard output"))
    }

    @Test func missingFileIsOneClearLineAndExit66() throws {
        let result = try runDigestd(["summarize", "/nonexistent/article.txt"])
        #expect(result.status == 66)
        #expect(result.err.split(separator: "\n").count == 1)
        #expect(result.err.contains("/nonexistent/article.txt"))
    }

    /// The commands refuse what the service would skip: an endless input stops at max_bytes
    /// (10 MB by default) with exit 65 and one line, instead of filling memory.
    @Test func anInputOverMaxBytesIsRefusedWithExit65() throws {
        let result = try runDigestd(["extract", "/dev/zero"])
        #expect(result.status == 65)
        #expect(result.err.contains("/dev/zero: larger than 10000000 bytes"))
        #expect(result.err.split(separator: "\n").count == 1)
    }

    @Test func badUsageExits64() throws {
        #expect(try runDigestd(["summarize", "-n", "0", "-"], stdin: "x").status == 64)
        #expect(try runDigestd(["digest", "2026-13-45"]).status == 64)
        #expect(try runDigestd(["segment", "--language", "klingon", "-"], stdin: "x").status == 64)
        #expect(try runDigestd(["summarize", "--language", "klingon", "-"], stdin: "x").status == 64)
    }

    @Test func segmentPrintsEverySentence() throws {
        let result = try runDigestd(["segment", "-"], stdin: "Dr. Smith arrived at 3.5 p.m. on Monday. He left. \"Why?\" she asked.")
        #expect(result.status == 0)
        #expect(result.out.split(separator: "\n").count == 3)
    }

    @Test func segmentPrintsALineOfUnderscoresButSummariesLeaveItOut() throws {
        let text = "\n______________________\nEl consejo escolar no discrimina por edad ni por origen.\nLa admisión está abierta a todos los alumnos del distrito.\n"
        let segmented = try runDigestd(["segment", "-"], stdin: text)
        #expect(segmented.status == 0)
        #expect(segmented.out.split(separator: "\n").first == "______________________")
        #expect(segmented.out.split(separator: "\n").count == 3)
        let summary = try runDigestd(["summarize", "-n", "3", "-"], stdin: text)
        #expect(summary.status == 0)
        #expect(!summary.out.contains("___"))
    }

    @Test func checkConfigNamesKeyAndLine() throws {
        let path = NSTemporaryDirectory() + "digestd-config-\(UUID().uuidString).toml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "watch = \"/tmp/in\"\n\n[summary]\nsentences = 0\nlanguge = \"english\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try runDigestd(["check-config", "--config", path])
        #expect(result.status == 78)
        #expect(result.err.contains("line 4") && result.err.contains("summary.sentences"))
        #expect(result.err.contains("line 5") && result.err.contains("summary.languge: unknown key"))
        try "watch = \"/tmp/in\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try runDigestd(["check-config", "--config", path]).status == 0)
    }

    /// F44: the same text gives byte-identical output in fresh processes (hashing is seeded per process).
    @Test func summariesAreIdenticalAcrossFreshProcesses() throws {
        let file = Repo.shared + "/field-cases/F44/article.txt"
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SWIFT_DETERMINISTIC_HASHING")
        let outputs = try (0..<10).map { _ in try runDigestd(["summarize", file]).out }
        #expect(Set(outputs).count == 1)
        #expect(!outputs[0].isEmpty)
    }
}
