// The AWS JSON 1.1 protocol (Organizations): a POST to `/` whose operation is
// named by the `X-Amz-Target` header and whose input and output are JSON.
// It shares everything else with the Query services (AWSQueryClient):
// SigV4 signing with the current credentials, the retry executor and its
// classification, the transport, secret redaction in --debug logs, one
// refresh and retry after an `ExpiredToken` answer.

import Foundation
import Logging

/// Sends JSON 1.1 requests to one service endpoint.
public struct AWSJSONClient: Sendable {
    /// Which service.
    public let service: AWSJSONService
    /// The signing region.
    public let region: String
    /// The endpoint URL (`https://organizations.us-east-1.amazonaws.com/`).
    public let endpoint: String
    /// The credentials that sign.
    public let credentials: RefreshingCredentials
    let transport: any HTTPTransport
    let executor: RetryingExecutor
    let logger: Logger
    let now: @Sendable () -> Date
    private let hostHeader: String

    /// The content type of every request and answer.
    public static let contentType = "application/x-amz-json-1.1"

    /// Creates a client.
    public init(
        service: AWSJSONService, region: String, endpoint: String, credentials: RefreshingCredentials,
        transport: any HTTPTransport, executor: RetryingExecutor = RetryingExecutor(), logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.service = service
        self.region = region
        self.endpoint = EC2Endpoint.normalized(endpoint)
        self.credentials = credentials
        self.transport = transport
        self.executor = executor
        self.logger = logger
        self.now = now
        hostHeader = EC2Endpoint.hostHeader(of: endpoint) ?? ""
    }

    /// Sends `input` to `operation` with retries and decodes the 2xx answer.
    /// - Throws: `EC2Error` (service answer), `EC2ClientError` (transport, unreadable answer), `CredentialError`.
    public func send<Input: Encodable & Sendable, Output: Decodable>(
        _ operation: String, _ input: Input, as: Output.Type
    ) async throws -> Output {
        let body = Array(try JSONEncoder().encode(input))
        let answer: [UInt8]
        do {
            answer = try await sendWithRetries(operation, body)
        } catch let error as EC2Error where AWSQueryClient.expiredCodes.contains(error.code) {
            logger.debug("\(service.displayName) \(operation): \(error.code); refreshing credentials once")
            try await credentials.refresh()
            answer = try await sendWithRetries(operation, body)
        }
        do {
            return try JSONDecoder().decode(Output.self, from: Data(answer))
        } catch {
            throw EC2ClientError.malformedResponse(action: operation, detail: "\(error)")
        }
    }

    private func sendWithRetries(_ operation: String, _ body: [UInt8]) async throws -> [UInt8] {
        try await executor.run(classify: AWSQueryClient.classify) { attempt in
            try await self.attempt(operation, body, number: attempt)
        }
    }

    private func attempt(_ operation: String, _ body: [UInt8], number: Int) async throws -> [UInt8] {
        var signing = SigV4Request(
            method: "POST", path: EC2Endpoint.path(of: endpoint),
            headers: [
                (name: "Content-Type", value: Self.contentType), (name: "Host", value: hostHeader),
                (name: "X-Amz-Target", value: "\(service.targetPrefix).\(operation)"),
            ],
            body: body)
        let current = try await credentials.current()
        SigV4Signer(credentials: current, region: region, service: service.signingName).sign(&signing, date: now())
        let redactor = LogRedactor(credentials: current)
        let outgoing = HTTPTransportRequest(method: "POST", url: endpoint, headers: signing.headers, body: body)
        let name = service.displayName
        if logger.logLevel <= .debug {
            logger.debug(
                "\(name) request \(operation) attempt \(number): POST \(endpoint)\n\(redactor.headers(outgoing.headers))\n\(redactor.scrub(String(decoding: body, as: UTF8.self)))",
                metadata: ["action": "\(operation)", "attempt": "\(number)"])
        }
        let response = try await transport.send(outgoing)
        if logger.logLevel <= .debug {
            logger.debug(
                "\(name) response \(operation): HTTP \(response.status)\n\(redactor.scrub(String(decoding: response.body.prefix(16_384), as: UTF8.self)))",
                metadata: ["action": "\(operation)", "status": "\(response.status)"])
        }
        guard (200..<300).contains(response.status) else {
            var error = AWSJSONError.parse(response)
            error.message = redactor.scrub(error.message)
            throw error
        }
        return response.body
    }
}
