// The credentials of one account of a fleet: STS AssumeRole of
// `arn:aws:iam::ACCOUNT:role/NAME`, signed with the caller's own credentials
// (the management or security account). Wrapped in RefreshingCredentials,
// one per account, so every region of the account shares one AssumeRole and
// long fleet runs refresh before expiry.

import Foundation

/// Assumes a named role in one account.
public struct AccountRoleCredentialProvider: CredentialProvider {
    /// The account.
    public let account: String
    /// The role name (or path and name: `ops/SecurityAudit`).
    public let roleName: String
    let base: RefreshingCredentials
    let sts: STSClient
    let now: @Sendable () -> Date

    /// - Parameters:
    ///   - base: the caller's credentials, which sign AssumeRole.
    ///   - configuration: where STS is (its endpoint, region, retries, transport).
    public init(account: String, roleName: String, base: RefreshingCredentials, configuration: EC2Configuration) {
        self.account = account
        self.roleName = roleName
        self.base = base
        sts = STSClient(
            client: AWSQueryClient(
                service: .sts, region: configuration.region, endpoint: configuration.stsEndpoint, credentials: base,
                transport: configuration.context.transport,
                executor: RetryingExecutor(policy: configuration.retryPolicy), logger: configuration.context.logger,
                now: configuration.context.now))
        now = configuration.context.now
    }

    /// `arn:aws:iam::111111111111:role/NAME` (`aws-cn`, `aws-us-gov` by the region's partition).
    public static func roleArn(account: String, roleName: String, region: String) -> String {
        let partition =
            region.hasPrefix("cn-") ? "aws-cn" : region.hasPrefix("us-gov-") ? "aws-us-gov" : "aws"
        return "arn:\(partition):iam::\(account):role/\(roleName)"
    }

    public var name: String { "assume-role (role \(roleName) in account \(account))" }

    public func fetch() async throws -> AWSCredentials {
        let arn = Self.roleArn(account: account, roleName: roleName, region: sts.client.region)
        do {
            return try await sts.assumeRole(
                roleArn: arn, sessionName: "sgsh-fleet-\(Int(now().timeIntervalSince1970))", externalId: nil,
                durationSeconds: nil, serialNumber: nil, tokenCode: nil)
        } catch let error as EC2Error {
            throw CredentialError("STS AssumeRole of \(arn) failed: \(error.code): \(error.message)")
        } catch let error as EC2ClientError {
            throw CredentialError("STS AssumeRole of \(arn) failed: \(error)")
        }
    }
}
