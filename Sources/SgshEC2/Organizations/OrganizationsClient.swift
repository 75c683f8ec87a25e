// AWS Organizations over the JSON 1.1 protocol: only ListAccounts, which a
// fleet run (`--accounts organization`) uses to find every account. Called
// with the management account's (or a delegated administrator's) credentials.

import Foundation

/// One account of the organisation, as ListAccounts gives it.
public struct OrganizationAccount: Hashable, Sendable, Decodable {
    /// The 12-digit account id.
    public var id: String
    /// The account's name.
    public var name: String
    /// `ACTIVE`, `SUSPENDED` or `PENDING_CLOSURE`.
    public var status: String

    /// Creates an account value.
    public init(id: String, name: String, status: String) {
        self.id = id
        self.name = name
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id"
        case name = "Name"
        case status = "Status"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        status = try container.decodeIfPresent(String.self, forKey: .status) ?? ""
    }

    /// True for an account a fleet run acts on.
    public var isActive: Bool { status == "ACTIVE" }
}

/// The Organizations actions sgsh uses.
public struct OrganizationsClient: Sendable {
    /// The JSON 1.1 client, with service `organizations`.
    public let client: AWSJSONClient

    /// Creates a client over the shared JSON core.
    public init(client: AWSJSONClient) { self.client = client }

    /// A client for the configuration's credentials, at the Organizations endpoint it resolves to.
    public init(configuration: EC2Configuration, transport: any HTTPTransport) {
        let endpoint = OrganizationsEndpoint.resolve(configuration)
        self.init(
            client: AWSJSONClient(
                service: .organizations, region: endpoint.signingRegion, endpoint: endpoint.url,
                credentials: configuration.credentials, transport: transport,
                executor: RetryingExecutor(policy: configuration.retryPolicy), logger: configuration.context.logger,
                now: configuration.context.now))
    }

    private struct ListAccountsInput: Encodable, Sendable {
        var NextToken: String?
        var MaxResults: Int
    }

    private struct ListAccountsOutput: Decodable {
        var Accounts: [OrganizationAccount]?
        var NextToken: String?
    }

    /// Every account of the organisation (the management account included), following
    /// NextToken until the last page; stops on a repeated token rather than looping.
    public func listAccounts(pageSize: Int = 20) async throws -> [OrganizationAccount] {
        var accounts: [OrganizationAccount] = []
        var token: String?
        var seen: Set<String> = []
        repeat {
            let page = try await client.send(
                "ListAccounts", ListAccountsInput(NextToken: token, MaxResults: pageSize), as: ListAccountsOutput.self)
            accounts += page.Accounts ?? []
            token = page.NextToken.flatMap { $0.isEmpty ? nil : $0 }
            if let next = token, !seen.insert(next).inserted { token = nil }
        } while token != nil
        return accounts
    }
}
