// The core every AWS Query-protocol service shares (EC2 and STS): sign with
// SigV4 using the current credentials, POST the form through the transport
// with retries (each attempt signed afresh), log with secrets redacted, and
// turn a non-2xx answer into an `EC2Error`. Services differ only in their
// actions and response shapes, which live beside their own clients.
//
// Credentials are asked for on every attempt, so a refresh ~5 minutes
// before expiry happens between two calls of a long run; an `ExpiredToken`
// answer forces one refresh and one more try.

import Foundation
import Logging

/// Sends Query-protocol requests to one service endpoint.
public struct AWSQueryClient: Sendable {
    /// Which service.
    public let service: AWSService
    /// The signing region.
    public let region: String
    /// The endpoint URL (`https://sts.eu-west-1.amazonaws.com/`).
    public let endpoint: String
    /// The credentials that sign; nil sends unsigned requests (AssumeRoleWithWebIdentity).
    public let credentials: RefreshingCredentials?
    let transport: any HTTPTransport
    let executor: RetryingExecutor
    let logger: Logger
    let now: @Sendable () -> Date
    /// The signed, logged POST every attempt makes.
    private let post: SignedPost

    /// Error codes that mean "these credentials ran out".
    static let expiredCodes: Set<String> = ["ExpiredToken", "ExpiredTokenException", "RequestExpired"]

    /// Creates a client.
    public init(
        service: AWSService, region: String, endpoint: String, credentials: RefreshingCredentials?,
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

    /// Sends one request with retries and returns the body of its 2xx answer.
    /// - Throws: `EC2Error` (service answer), `EC2ClientError` (transport), `CredentialError`.
    public func send(_ request: EC2QueryRequest) async throws -> [UInt8] {
        try await answer(request).body
    }

    /// Sends one request with retries and returns the body of its 2xx answer, and whether an
    /// earlier attempt went unanswered: that attempt may have been applied, so the answer may
    /// describe its echo (a revoke's `UnknownIpPermissions` listing the rules it removed).
    /// - Throws: `EC2Error` (service answer), `EC2ClientError` (transport), `CredentialError`.
    public func answer(_ request: EC2QueryRequest) async throws -> (body: [UInt8], afterUnansweredAttempt: Bool) {
        do {
            return try await sendWithRetries(request)
        } catch let error as EC2Error where Self.expiredCodes.contains(error.code) && credentials != nil {
            logger.debug("\(service.displayName) \(request.action): \(error.code); refreshing credentials once")
            try await credentials?.refresh()
            return try await sendWithRetries(request)
        }
    }

    /// Sends with retries; when no attempt got an answer, says where it tried and how often.
    /// A service error that follows an unanswered attempt says so: that attempt may have been
    /// applied, and the error (`InvalidPermission.Duplicate`) may be its own echo.
    private func sendWithRetries(_ request: EC2QueryRequest) async throws -> (
        body: [UInt8], afterUnansweredAttempt: Bool
    ) {
        var attempts = 0
        var unanswered = false
        do {
            let name = "\(service.displayName) \(request.action)"
            let body = try await executor.run(classify: Self.classify, note: { logger.debug("\(name): \($0)") }) {
                attempt in
                attempts = attempt
                do {
                    return try await self.attempt(request, number: attempt)
                } catch let error as EC2ClientError {
                    unanswered = true
                    throw error
                }
            }
            return (body, unanswered)
        } catch var error as EC2Error where unanswered {
            error.afterUnansweredAttempt = true
            throw error
        } catch EC2ClientError.transport(let reason, let isTimeout) {
            throw EC2ClientError.unreachable(
                service: service.displayName, endpoint: endpoint, reason: reason, isTimeout: isTimeout,
                attempts: attempts)
        }
    }

    private func attempt(_ request: EC2QueryRequest, number: Int) async throws -> [UInt8] {
        let (response, redactor) = try await post.send(
            action: request.action, attempt: number,
            headers: [(name: "Content-Type", value: EC2QueryRequest.contentType)], body: request.bodyBytes,
            credentials: credentials, loggedBody: Self.redactedBody(request), loggedAnswer: Self.redactedResponse)
        guard (200..<300).contains(response.status) else {
            // A service or proxy that echoes a secret back must not carry it into messages.
            var error = EC2Error.parse(response.body, httpStatus: response.status)
            error.message = redactor.scrub(error.message)
            throw error
        }
        return response.body
    }

    /// The form body with any web-identity token or MFA code replaced.
    static func redactedBody(_ request: EC2QueryRequest) -> String {
        let secretNames: Set<String> = ["WebIdentityToken", "TokenCode"]
        guard request.parameters.contains(where: { secretNames.contains($0.name) }) else { return request.body }
        return request.parameters.map { parameter in
            let value = secretNames.contains(parameter.name) ? "<redacted>" : parameter.value
            return "\(parameter.name)=\(SigV4Signer.percentEncode(value, keepSlash: false))"
        }.joined(separator: "&")
    }

    /// The response text for the log, with the elements that carry credentials emptied.
    static func redactedResponse(_ body: [UInt8]) -> String {
        var text = String(decoding: body.prefix(16_384), as: UTF8.self)
        for element in ["SecretAccessKey", "SessionToken"] {
            while let open = text.range(of: "<\(element)>"),
                let close = text.range(of: "</\(element)>", range: open.upperBound..<text.endIndex)
            {
                text.replaceSubrange(open.lowerBound..<close.upperBound, with: "<\(element)-redacted/>")
            }
        }
        return text
    }

    static func classify(_ error: any Error) -> RetryableFailure? {
        switch error {
        case let error as EC2Error: .service(httpStatus: error.httpStatus, code: error.code)
        case EC2ClientError.transport(_, let isTimeout): .connection(isTimeout: isTimeout)
        default: nil
        }
    }
}
