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
        let transport = AsyncHTTPTransport(connectTimeout: .seconds(1), requestTimeout: .seconds(10))
        let port = try Self.closedPort()
        do {
            _ = try await transport.send(
                HTTPTransportRequest(
                    method: "POST", url: "http://127.0.0.1:\(port)/", headers: [], body: Array("x".utf8)))
            Issue.record("expected a connection error")
        } catch let error as EC2ClientError {
            guard case .transport(_, let isTimeout) = error else {
                Issue.record("unexpected \(error)")
                try await transport.shutdown()
                return
            }
            #expect(!isTimeout)
        }
        try await transport.shutdown()
    }
}
