// The real backend: SecurityGroupBackend over the EC2 Query API.
//
// One call = build the request value, send it through the Query core shared
// with STS (AWSQueryClient: signing, retries, transport, credentials), then
// decode the XML. Every failure leaves as a
// BackendError through the one mapping `BackendError.from`. The backend owns
// its transport when it created it; call `shutdown()` once when done.

import Foundation
import Logging
import SgshModel

/// A `SecurityGroupBackend` that talks to EC2 (or an EC2-compatible endpoint such as moto).
public final class EC2Backend: SecurityGroupBackend {
    /// The resolved configuration.
    public let configuration: EC2Configuration
    /// Page size for DescribeSecurityGroups/DescribeSecurityGroupRules when no ids are given
    /// (nil: let the service return everything in one response).
    public let pageSize: Int?
    let transport: any HTTPTransport
    let executor: RetryingExecutor
    let logger: Logger
    let now: @Sendable () -> Date
    /// The Query core EC2 shares with STS: signing, retries, transport, credentials.
    let client: AWSQueryClient

    /// Creates a backend with its own async-http-client transport, which waits as long as
    /// `configuration.timeouts` say.
    /// - Parameters:
    ///   - configuration: from `EC2Configuration.resolve(…)`.
    ///   - logger: requests and responses are logged at `.debug` (secrets redacted).
    public convenience init(configuration: EC2Configuration, logger: Logger = Logger(label: "sgsh.ec2")) {
        self.init(
            configuration: configuration,
            transport: AsyncHTTPTransport(timeouts: configuration.timeouts, logger: logger), logger: logger)
    }

    /// Creates a backend over a given transport (tests, embedders with their own client).
    /// - Parameters:
    ///   - executor: retry loop; by default standard mode with the configuration's policy.
    ///   - now: the clock used for signing.
    public init(
        configuration: EC2Configuration, transport: any HTTPTransport, logger: Logger = Logger(label: "sgsh.ec2"),
        executor: RetryingExecutor? = nil, pageSize: Int? = 1000, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.transport = transport
        self.logger = logger
        self.executor = executor ?? RetryingExecutor(policy: configuration.retryPolicy)
        self.pageSize = pageSize
        self.now = now
        client = AWSQueryClient(
            service: .ec2, region: configuration.region, endpoint: configuration.endpoint,
            credentials: configuration.credentials, transport: transport, executor: self.executor, logger: logger,
            now: now)
    }

    /// Closes the transport's connections. Call once, after the last request.
    public func shutdown() async throws { try await transport.shutdown() }

    /// `aws:eu-west-1`, or the custom endpoint URL.
    public var displayName: String {
        configuration.isCustomEndpoint ? configuration.endpoint : "aws:\(configuration.region)"
    }

    // MARK: - Sending

    /// Sends one request with retries and returns its parsed response.
    /// - Throws: `BackendError` for every failure.
    public func send(_ request: EC2QueryRequest) async throws(BackendError) -> EC2Response {
        do {
            let answer = try await client.answer(request)
            var response = try EC2Response(parsing: answer.body, action: request.action)
            response.afterUnansweredAttempt = answer.afterUnansweredAttempt
            return response
        } catch {
            let mapped = BackendError.from(error)
            logger.debug(
                "EC2 \(request.action) failed: \(mapped.description)",
                metadata: ["action": "\(request.action)", "category": "\(mapped.category)"])
            throw mapped
        }
    }

    /// Who the credentials belong to (STS GetCallerIdentity through the same core).
    public func callerIdentity() async throws(BackendError) -> CallerIdentity {
        do {
            return try await STSClient(
                client: AWSQueryClient(
                    service: .sts, region: configuration.region, endpoint: configuration.stsEndpoint,
                    credentials: configuration.credentials, transport: transport, executor: executor, logger: logger,
                    now: now)
            ).getCallerIdentity()
        } catch {
            throw BackendError.from(error)
        }
    }

    private func dryRunFlag(_ dryRun: Bool) -> Bool? { dryRun ? true : nil }

    // MARK: - SecurityGroupBackend

    public func createSecurityGroup(
        name: String, description: String, vpcId: String?, tags: [Tag], dryRun: Bool
    ) async throws -> String {
        let response = try await send(
            .createSecurityGroup(
                name: name, description: description, vpcId: vpcId, tags: tags, dryRun: dryRunFlag(dryRun)))
        do {
            return try response.createdGroup().groupId
        } catch {
            throw BackendError.from(error)
        }
    }

    public func deleteSecurityGroup(groupId: String, dryRun: Bool) async throws {
        _ = try await send(.deleteSecurityGroup(groupId: groupId, dryRun: dryRunFlag(dryRun)))
    }

    public func describeSecurityGroups(_ query: SecurityGroupQuery) async throws -> [SecurityGroup] {
        // MaxResults cannot be combined with GroupIds/GroupNames; paging also moves the
        // call into EC2's larger "filtered or paginated" throttling bucket (EC2-FACTS §1).
        let paged = query.groupIds.isEmpty && query.groupNames.isEmpty ? pageSize : nil
        return try await allPages(.describeSecurityGroups(query, maxResults: paged)) { $0.securityGroupsPage() }
    }

    public func authorize(
        _ direction: Direction, groupId: String, permissions: [IPPermission], tags: [Tag], dryRun: Bool
    ) async throws -> [SecurityGroupRule] {
        try await send(
            .authorize(
                direction, groupId: groupId, permissions: permissions.map(\.withExplicitPorts), tags: tags,
                dryRun: dryRunFlag(dryRun))
        ).authorizedRules()
    }

    public func revoke(
        _ direction: Direction, groupId: String, permissions: [IPPermission], dryRun: Bool
    ) async throws -> RevokeResult {
        let revoked = try await send(
            .revoke(
                direction, groupId: groupId, permissions: permissions.map(\.withExplicitPorts),
                dryRun: dryRunFlag(dryRun))
        )
        .revoked()
        var result = revoked.result
        if revoked.returnValue == false, result.unknownIpPermissions.isEmpty {
            // `Return` is true when the request succeeds: false without a list of what matched
            // nothing is taken as nothing matched, for the caller to settle by reading the group.
            result.unknownIpPermissions = permissions
        }
        return result
    }

    public func revoke(_ direction: Direction, groupId: String, ruleIds: [String], dryRun: Bool) async throws
        -> RevokeResult
    {
        try await send(.revoke(direction, groupId: groupId, ruleIds: ruleIds, dryRun: dryRunFlag(dryRun))).revoked()
            .result
    }

    public func describeSecurityGroupRules(groupId: String?, ruleIds: [String]) async throws -> [SecurityGroupRule] {
        let filters = groupId.map { [SecurityGroupQuery.Filter(name: "group-id", values: [$0])] } ?? []
        let request = EC2QueryRequest.describeSecurityGroupRules(
            filters: filters, ruleIds: ruleIds, maxResults: ruleIds.isEmpty ? pageSize : nil)
        return try await allPages(request) { $0.securityGroupRulesPage() }
    }

    /// One DescribeSecurityGroupRules (all pages) filtered by `group-id` per `filterValueLimit`
    /// groups: the filter's values are ORed, so one call serves every group of a plan. A tag key
    /// is EC2's `tag:KEY` filter with the value `*` (any value: EC2 filter values take wildcards).
    public func describeSecurityGroupRules(groupIds: [String], taggedWith: String?) async throws
        -> [SecurityGroupRule]
    {
        var rules: [SecurityGroupRule] = []
        let tagFilter = taggedWith.map { [SecurityGroupQuery.Filter(name: "tag:\($0)", values: ["*"])] } ?? []
        for start in stride(from: 0, to: groupIds.count, by: Self.filterValueLimit) {
            let chunk = Array(groupIds[start..<min(start + Self.filterValueLimit, groupIds.count)])
            let request = EC2QueryRequest.describeSecurityGroupRules(
                filters: [SecurityGroupQuery.Filter(name: "group-id", values: chunk)] + tagFilter,
                maxResults: pageSize)
            rules += try await allPages(request) { $0.securityGroupRulesPage() }
        }
        return rules
    }

    /// The most values sgsh puts in one filter: a cap, so that one request stays small
    /// however many groups a plan touches.
    static let filterValueLimit = 200

    public func describeNetworkInterfaces(groupIds: [String]) async throws -> [NetworkInterface] {
        guard !groupIds.isEmpty else { return [] }
        let request = EC2QueryRequest.describeNetworkInterfaces(
            filters: [SecurityGroupQuery.Filter(name: "group-id", values: groupIds)], maxResults: pageSize)
        return try await allPages(request) { $0.networkInterfacesPage() }
    }

    public func modifyNetworkInterfaceGroups(networkInterfaceId: String, groupIds: [String]) async throws {
        _ = try await send(.modifyNetworkInterfaceGroups(networkInterfaceId: networkInterfaceId, groupIds: groupIds))
    }

    public func updateRuleDescriptions(_ direction: Direction, groupId: String, permissions: [IPPermission])
        async throws
    {
        _ = try await send(
            .updateRuleDescriptions(direction, groupId: groupId, permissions: permissions.map(\.withExplicitPorts)))
    }

    public func modifySecurityGroupRules(groupId: String, updates: [SecurityGroupRuleUpdate]) async throws {
        _ = try await send(.modifySecurityGroupRules(groupId: groupId, updates: updates))
    }

    public func createTags(resourceIds: [String], tags: [Tag], dryRun: Bool) async throws {
        _ = try await send(.createTags(resourceIds: resourceIds, tags: tags, dryRun: dryRunFlag(dryRun)))
    }

    public func deleteTags(resourceIds: [String], tags: [TagSelector], dryRun: Bool) async throws {
        _ = try await send(.deleteTags(resourceIds: resourceIds, tags: tags, dryRun: dryRunFlag(dryRun)))
    }

    /// Follows NextToken until the last page; stops on a repeated token rather than looping.
    func allPages<Item: Sendable>(
        _ first: EC2QueryRequest, page: (EC2Response) -> EC2Response.Page<Item>
    ) async throws(BackendError) -> [Item] {
        var items: [Item] = []
        var request = first
        var seen: Set<String> = []
        while true {
            let result = page(try await send(request))
            items += result.items
            guard let token = result.nextToken, seen.insert(token).inserted else { return items }
            request = request.setting("NextToken", to: .string(token))
        }
    }
}
