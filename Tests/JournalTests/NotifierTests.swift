import Foundation
import Testing

@testable import Journal

@Suite("Notifier", .serialized)
struct NotifierTests {
    func recording() -> (Notifier, LockedValue<[String]>) {
        let sent = LockedValue<[String]>([])
        let notifier = Notifier { state in
            sent.withLock { $0.append(state) }
            return 1
        }
        return (notifier, sent)
    }

    @Test("each call sends the sd_notify assignments systemd expects")
    func messages() {
        let (notifier, sent) = recording()
        notifier.ready(status: "watching /in;\n12 articles today")
        notifier.status("busy")
        notifier.reloading()
        notifier.stopping()
        notifier.watchdog()
        let messages = sent.withLock { $0 }
        #expect(messages[0] == "READY=1\nSTATUS=watching /in; 12 articles today")
        #expect(messages[1] == "STATUS=busy")
        #expect(messages[2].wholeMatch(of: /RELOADING=1\nMONOTONIC_USEC=\d+/) != nil)
        #expect(messages[3] == "STOPPING=1")
        #expect(messages[4] == "WATCHDOG=1")
    }

    @Test("MONOTONIC_USEC is CLOCK_MONOTONIC now, in microseconds")
    func monotonic() throws {
        let (notifier, sent) = recording()
        var before = timespec()
        clock_gettime(CLOCK_MONOTONIC, &before)
        notifier.reloading()
        let text = try #require(sent.withLock { $0.first })
        let usec = try #require(UInt64(text.split(separator: "=").last ?? ""))
        let beforeUsec = UInt64(before.tv_sec) * 1_000_000 + UInt64(before.tv_nsec) / 1000
        #expect(usec >= beforeUsec && usec < beforeUsec + 5_000_000)
    }

    @Test("STATUS text is one line and capped")
    func statusCapped() {
        let line = Notifier.statusLine(String(repeating: "é", count: 1000))
        #expect(line.utf8.count <= "STATUS=".utf8.count + Notifier.maxStatusBytes)
        #expect(!line.contains("\n"))
    }

    /// Real `sd_notify` over a datagram socket we bind, as systemd would.
    @Test("sd_notify reaches NOTIFY_SOCKET; the watchdog interval is half of WATCHDOG_USEC")
    func realSocket() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s").path
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in path.utf8.enumerated() { raw[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0)

        let notifier = Notifier()
        unsetenv("NOTIFY_SOCKET")
        #expect(!notifier.isSupervised)
        #expect(!notifier.ready())  // nothing to send to: false, no error

        setenv("NOTIFY_SOCKET", path, 1)
        defer { unsetenv("NOTIFY_SOCKET") }
        #expect(notifier.isSupervised)
        #expect(notifier.ready(status: "up"))
        #expect(notifier.watchdog())
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n1 = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
        #expect(String(decoding: buffer.prefix(max(0, n1)), as: UTF8.self) == "READY=1\nSTATUS=up")
        let n2 = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
        #expect(String(decoding: buffer.prefix(max(0, n2)), as: UTF8.self) == "WATCHDOG=1")

        unsetenv("WATCHDOG_USEC")
        #expect(notifier.watchdogInterval == nil)
        setenv("WATCHDOG_USEC", "30000000", 1)
        setenv("WATCHDOG_PID", String(getpid()), 1)
        defer { unsetenv("WATCHDOG_USEC"); unsetenv("WATCHDOG_PID") }
        #expect(notifier.watchdogInterval == .seconds(15))
        setenv("WATCHDOG_PID", "1", 1)  // meant for another process
        #expect(notifier.watchdogInterval == nil)
    }
}
