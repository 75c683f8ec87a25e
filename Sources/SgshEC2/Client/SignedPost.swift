// One signed POST to an AWS endpoint, logged at debug with secrets redacted:
// the part of an attempt that the Query protocol (EC2, STS) and AWS JSON 1.1
// (Organizations) share. Each client adds its own headers and body and reads
// its own answer.

import Foundation
import Logging

struct SignedPost: Sendable {
    let endpoint: String
    let hostHeader: String
    let region: String
    /// The SigV4 service name (`ec2`, `sts`, `organizations`).
    let signingName: String
    /// The name in log lines (`EC2`, `Organizations`).
    let displayName: String
    let transport: any HTTPTransport
    let logger: Logger
    let now: @Sendable () -> Date

    /// `endpoint` as the client was given it (the Host header is read from it) and as it is
    /// sent to (`normalized`).
    init(
        endpoint: String, normalized: String, region: String, signingName: String, displayName: String,
        transport: any HTTPTransport, logger: Logger, now: @escaping @Sendable () -> Date
    ) {
        self.endpoint = normalized
        self.hostHeader = EC2Endpoint.hostHeader(of: endpoint) ?? ""
        self.region = region
        self.signingName = signingName
        self.displayName = displayName
        self.transport = transport
        self.logger = logger
        self.now = now
    }

    /// Signs (when there are credentials) and sends `body`; logs both ways at debug.
    /// - Parameters:
    ///   - headers: the protocol's headers besides Host (Content-Type, X-Amz-Target).
    ///   - loggedBody: the body as the log may show it (the caller hides what must not appear);
    ///     made only when debug logging is on.
    ///   - loggedAnswer: the answer's body as the log may show it.
    /// - Returns: the answer, and the redactor for what the caller reports of it.
    func send(
        action: String, attempt: Int, headers: [(name: String, value: String)], body: [UInt8],
        credentials: RefreshingCredentials?, loggedBody: @autoclosure () -> String,
        loggedAnswer: @Sendable ([UInt8]) -> String
    ) async throws -> (HTTPTransportResponse, LogRedactor) {
        var signing = SigV4Request(
            method: "POST", path: EC2Endpoint.path(of: endpoint),
            headers: headers + [(name: "Host", value: hostHeader)],
            body: body)
        let current = try await credentials?.current()
        if let current {
            SigV4Signer(credentials: current, region: region, service: signingName).sign(&signing, date: now())
        }
        let redactor = LogRedactor(credentials: current)
        let outgoing = HTTPTransportRequest(method: "POST", url: endpoint, headers: signing.headers, body: body)
        if logger.logLevel <= .debug {
            logger.debug(
                "\(displayName) request \(action) attempt \(attempt): POST \(endpoint)\n\(redactor.headers(outgoing.headers))\n\(redactor.scrub(loggedBody()))",
                metadata: ["action": "\(action)", "attempt": "\(attempt)"])
        }
        let response = try await transport.send(outgoing)
        if logger.logLevel <= .debug {
            logger.debug(
                "\(displayName) response \(action): HTTP \(response.status)\n\(redactor.scrub(loggedAnswer(response.body)))",
                metadata: ["action": "\(action)", "status": "\(response.status)"])
        }
        return (response, redactor)
    }
}
