import Digest
import Foundation
import Testing

// Helpers shared by the Intake*FieldCaseTests suites: the shared field cases, their act.sh
// scripts, other processes, and reading the service's stderr log line by line.

/// One case folder of `../shared/field-cases` (read-only: inputs are copied out of it).
struct FieldCase {
    let id: String
    var folder: String { Repo.shared + "/field-cases/" + id }

    init(_ id: String) { self.id = id }

    /// Copies the case's input files (`id-lowercased-*`) into `folder`, keeping their bytes.
    /// - Parameter age: set each copy's modification time this far in the past (a file present
    ///   before the service started).
    func copyInputs(to folder: String, age: TimeInterval? = nil) throws -> [String] {
        let prefix = id.lowercased() + "-"
        let names = try FileManager.default.contentsOfDirectory(atPath: self.folder).filter { $0.hasPrefix(prefix) }.sorted()
        for name in names {
            let data = try Data(contentsOf: URL(fileURLWithPath: self.folder + "/" + name))
            let staged = folder + "/." + name + ".copying"
            try data.write(to: URL(fileURLWithPath: staged))
            if let age { try FileManager.default.setAttributes([.modificationDate: Date() - age], ofItemAtPath: staged) }
            #expect(rename(staged, folder + "/" + name) == 0)
        }
        return names
    }

    func expected(_ name: String) throws -> String {
        try String(contentsOfFile: folder + "/expected/" + name, encoding: .utf8)
    }

    /// Starts `act.sh` with `arguments` (its output goes to a file in `workspace`).
    func act(_ workspace: Workspace, _ arguments: [String]) throws -> ChildProcess {
        try ChildProcess("/bin/bash", [folder + "/act.sh"] + arguments, logIn: workspace.root)
    }
}

/// Any program run as a child, stdout and stderr to one file, waited for without blocking a thread.
final class ChildProcess {
    let process = Process()
    let logPath: String

    init(_ executable: String, _ arguments: [String], logIn folder: String, environment: [String: String] = [:]) throws {
        logPath = folder + "/child-\(UUID().uuidString.prefix(8)).log"
        FileManager.default.createFile(atPath: logPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["DIGESTD_LOG"] = "stderr"
        env.removeValue(forKey: "NOTIFY_SOCKET")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let handle = FileHandle(forWritingAtPath: logPath)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var output: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
    var isRunning: Bool { process.isRunning }

    /// The exit status, or nil when it is still running after `timeout`.
    func waitForExit(timeout: Duration = .seconds(60)) async -> Int32? {
        await eventually(timeout: timeout, interval: .milliseconds(20)) { !process.isRunning }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Waits until the service logs that it watches the inbox (false if it exits first).
    func waitUntilReady(timeout: Duration = .seconds(20)) async -> Bool {
        await eventually(timeout: timeout, interval: .milliseconds(20)) { output.contains("watching ") || !process.isRunning }
        return output.contains("watching ")
    }

    func stop(signal: Int32 = SIGTERM, timeout: Duration = .seconds(10)) async -> Int32? {
        if process.isRunning { kill(process.processIdentifier, signal) }
        return await waitForExit(timeout: timeout)
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// One line of the service's stderr log: `TIME LEVEL message KEY=value KEY="two words"`.
struct LogLine {
    let level: String
    let text: String
    let fields: [String: String]

    init(_ line: Substring) {
        text = String(line)
        let parts = line.split(separator: " ", maxSplits: 2)
        level = parts.count > 1 ? String(parts[1]) : ""
        var fields: [String: String] = [:]
        for token in line.split(separator: " ") {
            guard let eq = token.firstIndex(of: "="), token[..<eq].allSatisfy({ $0.isUppercase || $0 == "_" || $0.isNumber }) else { continue }
            var value = String(token[token.index(after: eq)...])
            if value.hasPrefix("\"") { value = String(value.dropFirst()) }
            if value.hasSuffix("\"") { value = String(value.dropLast()) }
            fields[String(token[..<eq])] = value
        }
        self.fields = fields
    }

    var article: String? { fields["DIGESTD_ARTICLE"] }

    /// `true` when the line is about the inbox entry `name`.
    func isAbout(_ name: String) -> Bool { article?.hasSuffix("/" + name) ?? false }

    var isWarningOrWorse: Bool { ["warning", "error", "critical"].contains(level) }
}

func logLines(_ log: String) -> [LogLine] {
    log.split(separator: "\n").map(LogLine.init)
}

/// Warnings (or worse) about the inbox entry `name`.
func warnings(in log: String, about name: String) -> [LogLine] {
    logLines(log).filter { $0.isWarningOrWorse && $0.isAbout(name) }
}

/// The digest entries whose source is `name`.
func entries(_ workspace: Workspace, source name: String) -> [MarkdownDigest.Entry] {
    workspace.entries().filter { $0.source == name }
}

/// Polls `condition` every `interval` until it holds or `timeout` passes; returns whether it held.
@discardableResult
func eventually(timeout: Duration, interval: Duration = .milliseconds(100), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: interval)
    }
    return condition()
}

/// A configuration file in the workspace with the given `[inbox]` lines.
func writeConfiguration(_ workspace: Workspace, inbox lines: [String]) throws -> String {
    let path = workspace.root + "/digestd.toml"
    try ("[inbox]\n" + lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// Peak resident memory of a process, in kB (`VmHWM` in /proc/PID/status).
func peakResidentKilobytes(_ pid: Int32) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }
    return nil
}

/// Number of inotify watches a process holds (`inotify wd:` lines in /proc/PID/fdinfo).
func inotifyWatchCount(_ pid: Int32) -> Int {
    let fm = FileManager.default
    let folder = "/proc/\(pid)/fdinfo"
    var count = 0
    for fd in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] {
        let info = (try? String(contentsOfFile: folder + "/" + fd, encoding: .utf8)) ?? ""
        count += info.split(separator: "\n").filter { $0.hasPrefix("inotify wd:") }.count
    }
    return count
}

/// Article text that no other generated article shares (the same bytes under two names count once).
func uniqueArticle(_ i: Int, words: String = "notice") -> String {
    """
    Parish \(words) number \(i)

    The parish hall will host meeting number \(i) on Saturday morning.
    Volunteers for meeting \(i) should arrive one hour early to set up the chairs.
    Tea and cake will be served after meeting \(i) in the small garden room.

    """
}
