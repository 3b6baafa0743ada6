#if canImport(Glibc)
import Glibc
#endif
import CSystemd

/// Tells the service manager what the service is doing, over `sd_notify(3)`.
///
/// Under systemd with `Type=notify`, systemd sets `NOTIFY_SOCKET` and waits for
/// ``ready(status:)`` before it considers the start done. Outside systemd every
/// call does nothing and returns `false`, so code can call it unconditionally.
///
/// Messages are sent from the calling process (`sd_notify(0, …)`), which must
/// be the service's main PID unless the unit says `NotifyAccess=all`; the
/// environment is left as is so that later calls still find the socket.
///
/// - Important: No method throws; a failed send returns `false` and changes
///   nothing else. systemd 252 has no `Type=notify-reload`: the service sends
///   ``reloading()`` and then ``ready(status:)`` itself on `SIGHUP`.
package struct Notifier: Sendable {
    /// The longest `STATUS=` text sent, in bytes (longer text is cut with `…`).
    package static let maxStatusBytes = 512

    private let send: @Sendable (String) -> Int32

    /// A notifier over the real `sd_notify`.
    package init() {
        self.send = { state in digestd_sd_notify(0, state) }
    }

    /// A notifier over another sender, for tests.
    init(send: @escaping @Sendable (String) -> Int32) {
        self.send = send
    }

    /// Whether a service manager listens: `NOTIFY_SOCKET` is set.
    package var isSupervised: Bool {
        guard let value = getenv("NOTIFY_SOCKET") else { return false }
        return value.pointee != 0
    }

    /// How often to call ``watchdog()``: half of `WATCHDOG_USEC`, or `nil` when
    /// the watchdog is off (or meant for another process, per `WATCHDOG_PID`).
    package var watchdogInterval: Duration? {
        var usec: UInt64 = 0
        guard digestd_sd_watchdog_enabled(0, &usec) > 0, usec > 0 else { return nil }
        return .microseconds(Int64(usec / 2))
    }

    /// `READY=1`: start-up (or a reload) is complete and the service does its job.
    ///
    /// Send it only once the config is valid, the state is open, the output
    /// folder is writable and the inbox is watched.
    /// - Parameter status: Optional `STATUS=` text sent in the same message.
    /// - Returns: `true` when the message was sent.
    @discardableResult
    package func ready(status: String? = nil) -> Bool {
        notify(["READY=1"] + (status.map { [Self.statusLine($0)] } ?? []))
    }

    /// `STATUS=`: one line for `systemctl status`, e.g. "watching /var/spool/digestd/inbox; 12 articles today".
    ///
    /// - Parameter text: Free text; control characters become spaces, and it is
    ///   cut to ``maxStatusBytes``.
    /// - Returns: `true` when the message was sent.
    @discardableResult
    package func status(_ text: String) -> Bool {
        notify([Self.statusLine(text)])
    }

    /// `RELOADING=1` with `MONOTONIC_USEC=` (now, `CLOCK_MONOTONIC` in µs), as
    /// systemd expects at the start of a reload; follow it with ``ready(status:)``.
    ///
    /// - Returns: `true` when the message was sent.
    @discardableResult
    package func reloading() -> Bool {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let usec = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
        return notify(["RELOADING=1", "MONOTONIC_USEC=\(usec)"])
    }

    /// `STOPPING=1`: the service is shutting down (finishing the article in hand).
    ///
    /// - Returns: `true` when the message was sent.
    @discardableResult
    package func stopping() -> Bool {
        notify(["STOPPING=1"])
    }

    /// `WATCHDOG=1`: the work loop is alive. Call it from the loop itself, every
    /// ``watchdogInterval``, only while the loop makes progress or is idle.
    ///
    /// - Returns: `true` when the message was sent.
    @discardableResult
    package func watchdog() -> Bool {
        notify(["WATCHDOG=1"])
    }

    private func notify(_ assignments: [String]) -> Bool {
        send(assignments.joined(separator: "\n")) > 0
    }

    static func statusLine(_ text: String) -> String {
        "STATUS=" + JournalValue.clean(text, maxBytes: maxStatusBytes).text
    }
}
