import Foundation

/// A bound `AF_UNIX` datagram socket playing systemd's `NOTIFY_SOCKET`: pass ``path`` to the
/// service in `NOTIFY_SOCKET` and read what it sent with ``received()`` (`READY=1`, `STATUS=…`).
final class NotifySocket {
    let path: String
    private let fd: Int32

    /// Binds a new socket at `path` (which must not exist; at most 107 bytes).
    init?(path: String) {
        guard path.utf8.count < MemoryLayout.size(ofValue: sockaddr_un().sun_path) else { return nil }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in path.utf8.enumerated() { raw[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { close(fd); return nil }
        self.fd = fd
        self.path = path
    }

    /// Every datagram waiting on the socket, oldest first (does not block).
    func received() -> [String] {
        var messages: [String] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            guard n > 0 else { return messages }
            messages.append(String(decoding: buffer.prefix(n), as: UTF8.self))
        }
    }

    deinit {
        close(fd)
        unlink(path)
    }
}
