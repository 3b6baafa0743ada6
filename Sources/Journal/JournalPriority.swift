import Logging

/// A syslog priority, as journald stores it in the `PRIORITY` field
/// (RFC 5424 severity: 0 is the most severe, 7 the least).
package enum JournalPriority: Int, Sendable, CaseIterable {
    /// System is unusable (0). swift-log has no level for it.
    case emergency = 0
    /// Action must be taken immediately (1). swift-log has no level for it.
    case alert = 1
    /// Critical conditions (2), from `Logger.Level.critical`.
    case critical = 2
    /// Error conditions (3), from `Logger.Level.error`.
    case error = 3
    /// Warning conditions (4), from `Logger.Level.warning`.
    case warning = 4
    /// Normal but significant conditions (5), from `Logger.Level.notice`.
    case notice = 5
    /// Informational messages (6), from `Logger.Level.info`.
    case info = 6
    /// Debug-level messages (7), from `Logger.Level.debug` and `.trace`.
    case debug = 7

    /// The priority of a swift-log level: trace and debug → 7, info → 6,
    /// notice → 5, warning → 4, error → 3, critical → 2.
    ///
    /// - Parameter level: A swift-log level.
    package init(_ level: Logger.Level) {
        switch level {
        case .trace, .debug: self = .debug
        case .info: self = .info
        case .notice: self = .notice
        case .warning: self = .warning
        case .error: self = .error
        case .critical: self = .critical
        }
    }
}
