import Digest
import Foundation

/// Paths of the repository and the shared data beside it.
enum Repo {
    /// The package root (two levels above this file's folder).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `../shared` beside the repository (eval data, samples, field cases).
    static let shared = root + "/../shared"

    /// The `digestd` binary built next to the test bundle.
    static let binary: String = {
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleDir.appendingPathComponent("digestd").path,
                          bundleDir.deletingLastPathComponent().appendingPathComponent("digestd").path,
                          root + "/.build/debug/digestd"] where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return root + "/.build/debug/digestd"
    }()
}

/// A temporary workspace with inbox, digest and state folders.
struct Workspace {
    let root: String
    var inbox: String { root + "/inbox" }
    var digests: String { root + "/digests" }
    var state: String { root + "/state" }
    var staging: String { root + "/staging" }

    init(createInbox: Bool = true) {
        root = NSTemporaryDirectory() + "digestd-e2e-" + UUID().uuidString
        let fm = FileManager.default
        try? fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        if createInbox { try? fm.createDirectory(atPath: inbox, withIntermediateDirectories: true) }
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    /// Every entry of every Markdown digest in the digest folder, parsed back.
    func entries() -> [MarkdownDigest.Entry] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: digests)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
        return names.flatMap { name in
            MarkdownDigest.parse((try? String(contentsOfFile: digests + "/" + name, encoding: .utf8)) ?? "") ?? []
        }
    }

    /// Waits until `condition` holds for the digest entries, or the timeout passes.
    @discardableResult
    func waitForEntries(timeout: Duration = .seconds(10), _ condition: ([MarkdownDigest.Entry]) -> Bool) async -> [MarkdownDigest.Entry] {
        let deadline = ContinuousClock.now + timeout
        var entries = self.entries()
        while !condition(entries), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
            entries = self.entries()
        }
        return entries
    }
}

/// The built `digestd` binary running as a child process, its stderr captured to a file.
final class ServiceProcess {
    let process = Process()
    let logPath: String

    /// Starts `digestd run` on the workspace, with extra arguments.
    init(_ workspace: Workspace, arguments: [String] = [], environment: [String: String] = [:]) throws {
        logPath = workspace.root + "/service-\(UUID().uuidString.prefix(8)).log"
        FileManager.default.createFile(atPath: logPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: Repo.binary)
        process.arguments = ["run", "--watch", workspace.inbox, "--output", workspace.digests, "--state", workspace.state,
                             "--log-level", "debug"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["DIGESTD_LOG"] = "stderr"
        env.removeValue(forKey: "NOTIFY_SOCKET")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardError = FileHandle(forWritingAtPath: logPath)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Waits until the service logs that it watches the inbox (it is ready).
    func waitUntilReady(timeout: Duration = .seconds(20)) async -> Bool {
        await waitForLog("watching ", timeout: timeout)
    }

    /// Waits until the service's log holds `text`; false if it does not within `timeout` (or
    /// the service exits first). The log is written as the service goes, so a line about a
    /// write can come a moment after the files it names.
    func waitForLog(_ text: String, timeout: Duration = .seconds(10)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if log.contains(text) { return true }
            if !process.isRunning { return log.contains(text) }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return log.contains(text)
    }

    /// Sends `signal` and waits for the exit; returns the exit status (nil on timeout).
    func stop(signal: Int32 = SIGTERM, timeout: Duration = .seconds(10)) async -> Int32? {
        if process.isRunning { kill(process.processIdentifier, signal) }
        return await waitForExit(timeout: timeout)
    }

    func waitForExit(timeout: Duration = .seconds(10)) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// Runs the binary once to completion; returns exit status, stdout and stderr.
func runDigestd(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
    try runProgram(Repo.binary, arguments, stdin: stdin, environment: environment)
}

/// Runs `path` with `arguments` to completion, standard input a pipe holding `stdin` (empty when
/// nil) and the environment this process's with `environment` laid over it; returns exit status,
/// stdout and stderr.
func runProgram(_ path: String, _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try? input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

/// Whitespace folded to single spaces, for comparing sentences with article text.
func folded(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}
