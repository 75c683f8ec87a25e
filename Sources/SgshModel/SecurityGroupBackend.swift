// The one interface every place that talks to security groups goes through.
//
// It mirrors the EC2 API calls one for one (not a higher-level "apply"), so
// that SgshLocal can be EC2-faithful and SgshEC2 a thin client, and so that the
// planner's call counts are the real call counts. Every call is all-or-nothing,
// as EC2's are. `dryRun: true` checks permissions only: a call that would
// succeed throws `BackendError.dryRunOperation`.

/// Which security groups DescribeSecurityGroups returns.
public struct SecurityGroupQuery: Hashable, Sendable {
    public var groupIds: [String]
    public var groupNames: [String]
    public var filters: [Filter]

    /// A DescribeSecurityGroups filter (`vpc-id`, `group-name`, `tag:Name`, …).
    public struct Filter: Hashable, Sendable {
        public var name: String
        public var values: [String]
        public init(name: String, values: [String]) {
            self.name = name
            self.values = values
        }
    }

    public init(groupIds: [String] = [], groupNames: [String] = [], filters: [Filter] = []) {
        self.groupIds = groupIds
        self.groupNames = groupNames
        self.filters = filters
    }

    /// Every group.
    public static let all = SecurityGroupQuery()
}

/// What a revoke call reports (EC2 RevokeSecurityGroupIngress/Egress output).
public struct RevokeResult: Hashable, Sendable {
    /// Permissions that matched no rule (EC2 reports them instead of failing in a default VPC).
    public var unknownIpPermissions: [IPPermission]
    /// The ids of the rules that were revoked, when the backend reports them.
    public var revokedRuleIds: [String]
    /// True when an earlier attempt of the call got no answer (and may have been applied), so
    /// the rules listed as unknown may be the ones that attempt revoked; the executor settles
    /// that by reading the group.
    public var afterUnansweredAttempt: Bool

    /// - Parameters:
    ///   - unknownIpPermissions: the permissions that matched no rule.
    ///   - revokedRuleIds: the ids of the rules revoked.
    ///   - afterUnansweredAttempt: whether an earlier attempt of the call went unanswered.
    public init(
        unknownIpPermissions: [IPPermission] = [], revokedRuleIds: [String] = [], afterUnansweredAttempt: Bool = false
    ) {
        self.unknownIpPermissions = unknownIpPermissions
        self.revokedRuleIds = revokedRuleIds
        self.afterUnansweredAttempt = afterUnansweredAttempt
    }
}

/// A place security groups live: the local store or EC2.
public protocol SecurityGroupBackend: Sendable {
    /// A short name for prompts and reports (`local`, `aws:eu-west-1`, `http://127.0.0.1:5000`).
    var displayName: String { get }

    /// CreateSecurityGroup; returns the new group's id.
    func createSecurityGroup(
        name: String, description: String, vpcId: String?, tags: [Tag], dryRun: Bool
    ) async throws -> String

    /// DeleteSecurityGroup.
    func deleteSecurityGroup(groupId: String, dryRun: Bool) async throws

    /// DescribeSecurityGroups, all pages.
    func describeSecurityGroups(_ query: SecurityGroupQuery) async throws -> [SecurityGroup]

    /// AuthorizeSecurityGroupIngress/Egress with any number of permissions in one call.
    @discardableResult
    func authorize(
        _ direction: Direction, groupId: String, permissions: [IPPermission], tags: [Tag], dryRun: Bool
    ) async throws -> [SecurityGroupRule]

    /// RevokeSecurityGroupIngress/Egress by rule properties.
    @discardableResult
    func revoke(
        _ direction: Direction, groupId: String, permissions: [IPPermission], dryRun: Bool
    ) async throws -> RevokeResult

    /// RevokeSecurityGroupIngress/Egress by SecurityGroupRuleIds.
    @discardableResult
    func revoke(_ direction: Direction, groupId: String, ruleIds: [String], dryRun: Bool) async throws -> RevokeResult

    /// DescribeSecurityGroupRules for one group (all pages), or for the given rule ids.
    func describeSecurityGroupRules(groupId: String?, ruleIds: [String]) async throws -> [SecurityGroupRule]

    /// DescribeSecurityGroupRules for several groups (all pages), in as few calls as the API
    /// allows: a planner reads every touched group's rule tags at once. No call for no ids.
    /// - Parameters:
    ///   - groupIds: the groups whose rules to read.
    ///   - taggedWith: when given, only the rules that have a tag with this key (a filter, so
    ///     the answer holds only them).
    func describeSecurityGroupRules(groupIds: [String], taggedWith: String?) async throws -> [SecurityGroupRule]

    /// UpdateSecurityGroupRuleDescriptionsIngress/Egress.
    func updateRuleDescriptions(_ direction: Direction, groupId: String, permissions: [IPPermission]) async throws

    /// ModifySecurityGroupRules.
    func modifySecurityGroupRules(groupId: String, updates: [SecurityGroupRuleUpdate]) async throws

    /// CreateTags.
    func createTags(resourceIds: [String], tags: [Tag], dryRun: Bool) async throws

    /// DeleteTags.
    func deleteTags(resourceIds: [String], tags: [TagSelector], dryRun: Bool) async throws

    /// DescribeManagedPrefixLists with each list's entries (GetManagedPrefixListEntries).
    /// - Parameter ids: the lists to read; empty for every list the caller can see.
    /// - Returns: the lists that exist; an id that names no list is left out, not an error.
    func describeManagedPrefixLists(ids: [String]) async throws -> [ManagedPrefixList]

    /// DescribeNetworkInterfaces filtered by `group-id`: the interfaces that use any of the
    /// groups (all pages); what keeps a group from being deleted.
    func describeNetworkInterfaces(groupIds: [String]) async throws -> [NetworkInterface]

    /// ModifyNetworkInterfaceAttribute with SecurityGroupIds: the interface uses exactly
    /// `groupIds` afterwards (moving it from one group to another).
    func modifyNetworkInterfaceGroups(networkInterfaceId: String, groupIds: [String]) async throws
}

extension SecurityGroupBackend {
    /// Group by group, for backends without a cheaper way.
    /// - Parameters:
    ///   - groupIds: the groups whose rules to read.
    ///   - taggedWith: when given, only the rules that have a tag with this key.
    public func describeSecurityGroupRules(groupIds: [String], taggedWith: String?) async throws
        -> [SecurityGroupRule]
    {
        var rules: [SecurityGroupRule] = []
        for groupId in groupIds { rules += try await describeSecurityGroupRules(groupId: groupId, ruleIds: []) }
        guard let taggedWith else { return rules }
        return rules.filter { $0.tags.contains { $0.key == taggedWith } }
    }

    /// Every rule of the groups (all pages), in as few calls as the backend allows.
    /// - Parameter groupIds: the groups whose rules to read.
    public func describeSecurityGroupRules(groupIds: [String]) async throws -> [SecurityGroupRule] {
        try await describeSecurityGroupRules(groupIds: groupIds, taggedWith: nil)
    }
}
