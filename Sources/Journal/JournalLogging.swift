import Foundation
import Logging

/// Start-up choice of the log handler: the native journal under systemd,
/// readable stderr lines elsewhere.
///
/// Call ``bootstrap(identifier:level:backend:environment:)`` once, first thing
/// in `main`, before any `Logger` is made.
package enum JournalLogging {
    /// Where log messages go.
    package enum Backend: String, Sendable, CaseIterable {
        /// Native journal entries through `sd_journal_sendv` (``JournalLogHandler``).
        case journal
        /// One line per message on stderr (``StderrLogHandler``).
        case stderr
    }

    /// The socket `sd_journal_sendv` writes to.
    package static let journalSocketPath = "/run/systemd/journal/socket"

    /// The environment variable that forces a backend: `DIGESTD_LOG=stderr`
    /// or `DIGESTD_LOG=journal`; any other value, or none, means automatic.
    package static let overrideVariable = "DIGESTD_LOG"

    /// The backend the last ``bootstrap(identifier:level:backend:environment:)`` chose,
    /// or `nil` before it was called.
    package static var chosenBackend: Backend? { state.withLock { $0 } }

    /// What the process's standard error is, as far as the backend choice needs it.
    package struct StandardError: Sendable, Equatable {
        /// `isatty(2)`: a person is probably reading it.
        package var isTerminal: Bool
        /// `st_dev` and `st_ino` of fd 2 (`nil` when fd 2 is closed), to compare
        /// with `JOURNAL_STREAM`.
        package var device: UInt64?
        package var inode: UInt64?

        /// Makes a description (for tests; the process's own comes from ``current()``).
        package init(isTerminal: Bool, device: UInt64? = nil, inode: UInt64? = nil) {
            self.isTerminal = isTerminal
            self.device = device
            self.inode = inode
        }

        /// Fd 2 of this process.
        package static func current() -> StandardError { of(descriptor: 2) }

        /// Any open descriptor, described as if it were stderr.
        package static func of(descriptor: Int32) -> StandardError {
            var info = stat()
            guard fstat(descriptor, &info) == 0 else { return StandardError(isTerminal: false) }
            return StandardError(isTerminal: isatty(descriptor) == 1,
                                 device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        }
    }

    /// Whether systemd connected standard error to the journal: `JOURNAL_STREAM`
    /// (`<device>:<inode>`, both decimal) names the same file as fd 2.
    ///
    /// systemd.exec(5), "JOURNAL_STREAM": "primarily useful to allow services to
    /// optionally upgrade their used log protocol to the native journal protocol"
    /// after checking that the device and inode match those of stderr; a child
    /// whose stderr was redirected elsewhere inherits the variable but not the
    /// match. sd_journal_print(3) describes the same check.
    package static func stderrIsJournalStream(environment: [String: String], stderr: StandardError) -> Bool {
        guard let value = environment["JOURNAL_STREAM"], let device = stderr.device, let inode = stderr.inode else {
            return false
        }
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let d = UInt64(parts[0]), let i = UInt64(parts[1]) else { return false }
        return d == device && i == inode
    }

    /// Picks the backend for this process.
    ///
    /// Order:
    /// 1. `DIGESTD_LOG=stderr|journal` wins.
    /// 2. Without the native socket, stderr: `sd_journal_sendv` would return 0
    ///    and drop every entry silently, while stderr still reaches journald
    ///    as plain lines under systemd.
    /// 3. The journal when systemd connected stderr to it (`JOURNAL_STREAM`
    ///    matches fd 2, see ``stderrIsJournalStream(environment:stderr:)``).
    /// 4. Stderr when it is a terminal: someone runs `digestd` by hand and must
    ///    see its messages there, even on a host where journald runs (a shell in
    ///    a desktop session can inherit `INVOCATION_ID` and `JOURNAL_STREAM`
    ///    from the terminal emulator's unit).
    /// 5. The journal when systemd started the process (`INVOCATION_ID` set,
    ///    systemd.exec(5)), e.g. `StandardError=null` or a file.
    /// 6. Otherwise stderr: a pipe or file someone else set up (a shell
    ///    redirect, cron, a supervisor) is where they look.
    ///
    /// - Parameters:
    ///   - environment: The process environment.
    ///   - journalSocketExists: Whether ``journalSocketPath`` is a socket; by
    ///     default, looked up in the file system.
    ///   - stderr: What fd 2 is; by default this process's.
    /// - Returns: The backend to use.
    package static func chooseBackend(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        journalSocketExists: Bool? = nil,
        stderr: StandardError? = nil
    ) -> Backend {
        if let forced = environment[overrideVariable].flatMap(Backend.init(rawValue:)) {
            return forced
        }
        guard journalSocketExists ?? isSocket(journalSocketPath) else { return .stderr }
        let stderr = stderr ?? .current()
        if stderrIsJournalStream(environment: environment, stderr: stderr) { return .journal }
        if stderr.isTerminal { return .stderr }
        if let id = environment["INVOCATION_ID"], !id.isEmpty { return .journal }
        return .stderr
    }

    /// Installs the chosen handler as swift-log's global factory.
    ///
    /// Every handler made afterwards shares one journal connection state (one
    /// count of lost entries).
    ///
    /// - Parameters:
    ///   - identifier: `SYSLOG_IDENTIFIER` of every journal entry.
    ///   - level: The lowest level written, for every logger.
    ///   - backend: Forces a backend (for example `.stderr` for an interactive
    ///     command); `nil` chooses with ``chooseBackend(environment:journalSocketExists:stderr:)``.
    ///   - environment: The process environment, consulted when `backend` is `nil`.
    /// - Returns: The backend in use, also readable later as ``chosenBackend``.
    /// - Important: swift-log allows one bootstrap per process; a second call
    ///   stops the process with a precondition failure.
    @discardableResult
    package static func bootstrap(
        identifier: String = "digestd",
        level: Logger.Level,
        backend: Backend? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Backend {
        let chosen = backend ?? chooseBackend(environment: environment)
        state.withLock { $0 = chosen }
        switch chosen {
        case .journal:
            let sink = JournalSink(identifier: identifier)
            LoggingSystem.bootstrap({ label, provider in
                var handler = JournalLogHandler(label: label, sink: sink, metadataProvider: provider)
                handler.logLevel = level
                return handler
            }, metadataProvider: nil)
        case .stderr:
            LoggingSystem.bootstrap({ label, provider in
                var handler = StderrLogHandler(label: label, metadataProvider: provider)
                handler.logLevel = level
                return handler
            }, metadataProvider: nil)
        }
        return chosen
    }

    private static let state = LockedValue<Backend?>(nil)

    private static func isSocket(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFSOCK
    }
}

/// A value behind a lock.
final class LockedValue<Value: Sendable>: @unchecked Sendable {
    // @unchecked Sendable: `value` is only touched inside `withLock`, under `lock`.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
