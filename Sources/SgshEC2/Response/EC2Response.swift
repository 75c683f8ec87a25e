// Decoding of successful EC2 responses into SgshModel types.
//
// A response is parsed once into an element tree; typed accessors then read
// each action's output by the model's locationNames (EC2-FACTS §6): lists are
// wrapper elements with `<item>` children, `groupDescription` is the group's
// description, `groups` holds UserIdGroupPairs. Unknown elements are ignored.

import SgshModel

/// A parsed successful EC2 response.
public struct EC2Response: Sendable {
    /// The `<requestId>` of the response.
    public let requestID: String?
    let root: XMLNode
    /// True when an earlier attempt of the request went unanswered (and may have been applied):
    /// the response may describe that attempt's echo.
    public var afterUnansweredAttempt = false

    /// Parses a response body, checking that it answers `action`.
    /// - Throws: `EC2ClientError.malformedResponse` when the body is not that action's response.
    public init(parsing body: [UInt8], action: String) throws(EC2ClientError) {
        let root: XMLNode
        do {
            root = try XMLNode.parse(body)
        } catch {
            throw .malformedResponse(action: action, detail: error.description)
        }
        guard root.name == "\(action)Response" else {
            throw .malformedResponse(action: action, detail: "root element is <\(root.name)>")
        }
        self.root = root
        requestID = root.string("requestId")?.trimmed
    }

    /// One page of a Describe call.
    public struct Page<Item: Sendable>: Sendable {
        /// The items of this page.
        public var items: [Item]
        /// The token for the next page, nil on the last page.
        public var nextToken: String?
    }

    /// CreateSecurityGroup's output.
    public struct CreatedGroup: Hashable, Sendable {
        /// The new group's id.
        public var groupId: String
        /// The group's ARN, when the service reports it.
        public var securityGroupArn: String?
        /// The tags applied at creation.
        public var tags: [Tag]
    }

    /// RevokeSecurityGroupIngress/Egress output.
    public struct Revoked: Hashable, Sendable {
        /// `<return>`.
        public var returnValue: Bool?
        /// Permissions that matched no rule.
        public var unknownIpPermissions: [IPPermission]
        /// The rules that were revoked.
        public var revokedRules: [SecurityGroupRule]
        /// True when an earlier attempt of the revoke went unanswered: what it lists as unknown
        /// may be the rules that attempt revoked.
        public var afterUnansweredAttempt = false

        /// The backend protocol's view of the result.
        public var result: RevokeResult {
            RevokeResult(
                unknownIpPermissions: unknownIpPermissions, revokedRuleIds: revokedRules.map(\.securityGroupRuleId),
                afterUnansweredAttempt: afterUnansweredAttempt)
        }
    }

    /// The text of the element at a path of child names below the root
    /// (`value("vpc", "vpcId")`), for actions sgsh has no typed accessor for.
    public func value(_ path: String...) -> String? {
        var node: XMLNode? = root
        for name in path { node = node?.child(name) }
        return node?.text.trimmed
    }

    /// `<return>` of actions that only report success.
    public var returnValue: Bool? { root.bool("return") }

    /// The `<groupId>` at the top of the response (CreateSecurityGroup, DeleteSecurityGroup).
    public var groupId: String? { root.string("groupId")?.trimmed }

    /// DescribeSecurityGroups output.
    public func securityGroupsPage() -> Page<SecurityGroup> {
        Page(items: root.items("securityGroupInfo").map(Self.securityGroup), nextToken: nextToken)
    }

    /// DescribeSecurityGroupRules output.
    public func securityGroupRulesPage() -> Page<SecurityGroupRule> {
        Page(items: root.items("securityGroupRuleSet").map(Self.rule), nextToken: nextToken)
    }

    /// DescribeNetworkInterfaces output, one page.
    public func networkInterfacesPage() -> Page<NetworkInterface> {
        let interfaces = root.items("networkInterfaceSet").map { node in
            NetworkInterface(
                networkInterfaceId: node.string("networkInterfaceId")?.trimmed ?? "",
                description: node.string("description"), interfaceType: node.string("interfaceType")?.trimmed,
                status: node.string("status")?.trimmed, requesterId: node.string("requesterId")?.trimmed,
                groupIds: node.items("groupSet").compactMap { $0.string("groupId")?.trimmed },
                attachedInstanceId: node.child("attachment")?.string("instanceId")?.trimmed)
        }
        return Page(items: interfaces, nextToken: nextToken)
    }

    /// CreateSecurityGroup output.
    public func createdGroup() throws(EC2ClientError) -> CreatedGroup {
        guard let groupId, !groupId.isEmpty else {
            throw .malformedResponse(action: "CreateSecurityGroup", detail: "no groupId")
        }
        return CreatedGroup(
            groupId: groupId, securityGroupArn: root.string("securityGroupArn"),
            tags: root.items("tagSet").map(Self.tag))
    }

    /// The rules AuthorizeSecurityGroupIngress/Egress created.
    public func authorizedRules() -> [SecurityGroupRule] { root.items("securityGroupRuleSet").map(Self.rule) }

    /// RevokeSecurityGroupIngress/Egress output.
    public func revoked() -> Revoked {
        Revoked(
            returnValue: returnValue, unknownIpPermissions: root.items("unknownIpPermissionSet").map(Self.permission),
            revokedRules: root.items("revokedSecurityGroupRuleSet").map(Self.rule),
            afterUnansweredAttempt: afterUnansweredAttempt)
    }

    var nextToken: String? {
        guard let token = root.string("nextToken")?.trimmed, !token.isEmpty else { return nil }
        return token
    }

    // MARK: - Shapes

    static func tag(_ node: XMLNode) -> Tag { Tag(key: node.string("key") ?? "", value: node.string("value") ?? "") }

    static func permission(_ node: XMLNode) -> IPPermission {
        IPPermission(
            ipProtocol: node.string("ipProtocol")?.trimmed ?? "", fromPort: node.int("fromPort"),
            toPort: node.int("toPort"),
            ipRanges: node.items("ipRanges").map {
                IPRange(cidrIp: $0.string("cidrIp")?.trimmed ?? "", description: $0.string("description"))
            },
            ipv6Ranges: node.items("ipv6Ranges").map {
                IPv6Range(cidrIpv6: $0.string("cidrIpv6")?.trimmed ?? "", description: $0.string("description"))
            },
            prefixListIds: node.items("prefixListIds").map {
                PrefixListID(
                    prefixListId: $0.string("prefixListId")?.trimmed ?? "", description: $0.string("description"))
            },
            userIdGroupPairs: node.items("groups").map {
                UserIdGroupPair(
                    groupId: $0.string("groupId")?.trimmed, groupName: $0.string("groupName"),
                    userId: $0.string("userId")?.trimmed, vpcId: $0.string("vpcId")?.trimmed,
                    vpcPeeringConnectionId: $0.string("vpcPeeringConnectionId")?.trimmed,
                    peeringStatus: $0.string("peeringStatus")?.trimmed, description: $0.string("description"))
            })
    }

    static func securityGroup(_ node: XMLNode) -> SecurityGroup {
        SecurityGroup(
            groupId: node.string("groupId")?.trimmed ?? "", groupName: node.string("groupName") ?? "",
            description: node.string("groupDescription") ?? "", vpcId: node.string("vpcId")?.trimmed,
            ownerId: node.string("ownerId")?.trimmed, ipPermissions: node.items("ipPermissions").map(permission),
            ipPermissionsEgress: node.items("ipPermissionsEgress").map(permission),
            tags: node.items("tagSet").map(tag))
    }

    static func rule(_ node: XMLNode) -> SecurityGroupRule {
        let referenced = node.child("referencedGroupInfo")
        return SecurityGroupRule(
            securityGroupRuleId: node.string("securityGroupRuleId")?.trimmed ?? "",
            groupId: node.string("groupId")?.trimmed ?? "", groupOwnerId: node.string("groupOwnerId")?.trimmed,
            isEgress: node.bool("isEgress") ?? false, ipProtocol: node.string("ipProtocol")?.trimmed ?? "",
            fromPort: node.int("fromPort"), toPort: node.int("toPort"), cidrIpv4: node.string("cidrIpv4")?.trimmed,
            cidrIpv6: node.string("cidrIpv6")?.trimmed, prefixListId: node.string("prefixListId")?.trimmed,
            referencedGroupId: referenced?.string("groupId")?.trimmed,
            referencedUserId: referenced?.string("userId")?.trimmed, description: node.string("description"),
            tags: node.items("tagSet").map(tag))
    }
}
