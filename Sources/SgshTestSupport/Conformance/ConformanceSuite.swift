// The backend conformance suite: every scenario, and the small builders they share.
//
// Scenarios are grouped by API area in `ConformanceSuite+*.swift`. Sources
// refer to EC2-SCENARIOS.md ("moto N" = test N of moto's
// test_security_groups.py) and EC2-FACTS.md.

import SgshModel

/// All backend conformance scenarios.
public enum ConformanceSuite {
    /// Every scenario, each with a unique name.
    public static let all: [ConformanceScenario] =
        groups + describe + authorize + revoke + ruleQueries + descriptionsAndTags + quotas + modify

    /// A well-formed group id that no backend has handed out.
    static let unknownGroupId = "sg-0f0f0f0f0f0f0f0f0"

    /// One permission: protocol, ports and peers, all with the same description.
    static func permission(
        _ ipProtocol: String, _ from: Int? = nil, _ to: Int? = nil, cidrs: [String] = [], ipv6: [String] = [],
        groups: [String] = [], prefixLists: [String] = [], description: String? = nil
    ) -> IPPermission {
        IPPermission(
            ipProtocol: ipProtocol, fromPort: from, toPort: to,
            ipRanges: cidrs.map { IPRange(cidrIp: $0, description: description) },
            ipv6Ranges: ipv6.map { IPv6Range(cidrIpv6: $0, description: description) },
            prefixListIds: prefixLists.map { PrefixListID(prefixListId: $0, description: description) },
            userIdGroupPairs: groups.map { UserIdGroupPair(groupId: $0, description: description) })
    }

    /// A tcp permission for one port (or a range) from IPv4 CIDRs.
    static func tcp(_ from: Int, _ to: Int? = nil, _ cidrs: String..., description: String? = nil) -> IPPermission {
        permission("tcp", from, to ?? from, cidrs: cidrs, description: description)
    }

    /// EC2's default egress rule of a new group.
    static let allTrafficOut = permission("-1", cidrs: ["0.0.0.0/0"])
    /// The default egress rule as rule text.
    static let allTrafficOutText = "all to 0.0.0.0/0"
}

extension ConformanceContext {
    /// Authorizes without tags or dry run.
    @discardableResult
    public func authorize(
        _ direction: Direction, _ groupId: String, _ permissions: IPPermission...
    ) async throws
        -> [SecurityGroupRule]
    {
        try await backend.authorize(direction, groupId: groupId, permissions: permissions, tags: [], dryRun: false)
    }

    /// Revokes by properties without dry run.
    @discardableResult
    public func revoke(
        _ direction: Direction, _ groupId: String, _ permissions: IPPermission...
    ) async throws
        -> RevokeResult
    {
        try await backend.revoke(direction, groupId: groupId, permissions: permissions, dryRun: false)
    }
}
