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
    /// The signed, logged POST every attempt makes.
    private let post: SignedPost

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
        post = SignedPost(
            endpoint: endpoint, normalized: self.endpoint, region: region, signingName: service.signingName,
            displayName: service.displayName, transport: transport, logger: logger, now: now)
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
        let (response, redactor) = try await post.send(
            action: operation, attempt: number,
            headers: [
                (name: "Content-Type", value: Self.contentType),
                (name: "X-Amz-Target", value: "\(service.targetPrefix).\(operation)"),
            ],
            body: body, credentials: credentials, loggedBody: String(decoding: body, as: UTF8.self),
            loggedAnswer: { String(decoding: $0.prefix(16_384), as: UTF8.self) })
        guard (200..<300).contains(response.status) else {
            var error = AWSJSONError.parse(response)
            error.message = redactor.scrub(error.message)
            throw error
        }
        return response.body
    }
}
