import Foundation
import Testing

/// F77 (issue 13): `digestd digest` for a user who may read the state folder but not write it,
/// while the service runs and after it stopped; a user who may not read it gets exit 77 and a
/// sentence naming the folder and the permission.
@Suite(.serialized) struct ReadOnlyReaderTests {
    /// Runs `digestd ARGS` as `nobody`.
    static func asNobody(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=nobody", "--regid=nogroup", "--clear-groups", Repo.binary] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static func makeSearchable(_ ws: Workspace) {
        var path = ws.root
        while path != "/" && !path.isEmpty {
            var st = stat()
            if stat(path, &st) == 0 { chmod(path, (st.st_mode & 0o7777) | 0o005) }
            path = (path as NSString).deletingLastPathComponent
        }
    }

    @Test(.enabled(if: getuid() == 0, "switching to the nobody user needs root"))
    func f77ReaderWithoutWriteAccessPrintsWhileRunningAndAfterStop() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        Self.makeSearchable(ws)
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        try "Kolm school gets new science room\n\nThe primary school on Kolm island will open a new science room after the holidays. The room was paid for by a grant from the regional education fund. Pupils will use microscopes and a small weather station.\n"
            .write(toFile: ws.inbox + "/f77-school.txt", atomically: true, encoding: .utf8)
        let entries = await ws.waitForEntries { $0.count == 1 }
        #expect(entries.count == 1)
        let day = try #require(try FileManager.default.contentsOfDirectory(atPath: ws.digests).first { $0.hasSuffix(".md") }).dropLast(3)
        let args = ["digest", String(day), "--watch", ws.inbox, "--output", ws.digests, "--state", ws.state]
        // The state folder and its files: readable by others, writable only by the owner (root).
        #expect(access(ws.state, W_OK) == 0)
        let running = try Self.asNobody(args)
        #expect(running.status == 0, "\(running.err)")
        #expect(running.out.contains("f77-school.txt"))
        let json = try Self.asNobody(args + ["--format", "json"])
        #expect(json.status == 0, "\(json.err)")
        #expect(json.out.contains("\"source\" : \"f77-school.txt\"") || json.out.contains("\"source\": \"f77-school.txt\""))

        #expect(await service.stop() == 0)
        #expect(!FileManager.default.fileExists(atPath: ws.state + "/digestd.sqlite-wal"), "a clean stop checkpoints the WAL")
        let stopped = try Self.asNobody(args)
        #expect(stopped.status == 0, "\(stopped.err)")
        #expect(stopped.out.contains("f77-school.txt"))
        #expect(stopped.out == running.out)
        let html = try Self.asNobody(args + ["--format", "html"])
        #expect(html.status == 0, "\(html.err)")
        // Nothing was created or changed by the readers.
        #expect(!FileManager.default.fileExists(atPath: ws.state + "/digestd.sqlite-wal"))

        // Without read permission: exit 77 and one plain sentence naming the folder.
        chmod(ws.state, 0o700)
        let denied = try Self.asNobody(args)
        #expect(denied.status == 77)
        #expect(denied.err.contains("cannot read the state folder \(ws.state): permission denied"), "\(denied.err)")
        #expect(!denied.err.contains("SQLite"))
        // --rebuild needs write permission: exit 77 too, when only reading is allowed.
        chmod(ws.state, 0o755)
        let rebuild = try Self.asNobody(["digest", "--rebuild", "--watch", ws.inbox, "--output", ws.digests, "--state", ws.state])
        #expect(rebuild.status == 77)
        #expect(rebuild.err.contains("cannot write the state folder \(ws.state)"), "\(rebuild.err)")
    }
}
