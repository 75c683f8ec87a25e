/// A security group as DescribeSecurityGroups returns it.
public struct SecurityGroup: Hashable, Sendable, Codable {
    public var groupId: String
    public var groupName: String
    public var description: String
    public var vpcId: String?
    public var ownerId: String?
    public var ipPermissions: [IPPermission]
    public var ipPermissionsEgress: [IPPermission]
    public var tags: [Tag]

    public init(
        groupId: String, groupName: String, description: String, vpcId: String? = nil, ownerId: String? = nil,
        ipPermissions: [IPPermission] = [], ipPermissionsEgress: [IPPermission] = [], tags: [Tag] = []
    ) {
        self.groupId = groupId
        self.groupName = groupName
        self.description = description
        self.vpcId = vpcId
        self.ownerId = ownerId
        self.ipPermissions = ipPermissions
        self.ipPermissionsEgress = ipPermissionsEgress
        self.tags = tags
    }

    /// The permissions of one direction.
    public func permissions(_ direction: Direction) -> [IPPermission] {
        direction == .ingress ? ipPermissions : ipPermissionsEgress
    }

    /// The rules of one direction, one peer each.
    /// - Throws: `IPPermissionError` when the service returned a shape sgsh cannot model.
    public func rules(_ direction: Direction) throws(IPPermissionError) -> [Rule] {
        var out: [Rule] = []
        for permission in permissions(direction) { out += try permission.rules() }
        return out
    }
}

/// A rule as DescribeSecurityGroupRules and Authorize* return it (EC2 SecurityGroupRule).
public struct SecurityGroupRule: Hashable, Sendable, Codable {
    public var securityGroupRuleId: String
    public var groupId: String
    public var groupOwnerId: String?
    public var isEgress: Bool
    public var ipProtocol: String
    public var fromPort: Int?
    public var toPort: Int?
    public var cidrIpv4: String?
    public var cidrIpv6: String?
    public var prefixListId: String?
    public var referencedGroupId: String?
    public var referencedUserId: String?
    public var description: String?
    public var tags: [Tag]

    public init(
        securityGroupRuleId: String, groupId: String, groupOwnerId: String? = nil, isEgress: Bool,
        ipProtocol: String, fromPort: Int? = nil, toPort: Int? = nil, cidrIpv4: String? = nil,
        cidrIpv6: String? = nil, prefixListId: String? = nil, referencedGroupId: String? = nil,
        referencedUserId: String? = nil, description: String? = nil, tags: [Tag] = []
    ) {
        self.securityGroupRuleId = securityGroupRuleId
        self.groupId = groupId
        self.groupOwnerId = groupOwnerId
        self.isEgress = isEgress
        self.ipProtocol = ipProtocol
        self.fromPort = fromPort
        self.toPort = toPort
        self.cidrIpv4 = cidrIpv4
        self.cidrIpv6 = cidrIpv6
        self.prefixListId = prefixListId
        self.referencedGroupId = referencedGroupId
        self.referencedUserId = referencedUserId
        self.description = description
        self.tags = tags
    }

    /// The direction of the rule.
    public var direction: Direction { isEgress ? .egress : .ingress }
}

/// A security-group rule update for ModifySecurityGroupRules.
public struct SecurityGroupRuleUpdate: Hashable, Sendable, Codable {
    public var securityGroupRuleId: String
    public var ipProtocol: String
    public var fromPort: Int?
    public var toPort: Int?
    public var cidrIpv4: String?
    public var cidrIpv6: String?
    public var prefixListId: String?
    public var referencedGroupId: String?
    public var description: String?

    public init(
        securityGroupRuleId: String, ipProtocol: String, fromPort: Int? = nil, toPort: Int? = nil,
        cidrIpv4: String? = nil, cidrIpv6: String? = nil, prefixListId: String? = nil,
        referencedGroupId: String? = nil, description: String? = nil
    ) {
        self.securityGroupRuleId = securityGroupRuleId
        self.ipProtocol = ipProtocol
        self.fromPort = fromPort
        self.toPort = toPort
        self.cidrIpv4 = cidrIpv4
        self.cidrIpv6 = cidrIpv6
        self.prefixListId = prefixListId
        self.referencedGroupId = referencedGroupId
        self.description = description
    }
}
