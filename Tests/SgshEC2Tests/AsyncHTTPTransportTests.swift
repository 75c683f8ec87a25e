// The production transport's failure mapping, on loopback only: a refused
// connection fails at once, a silent server after the read timeout.

import Foundation
import SgshEC2
import SgshTestSupport
import Testing

@Suite struct AsyncHTTPTransportTests {
    @Test func refusedConnectionIsATransportErrorNotATimeout() async throws {
        let transport = AsyncHTTPTransport(timeouts: TransportTimeouts(connect: .seconds(120), read: .seconds(10)))
        let port = try #require(LoopbackSockets.closedPort())
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
        // No silent reconnect loop: a refused connection fails at once (milliseconds), not after
        // the 120 s connect timeout. The bound is loose: a saturated test machine stalls for seconds.
        #expect(ContinuousClock.now - start < .seconds(60))
        try await transport.shutdown()
    }

    @Test func serverThatNeverAnswersTimesOutAfterTheReadTimeout() async throws {
        let listener = try #require(LoopbackSockets.SilentListener())
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
        // The reason names the read timeout (above); the bound only catches a hang.
        #expect(ContinuousClock.now - start < .seconds(60))
        try await transport.shutdown()
    }
}
