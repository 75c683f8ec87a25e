// Loopback sockets for network-failure tests: a port nothing listens on, and
// a listener that accepts connections (the kernel's backlog does) but never
// reads or answers, the way a hung server or a stuck proxy behaves.

import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Loopback ports for tests of refused and unanswered connections.
public enum LoopbackSockets {
    /// A loopback port nothing listens on: bind one, read its number, close it.
    public static func closedPort() -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return bind(fd, listen: false)
    }

    /// A loopback listener that never answers; `close()` ends it.
    public final class SilentListener: Sendable {
        let fd: Int32
        /// The port it listens on.
        public let port: Int

        /// Opens the listener, or nil when the system refuses a socket.
        public init?() {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { return nil }
            guard let port = LoopbackSockets.bind(fd, listen: true) else {
                _ = Glibc.close(fd)
                return nil
            }
            self.fd = fd
            self.port = port
        }

        /// Stops listening; connections in the backlog are reset.
        public func close() { _ = Glibc.close(fd) }
    }

    /// Binds `fd` to 127.0.0.1 on a free port (and listens); the port, or nil.
    static func bind(_ fd: Int32, listen shouldListen: Bool) -> Int? {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
                    && (!shouldListen || Glibc.listen(fd, 64) == 0)
            }
        }
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : nil
    }
}
