import Foundation
import Testing

/// When libgmime cannot be loaded, an e-mail is neither read as plain text (raw MIME as its
/// summary) nor recorded: the service warns per file and takes it after a restart with the
/// library; the commands exit 69. The library is made unloadable the way a broken install does:
/// a `libgmime-3.0.so.0` without `g_mime_init` first on `LD_LIBRARY_PATH`.
@Suite(.serialized) struct EmailUnavailableTests {
    static let mail = "From: desk@example.org\nSubject: Harbour crane repaired\nMIME-Version: 1.0\n"
        + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
        + Data("The harbour crane is working again after two weeks of repairs. Ships can unload at the north quay from Monday. The port office thanks the crews for their patience.\n".utf8)
        .base64EncodedString() + "\n"

    /// A folder holding a shared object named libgmime-3.0.so.0 that lacks g_mime_init, built
    /// with the toolchain's clang (or gcc, or cc).
    static func fakeLibrary(in root: String) throws -> String {
        let folder = root + "/fakelib"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "void digestd_not_gmime(void) {}\n".write(toFile: folder + "/f.c", atomically: true, encoding: .utf8)
        var compilers = ["/opt/swift/usr/bin/clang", "/usr/bin/gcc", "/usr/bin/cc", "/usr/bin/clang"]
        if let path = ProcessInfo.processInfo.environment["PATH"] {
            compilers = path.split(separator: ":").map { "\($0)/clang" } + compilers
        }
        let compiler = try #require(compilers.first { FileManager.default.isExecutableFile(atPath: $0) })
        let cc = Process()
        cc.executableURL = URL(fileURLWithPath: compiler)
        cc.arguments = ["-shared", "-fPIC", "-o", folder + "/libgmime-3.0.so.0", folder + "/f.c"]
        try cc.run()
        cc.waitUntilExit()
        try #require(cc.terminationStatus == 0)
        return folder
    }

    @Test func commandsExit69InsteadOfPrintingMIME() throws {
        let ws = Workspace()
        defer { ws.remove() }
        let lib = try Self.fakeLibrary(in: ws.root)
        let path = ws.root + "/crane.eml"
        try Self.mail.write(toFile: path, atomically: true, encoding: .utf8)
        for command in ["extract", "summarize", "segment"] {
            let run = try runDigestd([command, path], environment: ["LD_LIBRARY_PATH": lib])
            #expect(run.status == 69, "\(command)")
            #expect(run.out.isEmpty, "\(command): \(run.out)")
            #expect(run.err.contains("crane.eml: e-mail cannot be read"), "\(command): \(run.err)")
        }
        // The same file with the real library: read.
        let good = try runDigestd(["extract", path])
        #expect(good.status == 0)
        #expect(good.out.contains("Harbour crane repaired"))
    }

    @Test func serviceSkipsWithoutRecordingAndTakesTheMailAfterARestart() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let lib = try Self.fakeLibrary(in: ws.root)
        let broken = try ServiceProcess(ws, environment: ["LD_LIBRARY_PATH": lib])
        #expect(await broken.waitUntilReady())
        // Logged at start-up, before any e-mail arrives.
        #expect(broken.log.contains("cannot load GMime"))
        try Self.mail.write(toFile: ws.inbox + "/crane.eml", atomically: false, encoding: .utf8)
        try "Ferry timetable\n\nThe ferry will run every hour from Monday. Tickets cost four crowns. The harbour office has the details.\n"
            .write(toFile: ws.inbox + "/ferry.txt", atomically: false, encoding: .utf8)
        let first = await ws.waitForEntries { $0.count >= 1 }
        let deadline = ContinuousClock.now + .seconds(10)
        while !broken.log.contains("crane.eml: e-mail cannot be read"),
              ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(broken.log.contains("crane.eml: e-mail cannot be read"))
        #expect(first.count == 1)
        #expect(await broken.stop() == 0)
        let digest = try FileManager.default.contentsOfDirectory(atPath: ws.digests).filter { $0.hasSuffix(".md") }
            .map { try String(contentsOfFile: ws.digests + "/" + $0, encoding: .utf8) }.joined()
        #expect(!digest.contains("Content-Transfer-Encoding"))
        #expect(!digest.contains("MIME-Version"))

        // With the library back, a restart takes the mail once.
        let fixed = try ServiceProcess(ws)
        #expect(await fixed.waitUntilReady())
        let after = await ws.waitForEntries { $0.count == 2 }
        #expect(after.count == 2)
        #expect(after.contains { $0.title.contains("Harbour crane repaired") })
        #expect(await fixed.stop() == 0)
    }
}
