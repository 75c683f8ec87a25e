// A rule as DescribeSecurityGroupRules returns it, as the one-peer IpPermission
// it stands for, so it can be read with IPPermission.rules() like any other.

extension SecurityGroupRule {
    /// The rule as an IpPermission with its single peer (a reference to a group of the rule's
    /// own account carries no user id, as DescribeSecurityGroups' rules are read).
    public var permission: IPPermission {
        var permission = IPPermission(ipProtocol: ipProtocol, fromPort: fromPort, toPort: toPort)
        if let cidr = cidrIpv4 {
            permission.ipRanges = [IPRange(cidrIp: cidr, description: description)]
        } else if let cidr = cidrIpv6 {
            permission.ipv6Ranges = [IPv6Range(cidrIpv6: cidr, description: description)]
        } else if let list = prefixListId {
            permission.prefixListIds = [PrefixListID(prefixListId: list, description: description)]
        } else if let group = referencedGroupId {
            let user = referencedUserId == groupOwnerId ? nil : referencedUserId
            permission.userIdGroupPairs = [UserIdGroupPair(groupId: group, userId: user, description: description)]
        }
        return permission
    }
}
