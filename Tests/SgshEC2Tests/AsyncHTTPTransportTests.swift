// The production transport's failure mapping, on loopback only.

import Foundation
import SgshEC2
import Testing

@Suite struct AsyncHTTPTransportTests {
    /// A loopback port nothing listens on: bind one, read its number, close it.
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func refusedConnectionIsATransportErrorNotATimeout() async throws {
        let transport = AsyncHTTPTransport(timeouts: TransportTimeouts(connect: .seconds(30), read: .seconds(10)))
        let port = try Self.closedPort()
        let start = ContinuousClock.now
        do {
            _ = try await transport.send(
                HTTPTransportRequest(
                    method: "POST", url: "http://127.0.0.1:\(port)/", headers: [], body: Array("x".utf8)))
            Issue.record("expected a connection error")
        } catch let error as EC2ClientError {
            guard case .transport(let reason, let isTimeout) = error else {
                Issue.record("unexpected \(error)")
                try await transport.shutdown()
                return
            }
            #expect(!isTimeout)
            #expect(reason == "connection refused")
        }
        // No silent reconnect loop: a refused connection fails at once, not after the connect timeout.
        #expect(ContinuousClock.now - start < .seconds(5))
        try await transport.shutdown()
    }

    @Test func serverThatNeverAnswersTimesOutAfterTheReadTimeout() async throws {
        let listener = try SilentListener()
        defer { listener.close() }
        let transport = AsyncHTTPTransport(timeouts: TransportTimeouts(connect: .seconds(5), read: .milliseconds(300)))
        let start = ContinuousClock.now
        do {
            _ = try await transport.send(
                HTTPTransportRequest(
                    method: "POST", url: "http://127.0.0.1:\(listener.port)/", headers: [], body: Array("x".utf8)))
            Issue.record("expected a timeout")
        } catch EC2ClientError.transport(let reason, let isTimeout) {
            #expect(isTimeout)
            #expect(reason.hasPrefix("no answer within 0.3 s"), "\(reason)")
        }
        #expect(ContinuousClock.now - start < .seconds(3))
        try await transport.shutdown()
    }

    /// A loopback listener that accepts connections (the kernel's backlog does) and never answers.
    struct SilentListener {
        let fd: Int32
        let port: Int
        init() throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            try #require(fd >= 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let fd = fd
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 && listen(fd, 16) == 0
                }
            }
            try #require(bound)
            port = Int(UInt16(bigEndian: address.sin_port))
        }
        func close() { _ = Glibc.close(fd) }
    }
}
