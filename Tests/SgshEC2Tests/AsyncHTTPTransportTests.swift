// The production transport's failure mapping, on loopback only: a refused
// connection fails at once, a silent server after the read timeout.

import Foundation
import SgshEC2
import SgshTestSupport
import Testing

@Suite struct AsyncHTTPTransportTests {
    @Test func refusedConnectionIsATransportErrorNotATimeout() async throws {
        let transport = AsyncHTTPTransport(timeouts: TransportTimeouts(connect: .seconds(30), read: .seconds(10)))
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
        // No silent reconnect loop: a refused connection fails at once, not after the connect timeout.
        #expect(ContinuousClock.now - start < .seconds(8))
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
        // Waiting out the 10 s of the old whole-request deadline would fail this; the slack is for a loaded machine.
        #expect(ContinuousClock.now - start < .seconds(8))
        try await transport.shutdown()
    }
}
