// A SecurityGroupRule (DescribeSecurityGroupRules: one peer, an sgr- id, tags)
// as the IpPermission shape the rest of sgsh reads rules from, so a rule found
// by id has the same RuleKey as the rule DescribeSecurityGroups lists.

extension SecurityGroupRule {
    /// The rule as a one-peer IpPermission.
    public var permission: IPPermission {
        var permission = IPPermission(ipProtocol: ipProtocol, fromPort: fromPort, toPort: toPort)
        if let cidr = cidrIpv4 {
            permission.ipRanges = [IPRange(cidrIp: cidr, description: description)]
        } else if let cidr = cidrIpv6 {
            permission.ipv6Ranges = [IPv6Range(cidrIpv6: cidr, description: description)]
        } else if let list = prefixListId {
            permission.prefixListIds = [PrefixListID(prefixListId: list, description: description)]
        } else if let group = referencedGroupId {
            permission.userIdGroupPairs = [
                UserIdGroupPair(groupId: group, userId: referencedUserId, description: description)
            ]
        }
        return permission
    }
}
