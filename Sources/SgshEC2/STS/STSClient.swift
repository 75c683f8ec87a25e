// STS over the shared Query core: only its actions and response shapes live
// here (AssumeRole, AssumeRoleWithWebIdentity, GetCallerIdentity).

import Foundation
import Logging

/// Who the credentials belong to (GetCallerIdentity).
public struct CallerIdentity: Hashable, Sendable {
    /// The 12-digit account id.
    public var account: String
    /// The caller's ARN (`arn:aws:sts::123456789012:assumed-role/Admin/session`).
    public var arn: String
    /// The unique id of the user or role session.
    public var userId: String
}

/// The STS actions sgsh uses.
public struct STSClient: Sendable {
    /// The shared Query client, with service `sts`.
    public let client: AWSQueryClient

    /// Creates a client over the shared core.
    public init(client: AWSQueryClient) { self.client = client }

    /// Creates a client signing with `credentials` (nil: unsigned).
    init(
        region: String, endpoint: String, credentials: RefreshingCredentials?, context: CredentialContext,
        executor: RetryingExecutor = RetryingExecutor()
    ) {
        self.init(
            client: AWSQueryClient(
                service: .sts, region: region, endpoint: endpoint, credentials: credentials,
                transport: context.transport, executor: executor, logger: context.logger, now: context.now))
    }

    /// GetCallerIdentity.
    public func getCallerIdentity() async throws -> CallerIdentity {
        let result = try await call("GetCallerIdentity", [])
        guard let account = result.string("Account"), let arn = result.string("Arn") else {
            throw EC2ClientError.malformedResponse(action: "GetCallerIdentity", detail: "no Account or Arn")
        }
        return CallerIdentity(
            account: account.trimmed, arn: arn.trimmed, userId: result.string("UserId")?.trimmed ?? "")
    }

    /// AssumeRole; `tokenCode` with `serialNumber` for MFA.
    func assumeRole(
        roleArn: String, sessionName: String, externalId: String?, durationSeconds: Int?, serialNumber: String?,
        tokenCode: String?
    ) async throws -> AWSCredentials {
        try Self.credentials(
            try await call(
                "AssumeRole",
                [
                    .init("RoleArn", .string(roleArn)), .init("RoleSessionName", .string(sessionName)),
                    .init("ExternalId", .string(externalId)), .init("DurationSeconds", .integer(durationSeconds)),
                    .init("SerialNumber", .string(serialNumber)), .init("TokenCode", .string(tokenCode)),
                ]), action: "AssumeRole")
    }

    /// AssumeRoleWithWebIdentity (sent unsigned: the token is the proof).
    func assumeRoleWithWebIdentity(roleArn: String, sessionName: String, token: String, durationSeconds: Int?)
        async throws -> AWSCredentials
    {
        try Self.credentials(
            try await call(
                "AssumeRoleWithWebIdentity",
                [
                    .init("RoleArn", .string(roleArn)), .init("RoleSessionName", .string(sessionName)),
                    .init("WebIdentityToken", .string(token)), .init("DurationSeconds", .integer(durationSeconds)),
                ]), action: "AssumeRoleWithWebIdentity")
    }

    /// Sends an action and returns its `<ActionResult>` element.
    private func call(_ action: String, _ members: [EC2QueryValue.Member]) async throws -> XMLNode {
        let request = EC2QueryRequest(action: action, input: .structure(members), version: AWSService.sts.version)
        let body = try await client.send(request)
        let root: XMLNode
        do {
            root = try XMLNode.parse(body)
        } catch {
            throw EC2ClientError.malformedResponse(action: action, detail: "\(error)")
        }
        guard let result = root.child("\(action)Result") else {
            throw EC2ClientError.malformedResponse(action: action, detail: "no \(action)Result")
        }
        return result
    }

    private static func credentials(_ result: XMLNode, action: String) throws -> AWSCredentials {
        guard let node = result.child("Credentials"), let key = node.string("AccessKeyId"),
            let secret = node.string("SecretAccessKey")
        else { throw EC2ClientError.malformedResponse(action: action, detail: "no Credentials") }
        return AWSCredentials(
            accessKeyId: key.trimmed, secretAccessKey: secret.trimmed,
            sessionToken: node.string("SessionToken")?.trimmed,
            expiration: node.string("Expiration").flatMap { CredentialJSON.parseDate($0.trimmed) })
    }
}
