// The security-group actions of the EC2 Query API, built from SgshModel types.
//
// Wire names come from the EC2 2016-11-15 model (EC2-FACTS §6): note
// `GroupDescription` for the group's Description, `Groups` for
// UserIdGroupPairs, and the singular `TagSpecification`, `Filter`, `GroupId`,
// `GroupName`, `SecurityGroupRuleId`, `ResourceId` and `Tag` list keys.

import SgshModel

extension EC2QueryRequest {
    /// CreateSecurityGroup; tags become a `security-group` TagSpecification.
    public static func createSecurityGroup(
        name: String, description: String, vpcId: String? = nil, tags: [Tag] = [], dryRun: Bool? = nil
    ) -> EC2QueryRequest {
        EC2QueryRequest(
            action: "CreateSecurityGroup",
            input: .structure([
                .init("GroupName", .string(name)),
                .init("GroupDescription", .string(description)),
                .init("VpcId", .string(vpcId)),
                .init("TagSpecification", tagSpecifications("security-group", tags)),
                .init("DryRun", dryRun.map { .boolean($0) }),
            ]))
    }

    /// DeleteSecurityGroup by id or (default VPC only) by name.
    public static func deleteSecurityGroup(groupId: String? = nil, groupName: String? = nil, dryRun: Bool? = nil)
        -> EC2QueryRequest
    {
        EC2QueryRequest(
            action: "DeleteSecurityGroup",
            input: .structure([
                .init("GroupId", .string(groupId)),
                .init("GroupName", .string(groupName)),
                .init("DryRun", dryRun.map { .boolean($0) }),
            ]))
    }

    /// DescribeSecurityGroups for a query, one page.
    public static func describeSecurityGroups(
        _ query: SecurityGroupQuery, maxResults: Int? = nil, nextToken: String? = nil, dryRun: Bool? = nil
    ) -> EC2QueryRequest {
        EC2QueryRequest(
            action: "DescribeSecurityGroups",
            input: .structure([
                .init("Filter", filters(query.filters)),
                .init("GroupId", .strings(query.groupIds)),
                .init("GroupName", .strings(query.groupNames)),
                .init("DryRun", dryRun.map { .boolean($0) }),
                .init("NextToken", .string(nextToken)),
                .init("MaxResults", .integer(maxResults)),
            ]))
    }

    /// The legacy flat parameters of AuthorizeSecurityGroupIngress (one CIDR or
    /// source group); kept for completeness, sgsh itself always sends IpPermissions.
    public struct LegacyIngress: Hashable, Sendable {
        /// `CidrIp`.
        public var cidrIp: String?
        /// `IpProtocol`.
        public var ipProtocol: String?
        /// `FromPort`.
        public var fromPort: Int?
        /// `ToPort`.
        public var toPort: Int?
        /// `SourceSecurityGroupName`.
        public var sourceSecurityGroupName: String?
        /// `SourceSecurityGroupOwnerId`.
        public var sourceSecurityGroupOwnerId: String?
        /// Creates the flat parameters.
        public init(
            cidrIp: String? = nil, ipProtocol: String? = nil, fromPort: Int? = nil, toPort: Int? = nil,
            sourceSecurityGroupName: String? = nil, sourceSecurityGroupOwnerId: String? = nil
        ) {
            self.cidrIp = cidrIp
            self.ipProtocol = ipProtocol
            self.fromPort = fromPort
            self.toPort = toPort
            self.sourceSecurityGroupName = sourceSecurityGroupName
            self.sourceSecurityGroupOwnerId = sourceSecurityGroupOwnerId
        }
    }

    /// AuthorizeSecurityGroupIngress/Egress; tags become a `security-group-rule` TagSpecification.
    public static func authorize(
        _ direction: Direction, groupId: String? = nil, groupName: String? = nil, permissions: [IPPermission] = [],
        tags: [Tag] = [], dryRun: Bool? = nil, legacy: LegacyIngress? = nil
    ) -> EC2QueryRequest {
        var members: [EC2QueryValue.Member] = [
            .init("GroupId", .string(groupId)),
            .init("GroupName", .string(groupName)),
            .init("IpPermissions", ipPermissions(permissions)),
            .init("TagSpecification", tagSpecifications("security-group-rule", tags)),
            .init("DryRun", dryRun.map { .boolean($0) }),
        ]
        if let legacy {
            members += [
                .init("CidrIp", .string(legacy.cidrIp)),
                .init("IpProtocol", .string(legacy.ipProtocol)),
                .init("FromPort", .integer(legacy.fromPort)),
                .init("ToPort", .integer(legacy.toPort)),
                .init("SourceSecurityGroupName", .string(legacy.sourceSecurityGroupName)),
                .init("SourceSecurityGroupOwnerId", .string(legacy.sourceSecurityGroupOwnerId)),
            ]
        }
        return EC2QueryRequest(action: direction.actionName("AuthorizeSecurityGroup"), input: .structure(members))
    }

    /// RevokeSecurityGroupIngress/Egress by rule properties and/or rule ids.
    public static func revoke(
        _ direction: Direction, groupId: String? = nil, groupName: String? = nil, permissions: [IPPermission] = [],
        ruleIds: [String] = [], dryRun: Bool? = nil
    ) -> EC2QueryRequest {
        EC2QueryRequest(
            action: direction.actionName("RevokeSecurityGroup"),
            input: .structure([
                .init("GroupId", .string(groupId)),
                .init("GroupName", .string(groupName)),
                .init("IpPermissions", ipPermissions(permissions)),
                .init("SecurityGroupRuleId", .strings(ruleIds)),
                .init("DryRun", dryRun.map { .boolean($0) }),
            ]))
    }

    /// DescribeSecurityGroupRules, one page.
    public static func describeSecurityGroupRules(
        filters: [SecurityGroupQuery.Filter] = [], ruleIds: [String] = [], maxResults: Int? = nil,
        nextToken: String? = nil, dryRun: Bool? = nil
    ) -> EC2QueryRequest {
        EC2QueryRequest(
            action: "DescribeSecurityGroupRules",
            input: .structure([
                .init("Filter", Self.filters(filters)),
                .init("SecurityGroupRuleId", .strings(ruleIds)),
                .init("DryRun", dryRun.map { .boolean($0) }),
                .init("NextToken", .string(nextToken)),
                .init("MaxResults", .integer(maxResults)),
            ]))
    }

    /// DescribeNetworkInterfaces, filtered (`group-id`).
    public static func describeNetworkInterfaces(
        filters: [SecurityGroupQuery.Filter], maxResults: Int? = nil, nextToken: String? = nil
    ) -> EC2QueryRequest {
        EC2QueryRequest(
            action: "DescribeNetworkInterfaces",
            input: .structure([
                .init("Filter", Self.filters(filters)),
                .init("NextToken", .string(nextToken)),
                .init("MaxResults", .integer(maxResults)),
            ]))
    }

    /// ModifyNetworkInterfaceAttribute with SecurityGroupId.N: the groups the interface uses.
    public static func modifyNetworkInterfaceGroups(networkInterfaceId: String, groupIds: [String]) -> EC2QueryRequest {
        EC2QueryRequest(
            action: "ModifyNetworkInterfaceAttribute",
            input: .structure([
                .init("NetworkInterfaceId", .string(networkInterfaceId)),
                .init("SecurityGroupId", .strings(groupIds)),
            ]))
    }

    /// ModifySecurityGroupRules. An empty `ipProtocol` means "not given" (the model's field
    /// is not optional) and is left out, so EC2 answers with its missing-protocol error.
    public static func modifySecurityGroupRules(
        groupId: String, updates: [SecurityGroupRuleUpdate], dryRun: Bool? = nil
    ) -> EC2QueryRequest {
        let rules: [EC2QueryValue] = updates.map { update in
            .structure([
                .init("SecurityGroupRuleId", .string(update.securityGroupRuleId)),
                .init(
                    "SecurityGroupRule",
                    .structure([
                        .init("IpProtocol", update.ipProtocol.isEmpty ? nil : .string(update.ipProtocol)),
                        .init("FromPort", .integer(update.fromPort)),
                        .init("ToPort", .integer(update.toPort)),
                        .init("CidrIpv4", .string(update.cidrIpv4)),
                        .init("CidrIpv6", .string(update.cidrIpv6)),
                        .init("PrefixListId", .string(update.prefixListId)),
                        .init("ReferencedGroupId", .string(update.referencedGroupId)),
                        .init("Description", .string(update.description)),
                    ])),
            ])
        }
        return EC2QueryRequest(
            action: "ModifySecurityGroupRules",
            input: .structure([
                .init("GroupId", .string(groupId)),
                .init("SecurityGroupRule", .list(rules)),
                .init("DryRun", dryRun.map { .boolean($0) }),
            ]))
    }

    /// UpdateSecurityGroupRuleDescriptionsIngress/Egress.
    public static func updateRuleDescriptions(
        _ direction: Direction, groupId: String? = nil, groupName: String? = nil, permissions: [IPPermission],
        dryRun: Bool? = nil
    ) -> EC2QueryRequest {
        EC2QueryRequest(
            action: direction.actionName("UpdateSecurityGroupRuleDescriptions"),
            input: .structure([
                .init("DryRun", dryRun.map { .boolean($0) }),
                .init("GroupId", .string(groupId)),
                .init("GroupName", .string(groupName)),
                .init("IpPermissions", ipPermissions(permissions)),
            ]))
    }

    /// CreateTags.
    public static func createTags(resourceIds: [String], tags: [Tag], dryRun: Bool? = nil) -> EC2QueryRequest {
        EC2QueryRequest(
            action: "CreateTags",
            input: .structure([
                .init("DryRun", dryRun.map { .boolean($0) }),
                .init("ResourceId", .strings(resourceIds)),
                .init("Tag", tagList(tags)),
            ]))
    }

    /// DeleteTags; a selector without a value deletes the key whatever its value.
    public static func deleteTags(resourceIds: [String], tags: [TagSelector], dryRun: Bool? = nil) -> EC2QueryRequest {
        EC2QueryRequest(
            action: "DeleteTags",
            input: .structure([
                .init("DryRun", dryRun.map { .boolean($0) }),
                .init("ResourceId", .strings(resourceIds)),
                .init(
                    "Tag",
                    .list(tags.map { .structure([.init("Key", .string($0.key)), .init("Value", .string($0.value))]) })),
            ]))
    }

    // MARK: - Shared shapes

    /// `IpPermissions.N.…` (IpPermissionList).
    static func ipPermissions(_ permissions: [IPPermission]) -> EC2QueryValue {
        .list(
            permissions.map { permission in
                .structure([
                    .init("IpProtocol", .string(permission.ipProtocol)),
                    .init("FromPort", .integer(permission.fromPort)),
                    .init("ToPort", .integer(permission.toPort)),
                    .init(
                        "IpRanges",
                        .list(
                            permission.ipRanges.map {
                                .structure([
                                    .init("CidrIp", .string($0.cidrIp)), .init("Description", .string($0.description)),
                                ])
                            })),
                    .init(
                        "Ipv6Ranges",
                        .list(
                            permission.ipv6Ranges.map {
                                .structure([
                                    .init("CidrIpv6", .string($0.cidrIpv6)),
                                    .init("Description", .string($0.description)),
                                ])
                            })),
                    .init(
                        "PrefixListIds",
                        .list(
                            permission.prefixListIds.map {
                                .structure([
                                    .init("PrefixListId", .string($0.prefixListId)),
                                    .init("Description", .string($0.description)),
                                ])
                            })),
                    .init(
                        "Groups",
                        .list(
                            permission.userIdGroupPairs.map { pair in
                                .structure([
                                    .init("Description", .string(pair.description)),
                                    .init("GroupId", .string(pair.groupId)),
                                    .init("GroupName", .string(pair.groupName)),
                                    .init("PeeringStatus", .string(pair.peeringStatus)),
                                    .init("UserId", .string(pair.userId)),
                                    .init("VpcId", .string(pair.vpcId)),
                                    .init("VpcPeeringConnectionId", .string(pair.vpcPeeringConnectionId)),
                                ])
                            })),
                ])
            })
    }

    /// `Filter.N.Name`, `Filter.N.Value.M`.
    static func filters(_ filters: [SecurityGroupQuery.Filter]) -> EC2QueryValue {
        .list(filters.map { .structure([.init("Name", .string($0.name)), .init("Value", .strings($0.values))]) })
    }

    /// `Tag.N.Key`, `Tag.N.Value`.
    static func tagList(_ tags: [Tag]) -> EC2QueryValue {
        .list(tags.map { .structure([.init("Key", .string($0.key)), .init("Value", .string($0.value))]) })
    }

    /// One TagSpecification for the resource type, or an empty list when there are no tags.
    static func tagSpecifications(_ resourceType: String, _ tags: [Tag]) -> EC2QueryValue {
        guard !tags.isEmpty else { return .list([]) }
        return .list([.structure([.init("ResourceType", .string(resourceType)), .init("Tag", tagList(tags))])])
    }
}

extension Direction {
    /// `AuthorizeSecurityGroupIngress` from `AuthorizeSecurityGroup`.
    func actionName(_ stem: String) -> String { stem + (self == .ingress ? "Ingress" : "Egress") }
}
