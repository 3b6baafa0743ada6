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

    /// Picks the backend for this process.
    ///
    /// Order: `DIGESTD_LOG=stderr|journal` wins; otherwise the journal when the
    /// native socket exists (under systemd `JOURNAL_STREAM` is set as well), and
    /// stderr when it does not. `JOURNAL_STREAM` alone is not enough:
    /// without the socket file `sd_journal_sendv` returns 0 and drops every
    /// entry silently, while stderr still reaches the journal as plain lines.
    ///
    /// - Parameters:
    ///   - environment: The process environment.
    ///   - journalSocketExists: Whether ``journalSocketPath`` is a socket; by
    ///     default, looked up in the file system.
    /// - Returns: The backend to use.
    package static func chooseBackend(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        journalSocketExists: Bool? = nil
    ) -> Backend {
        if let forced = environment[overrideVariable].flatMap(Backend.init(rawValue:)) {
            return forced
        }
        return (journalSocketExists ?? isSocket(journalSocketPath)) ? .journal : .stderr
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
    ///     command); `nil` chooses with ``chooseBackend(environment:journalSocketExists:)``.
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
