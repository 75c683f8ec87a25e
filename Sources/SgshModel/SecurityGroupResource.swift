// boto3's `EC2.SecurityGroup` resource, in Swift, over any backend.
//
// A value that knows its group id and, once loaded, the group's last
// described state. As in boto3, attributes come from the last load()/reload()
// (DescribeSecurityGroups) and actions call the backend without refreshing
// them; call reload() to see an action's effect. A struct rather than a class
// so it is Sendable without locks: load() mutates the copy it is called on.

/// One security group as a resource: attributes from DescribeSecurityGroups plus its actions.
public struct SecurityGroupResource: Sendable {
    /// What AuthorizeSecurityGroupIngress/Egress returned (boto3: `Return`, `SecurityGroupRules`).
    public struct AuthorizeOutput: Hashable, Sendable {
        /// True when the call succeeded (a failed call throws instead).
        public var `return`: Bool
        /// The rules the call added, one per peer.
        public var rules: [SecurityGroupRule]

        /// Creates an output.
        public init(return: Bool, rules: [SecurityGroupRule]) {
            self.return = `return`
            self.rules = rules
        }
    }

    /// What RevokeSecurityGroupIngress/Egress returned (boto3: `Return`, `UnknownIpPermissions`).
    public struct RevokeOutput: Hashable, Sendable {
        /// True when the call succeeded (a failed call throws instead).
        public var `return`: Bool
        /// Permissions that matched no rule (EC2 reports them instead of failing in a default VPC).
        public var unknownIpPermissions: [IPPermission]
        /// The ids of the revoked rules, when the backend reports them.
        public var revokedRuleIds: [String]

        /// Creates an output.
        public init(return: Bool, unknownIpPermissions: [IPPermission], revokedRuleIds: [String] = []) {
            self.return = `return`
            self.unknownIpPermissions = unknownIpPermissions
            self.revokedRuleIds = revokedRuleIds
        }
    }

    /// The group's id (`sg-…`), known without loading.
    public let groupId: String
    /// The backend the resource reads and acts through.
    public let backend: any SecurityGroupBackend
    /// The group as last loaded, or nil before load().
    public private(set) var data: SecurityGroup?

    /// A resource for the group with this id; nothing is read until load().
    public init(id: String, backend: any SecurityGroupBackend) {
        self.groupId = id
        self.backend = backend
    }

    // MARK: - Attributes (from the last load)

    /// The group's name, once loaded.
    public var groupName: String? { data?.groupName }
    /// The group's description, once loaded.
    public var description: String? { data?.description }
    /// The group's VPC, once loaded.
    public var vpcId: String? { data?.vpcId }
    /// The owning account, once loaded.
    public var ownerId: String? { data?.ownerId }
    /// Inbound permissions as last loaded (empty before load()).
    public var ipPermissions: [IPPermission] { data?.ipPermissions ?? [] }
    /// Outbound permissions as last loaded (empty before load()).
    public var ipPermissionsEgress: [IPPermission] { data?.ipPermissionsEgress ?? [] }
    /// Tags as last loaded (empty before load()).
    public var tags: [Tag] { data?.tags ?? [] }
    /// True once load() or reload() has succeeded.
    public var isLoaded: Bool { data != nil }
    /// The resource's sub-resources: none for a security group, as in boto3.
    public var availableSubresources: [String] { [] }

    // MARK: - Load

    /// Reads the group with DescribeSecurityGroups.
    /// - Throws: the backend's `BackendError` (`InvalidGroup.NotFound` for a group that does not exist).
    public mutating func load() async throws {
        let groups = try await backend.describeSecurityGroups(SecurityGroupQuery(groupIds: [groupId]))
        guard let group = groups.first(where: { $0.groupId == groupId }) else {
            throw BackendError.groupNotFound(groupId)
        }
        data = group
    }

    /// Reads the group again; the same as load().
    public mutating func reload() async throws { try await load() }

    // MARK: - Actions

    /// AuthorizeSecurityGroupIngress with any number of permissions in one call.
    public func authorizeIngress(
        permissions: [IPPermission], tags: [Tag] = [], dryRun: Bool = false
    ) async throws
        -> AuthorizeOutput
    {
        try await authorize(.ingress, permissions, tags, dryRun)
    }

    /// AuthorizeSecurityGroupEgress with any number of permissions in one call.
    public func authorizeEgress(
        permissions: [IPPermission], tags: [Tag] = [], dryRun: Bool = false
    ) async throws
        -> AuthorizeOutput
    {
        try await authorize(.egress, permissions, tags, dryRun)
    }

    /// RevokeSecurityGroupIngress by rule properties (descriptions need not match).
    public func revokeIngress(permissions: [IPPermission], dryRun: Bool = false) async throws -> RevokeOutput {
        RevokeOutput(try await backend.revoke(.ingress, groupId: groupId, permissions: permissions, dryRun: dryRun))
    }

    /// RevokeSecurityGroupEgress by rule properties (descriptions need not match).
    public func revokeEgress(permissions: [IPPermission], dryRun: Bool = false) async throws -> RevokeOutput {
        RevokeOutput(try await backend.revoke(.egress, groupId: groupId, permissions: permissions, dryRun: dryRun))
    }

    /// RevokeSecurityGroupIngress by SecurityGroupRuleIds.
    public func revokeIngress(ruleIds: [String], dryRun: Bool = false) async throws -> RevokeOutput {
        RevokeOutput(try await backend.revoke(.ingress, groupId: groupId, ruleIds: ruleIds, dryRun: dryRun))
    }

    /// RevokeSecurityGroupEgress by SecurityGroupRuleIds.
    public func revokeEgress(ruleIds: [String], dryRun: Bool = false) async throws -> RevokeOutput {
        RevokeOutput(try await backend.revoke(.egress, groupId: groupId, ruleIds: ruleIds, dryRun: dryRun))
    }

    /// CreateTags on this group; returns the tags set (boto3 returns them as Tag resources).
    @discardableResult
    public func createTags(_ tags: [Tag], dryRun: Bool = false) async throws -> [Tag] {
        try await backend.createTags(resourceIds: [groupId], tags: tags, dryRun: dryRun)
        return tags
    }

    /// DeleteTags on this group.
    public func deleteTags(_ tags: [TagSelector], dryRun: Bool = false) async throws {
        try await backend.deleteTags(resourceIds: [groupId], tags: tags, dryRun: dryRun)
    }

    /// DeleteSecurityGroup.
    public func delete(dryRun: Bool = false) async throws {
        try await backend.deleteSecurityGroup(groupId: groupId, dryRun: dryRun)
    }

    private func authorize(
        _ direction: Direction, _ permissions: [IPPermission], _ tags: [Tag], _ dryRun: Bool
    )
        async throws -> AuthorizeOutput
    {
        let rules = try await backend.authorize(
            direction, groupId: groupId, permissions: permissions, tags: tags, dryRun: dryRun)
        return AuthorizeOutput(return: true, rules: rules)
    }
}

extension SecurityGroupResource.RevokeOutput {
    init(_ result: RevokeResult) {
        self.init(
            return: true, unknownIpPermissions: result.unknownIpPermissions, revokedRuleIds: result.revokedRuleIds)
    }
}

extension SecurityGroupBackend {
    /// The boto3-style resource for one group of this backend (not yet loaded).
    public func securityGroup(id: String) -> SecurityGroupResource {
        SecurityGroupResource(id: id, backend: self)
    }
}
