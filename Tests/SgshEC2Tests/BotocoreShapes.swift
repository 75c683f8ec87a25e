// Converts botocore-shaped JSON (model member names: IpPermissions,
// UserIdGroupPairs, Description for groupDescription, …) into SgshModel
// values, for comparing the golden vectors with sgsh's own types. Every member
// must be understood or explicitly ignored, so nothing is skipped silently.

import SgshEC2
import SgshModel

enum Botocore {
    static func tag(_ value: JSONValue) throws -> Tag {
        let reader = try JSONReader(value, context: "Tag")
        let tag = Tag(key: try reader.string("Key") ?? "", value: try reader.string("Value") ?? "")
        try reader.finish()
        return tag
    }

    static func tags(_ values: [JSONValue]) throws -> [Tag] { try values.map(tag) }

    static func ipPermission(_ value: JSONValue) throws -> IPPermission {
        let reader = try JSONReader(value, context: "IpPermission")
        let permission = IPPermission(
            ipProtocol: try reader.string("IpProtocol") ?? "",
            fromPort: try reader.int("FromPort"), toPort: try reader.int("ToPort"),
            ipRanges: try reader.array("IpRanges").map { item in
                let range = try JSONReader(item, context: "IpRange")
                let result = IPRange(
                    cidrIp: try range.string("CidrIp") ?? "", description: try range.string("Description"))
                try range.finish()
                return result
            },
            ipv6Ranges: try reader.array("Ipv6Ranges").map { item in
                let range = try JSONReader(item, context: "Ipv6Range")
                let result = IPv6Range(
                    cidrIpv6: try range.string("CidrIpv6") ?? "", description: try range.string("Description"))
                try range.finish()
                return result
            },
            prefixListIds: try reader.array("PrefixListIds").map { item in
                let list = try JSONReader(item, context: "PrefixListId")
                let result = PrefixListID(
                    prefixListId: try list.string("PrefixListId") ?? "", description: try list.string("Description"))
                try list.finish()
                return result
            },
            userIdGroupPairs: try reader.array("UserIdGroupPairs").map { item in
                let pair = try JSONReader(item, context: "UserIdGroupPair")
                let result = UserIdGroupPair(
                    groupId: try pair.string("GroupId"), groupName: try pair.string("GroupName"),
                    userId: try pair.string("UserId"), vpcId: try pair.string("VpcId"),
                    vpcPeeringConnectionId: try pair.string("VpcPeeringConnectionId"),
                    peeringStatus: try pair.string("PeeringStatus"), description: try pair.string("Description"))
                try pair.finish()
                return result
            })
        try reader.finish()
        return permission
    }

    static func securityGroup(_ value: JSONValue) throws -> SecurityGroup {
        let reader = try JSONReader(value, context: "SecurityGroup")
        _ = reader.value("SecurityGroupArn")  // not part of SgshModel's SecurityGroup
        let group = SecurityGroup(
            groupId: try reader.string("GroupId") ?? "", groupName: try reader.string("GroupName") ?? "",
            description: try reader.string("Description") ?? "", vpcId: try reader.string("VpcId"),
            ownerId: try reader.string("OwnerId"),
            ipPermissions: try reader.array("IpPermissions").map(ipPermission),
            ipPermissionsEgress: try reader.array("IpPermissionsEgress").map(ipPermission),
            tags: try tags(reader.array("Tags")))
        try reader.finish()
        return group
    }

    static func securityGroupRule(_ value: JSONValue) throws -> SecurityGroupRule {
        let reader = try JSONReader(value, context: "SecurityGroupRule")
        _ = reader.value("SecurityGroupRuleArn")  // not part of SgshModel's SecurityGroupRule
        var referencedGroupId: String?
        var referencedUserId: String?
        if let info = reader.value("ReferencedGroupInfo") {
            let ref = try JSONReader(info, context: "ReferencedGroupInfo")
            referencedGroupId = try ref.string("GroupId")
            referencedUserId = try ref.string("UserId")
            try ref.finish()
        }
        let rule = SecurityGroupRule(
            securityGroupRuleId: try reader.string("SecurityGroupRuleId") ?? "",
            groupId: try reader.string("GroupId") ?? "", groupOwnerId: try reader.string("GroupOwnerId"),
            isEgress: try reader.bool("IsEgress") ?? false, ipProtocol: try reader.string("IpProtocol") ?? "",
            fromPort: try reader.int("FromPort"), toPort: try reader.int("ToPort"),
            cidrIpv4: try reader.string("CidrIpv4"), cidrIpv6: try reader.string("CidrIpv6"),
            prefixListId: try reader.string("PrefixListId"), referencedGroupId: referencedGroupId,
            referencedUserId: referencedUserId, description: try reader.string("Description"),
            tags: try tags(reader.array("Tags")))
        try reader.finish()
        return rule
    }

    static func filters(_ values: [JSONValue]) throws -> [SecurityGroupQuery.Filter] {
        try values.map { item in
            let reader = try JSONReader(item, context: "Filter")
            let filter = SecurityGroupQuery.Filter(
                name: try reader.string("Name") ?? "", values: try reader.strings("Values"))
            try reader.finish()
            return filter
        }
    }

    /// The tags of a one-element TagSpecifications list, checking its resource type.
    static func tagSpecificationTags(_ values: [JSONValue], resourceType: String) throws -> [Tag] {
        guard !values.isEmpty else { return [] }
        guard values.count == 1 else { throw JSONValue.Mismatch(description: "more than one TagSpecification") }
        let reader = try JSONReader(values[0], context: "TagSpecification")
        guard try reader.string("ResourceType") == resourceType else {
            throw JSONValue.Mismatch(description: "TagSpecification resource type is not \(resourceType)")
        }
        let result = try tags(reader.array("Tags"))
        try reader.finish()
        return result
    }

    /// Builds the sgsh request for a golden serialization case's operation and params.
    static func request(operation: String, params: JSONValue) throws -> EC2QueryRequest {
        let reader = try JSONReader(params, context: operation)
        let dryRun = try reader.bool("DryRun")
        let request: EC2QueryRequest
        switch operation {
        case "CreateSecurityGroup":
            request = .createSecurityGroup(
                name: try reader.string("GroupName") ?? "", description: try reader.string("Description") ?? "",
                vpcId: try reader.string("VpcId"),
                tags: try tagSpecificationTags(reader.array("TagSpecifications"), resourceType: "security-group"),
                dryRun: dryRun)
        case "DeleteSecurityGroup":
            request = .deleteSecurityGroup(
                groupId: try reader.string("GroupId"), groupName: try reader.string("GroupName"), dryRun: dryRun)
        case "DescribeSecurityGroups":
            request = .describeSecurityGroups(
                SecurityGroupQuery(
                    groupIds: try reader.strings("GroupIds"), groupNames: try reader.strings("GroupNames"),
                    filters: try filters(reader.array("Filters"))),
                maxResults: try reader.int("MaxResults"), nextToken: try reader.string("NextToken"), dryRun: dryRun)
        case "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress":
            let legacy = EC2QueryRequest.LegacyIngress(
                cidrIp: try reader.string("CidrIp"), ipProtocol: try reader.string("IpProtocol"),
                fromPort: try reader.int("FromPort"), toPort: try reader.int("ToPort"),
                sourceSecurityGroupName: try reader.string("SourceSecurityGroupName"),
                sourceSecurityGroupOwnerId: try reader.string("SourceSecurityGroupOwnerId"))
            request = .authorize(
                operation.hasSuffix("Ingress") ? .ingress : .egress, groupId: try reader.string("GroupId"),
                groupName: try reader.string("GroupName"),
                permissions: try reader.array("IpPermissions").map(ipPermission),
                tags: try tagSpecificationTags(reader.array("TagSpecifications"), resourceType: "security-group-rule"),
                dryRun: dryRun, legacy: legacy == EC2QueryRequest.LegacyIngress() ? nil : legacy)
        case "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress":
            request = .revoke(
                operation.hasSuffix("Ingress") ? .ingress : .egress, groupId: try reader.string("GroupId"),
                groupName: try reader.string("GroupName"),
                permissions: try reader.array("IpPermissions").map(ipPermission),
                ruleIds: try reader.strings("SecurityGroupRuleIds"), dryRun: dryRun)
        case "DescribeSecurityGroupRules":
            request = .describeSecurityGroupRules(
                filters: try filters(reader.array("Filters")), ruleIds: try reader.strings("SecurityGroupRuleIds"),
                maxResults: try reader.int("MaxResults"), nextToken: try reader.string("NextToken"), dryRun: dryRun)
        case "ModifySecurityGroupRules":
            let updates = try reader.array("SecurityGroupRules").map { item in
                let outer = try JSONReader(item, context: "SecurityGroupRuleUpdate")
                let inner = try JSONReader(outer.value("SecurityGroupRule"), context: "SecurityGroupRuleRequest")
                let update = SecurityGroupRuleUpdate(
                    securityGroupRuleId: try outer.string("SecurityGroupRuleId") ?? "",
                    ipProtocol: try inner.string("IpProtocol") ?? "", fromPort: try inner.int("FromPort"),
                    toPort: try inner.int("ToPort"), cidrIpv4: try inner.string("CidrIpv4"),
                    cidrIpv6: try inner.string("CidrIpv6"), prefixListId: try inner.string("PrefixListId"),
                    referencedGroupId: try inner.string("ReferencedGroupId"),
                    description: try inner.string("Description"))
                try inner.finish()
                try outer.finish()
                return update
            }
            request = .modifySecurityGroupRules(
                groupId: try reader.string("GroupId") ?? "", updates: updates, dryRun: dryRun)
        case "UpdateSecurityGroupRuleDescriptionsIngress", "UpdateSecurityGroupRuleDescriptionsEgress":
            request = .updateRuleDescriptions(
                operation.hasSuffix("Ingress") ? .ingress : .egress, groupId: try reader.string("GroupId"),
                groupName: try reader.string("GroupName"),
                permissions: try reader.array("IpPermissions").map(ipPermission), dryRun: dryRun)
        default:
            throw JSONValue.Mismatch(description: "no adapter for \(operation)")
        }
        try reader.finish()
        return request
    }
}
