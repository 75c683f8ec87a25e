// The saved plan's file: stable JSON, documented in docs/SAVED-PLANS.md.
// Member names follow EC2's (PascalCase, IpProtocol/FromPort/CidrIpv4 …), as
// sgsh's JSON reports do. A group the plan creates is named by its reference,
// `new-N`, wherever a group id would go. The digest function is the caller's
// (the CLI uses SHA-256): SgshKit has no cryptography of its own.

import SgshModel

extension SavedPlan {
    /// The `Format` member every saved plan starts with.
    public static let formatName = "sgsh-plan"
    /// The format version this sgsh writes and reads.
    public static let formatVersion = 1

    /// The plan as the JSON text of its file.
    /// - Parameter digest: the hex digest of a text (SHA-256), used for each group's `Digest`.
    public func jsonText(digest: (String) -> String) -> String {
        json(digest: digest).rendered() + "\n"
    }

    /// The text a group's `Digest` is taken over: its `State` member with the region, compact.
    public static func digestInput(_ group: PlannedGroupState, target: SavedPlanTarget) -> String {
        JSONValue.object([
            .init("Region", target.region.map(JSONValue.string) ?? .null),
            .init("State", stateJSON(group)),
        ]).rendered(pretty: false)
    }

    package func json(digest: (String) -> String) -> JSONValue {
        var backend: [JSONValue.Member] = [.init("Kind", .string(target.kind))]
        if let region = target.region { backend.append(.init("Region", .string(region))) }
        if let account = target.account { backend.append(.init("Account", .string(account))) }
        return .object([
            .init("Format", .string(Self.formatName)),
            .init("Version", .int(Self.formatVersion)),
            .init("Script", .string(script)),
            .init("Backend", .object(backend)),
            .init(
                "Groups",
                .array(
                    groups.map { group in
                        .object([
                            .init("GroupId", .string(group.groupId)),
                            .init("Digest", .string("sha256:" + digest(Self.digestInput(group, target: target)))),
                            .init("State", Self.stateJSON(group)),
                        ])
                    })),
            .init("Changes", Self.changesJSON(changeSet)),
            .init("Calls", .array(changeSet.calls.map(Self.callJSON))),
        ])
    }

    // MARK: - Writing

    static func stateJSON(_ group: PlannedGroupState) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("GroupName", .string(group.groupName)), .init("Description", .string(group.description)),
        ]
        if let vpc = group.vpcId { members.append(.init("VpcId", .string(vpc))) }
        if let owner = group.ownerId { members.append(.init("OwnerId", .string(owner))) }
        members.append(.init("Tags", .array(group.tags.map(tagJSON))))
        members.append(.init("Rules", .array(group.rules.map(storedRuleJSON))))
        return .object(members)
    }

    static func storedRuleJSON(_ rule: SecurityGroupRule) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("SecurityGroupRuleId", .string(rule.securityGroupRuleId)),
            .init("IsEgress", .bool(rule.isEgress)),
            .init("IpProtocol", .string(rule.ipProtocol)),
        ]
        func add(_ key: String, _ value: String?) { if let value { members.append(.init(key, .string(value))) } }
        if let from = rule.fromPort { members.append(.init("FromPort", .int(from))) }
        if let to = rule.toPort { members.append(.init("ToPort", .int(to))) }
        add("CidrIpv4", rule.cidrIpv4)
        add("CidrIpv6", rule.cidrIpv6)
        add("PrefixListId", rule.prefixListId)
        add("ReferencedGroupId", rule.referencedGroupId)
        add("ReferencedUserId", rule.referencedUserId)
        add("Description", rule.description)
        members.append(.init("Tags", .array(rule.tags.map(tagJSON))))
        return .object(members)
    }

    static func tagJSON(_ tag: Tag) -> JSONValue {
        .object([.init("Key", .string(tag.key)), .init("Value", .string(tag.value))])
    }

    static func tagUpdateJSON(_ update: TagUpdate) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("Key", .string(update.tag.key)), .init("Value", .string(update.tag.value)),
        ]
        if let previous = update.previous { members.append(.init("Previous", .string(previous))) }
        return .object(members)
    }

    /// A one-peer rule, flat as DescribeSecurityGroupRules writes one. `Description` absent: the
    /// script did not say (a present one is kept); `""`: none (a present one is cleared).
    static func ruleJSON(_ rule: Rule) -> JSONValue {
        var members: [JSONValue.Member] = [.init("IpProtocol", .string(rule.ipProtocol.wireValue))]
        if let ports = rule.ports.wirePorts {
            members.append(.init("FromPort", .int(ports.from)))
            members.append(.init("ToPort", .int(ports.to)))
        }
        switch rule.peer {
        case .cidr(let block):
            members.append(.init(block.family == .ipv4 ? "CidrIpv4" : "CidrIpv6", .string(block.description)))
        case .prefixList(let id):
            members.append(.init("PrefixListId", .string(id)))
        case .group(let reference):
            members.append(.init("ReferencedGroupId", .string(reference.groupId)))
            if let user = reference.userId { members.append(.init("ReferencedUserId", .string(user))) }
        }
        if let description = rule.description { members.append(.init("Description", .string(description))) }
        return .object(members)
    }

    static func rulesJSON(_ rules: [Rule]) -> JSONValue { .array(rules.map(ruleJSON)) }

    static func targetJSON(_ target: GroupTarget) -> JSONValue {
        switch target {
        case .id(let id): .string(id)
        case .created(let created): .string(created.peerReference.groupId)
        }
    }

    static func createdJSON(_ group: CreatedGroup) -> [JSONValue.Member] {
        var members: [JSONValue.Member] = [
            .init("Ref", .string(group.peerReference.groupId)), .init("GroupName", .string(group.name)),
            .init("Description", .string(group.description)),
        ]
        if let vpc = group.vpcId { members.append(.init("VpcId", .string(vpc))) }
        return members
    }

    static func changesJSON(_ changeSet: ChangeSet) -> JSONValue {
        var members: [JSONValue.Member] = [.init("DryRun", .bool(changeSet.dryRun))]
        // When the plan was made, for the lifetimes its report shows (absent when it read no rule tags).
        if let plannedAt = changeSet.plannedAt {
            members.append(.init("PlannedAt", .string(UTCTimestamp.text(plannedAt))))
        }
        return .object(
            members + [
                .init(
                    "Creations",
                    .array(
                        changeSet.creations.map {
                            .object(createdJSON($0.group) + [.init("Tags", .array($0.tags.map(tagJSON)))])
                        })),
                .init(
                    "Adoptions",
                    .array(
                        changeSet.adoptions.map {
                            .object(
                                createdJSON($0.group) + [
                                    .init("GroupId", .string($0.id)),
                                    .init("LiveDescription", .string($0.liveDescription)),
                                ])
                        })),
                .init("RuleChanges", .array(changeSet.ruleChanges.map(ruleChangeJSON))),
                .init(
                    "TagChanges",
                    .array(
                        changeSet.tagChanges.map {
                            .object([
                                .init("Group", targetJSON($0.group)), .init("Set", .array($0.set.map(tagUpdateJSON))),
                                .init("Remove", .array($0.removed.map(tagJSON))),
                                .init("Unchanged", .array($0.unchanged.map(tagJSON))),
                            ])
                        })),
                .init(
                    "Replacements",
                    .array(
                        changeSet.replacements.map { replacement in
                            .object(
                                [
                                    .init("Old", .string(replacement.old)),
                                    .init("New", targetJSON(.created(replacement.new))),
                                ]
                                    + (replacement.oldVpcId.map { [.init("OldVpcId", .string($0))] } ?? []))
                        })),
                .init(
                    "InterfaceMoves",
                    .array(
                        changeSet.interfaceMoves.map { move in
                            .object([
                                .init("NetworkInterfaceId", .string(move.networkInterfaceId)),
                                .init("Summary", .string(move.summary)),
                                .init("From", .array(move.from.map { .string($0) })),
                                .init("To", .array(move.to.map(targetJSON))),
                            ])
                        })),
                .init("Deletions", .array(changeSet.deletions.map { targetJSON($0.group) })),
                .init("Shows", .array(changeSet.shows.map(targetJSON))),
            ])
    }

    static func ruleChangeJSON(_ change: RuleChange) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("Group", targetJSON(change.group)),
            .init("Direction", .string(change.direction.rawValue)),
            .init(
                "Add",
                .array(
                    change.additions.map {
                        .object([.init("Tags", .array($0.tags.map(tagJSON))), .init("Rules", rulesJSON($0.rules))])
                    })),
            .init("Remove", rulesJSON(change.removed)),
            .init("Unchanged", rulesJSON(change.unchanged)),
            .init("AlreadyAbsent", rulesJSON(change.alreadyAbsent)),
            .init(
                "DescriptionUpdates",
                .array(
                    change.descriptionUpdates.map { update in
                        var members: [JSONValue.Member] = [.init("Rule", ruleJSON(update.rule))]
                        if let previous = update.previous { members.append(.init("Previous", .string(previous))) }
                        return .object(members)
                    })),
            .init(
                "TagUpdates",
                .array(
                    change.tagUpdates.map {
                        .object([
                            .init("Rule", ruleJSON($0.rule)), .init("SecurityGroupRuleId", .string($0.ruleId)),
                            .init("Set", .array($0.set.map(tagUpdateJSON))),
                        ])
                    })),
            .init("RemovesFirst", .bool(change.removesFirst)),
        ]
        // The live rules an owner's `exactly` leaves alone (`·` in reports), and the live rules'
        // own tags (lifetimes): for the report of the apply, not sent.
        if !change.notManaged.isEmpty { members.append(.init("NotManaged", rulesJSON(change.notManaged))) }
        if !change.liveTags.isEmpty {
            members.append(
                .init(
                    "LiveRuleTags",
                    .array(
                        change.liveTags.sorted { $0.key < $1.key }.compactMap { key, tags in
                            let rule = (change.removed + change.unchanged + change.notManaged).first { $0.key == key }
                            return rule.map {
                                .object([.init("Rule", ruleJSON($0)), .init("Tags", .array(tags.map(tagJSON)))])
                            }
                        })))
        }
        if !change.tagRemovals.isEmpty {
            members.append(
                .init(
                    "TagRemovals",
                    .array(
                        change.tagRemovals.map {
                            .object([
                                .init("Rule", ruleJSON($0.rule)), .init("SecurityGroupRuleId", .string($0.ruleId)),
                                .init("Tags", .array($0.tags.map(tagJSON))),
                            ])
                        })))
        }
        if let intended = change.intendedRules { members.append(.init("IntendedRules", rulesJSON(intended))) }
        return .object(members)
    }

    /// A call as EC2 takes it (action, group, IpPermissions, tags): what a reviewer reads.
    static func callJSON(_ call: PlannedCall) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("Action", .string(call.actionName)), .init("GroupId", targetJSON(call.group)),
        ]
        func permissions(_ rules: [Rule]) {
            members.append(.init("IpPermissions", .array(IPPermission.grouping(rules).map(ReportRenderer.json))))
        }
        switch call {
        case .create(let created, let tags):
            members += createdJSON(created).dropFirst()
            members.append(.init("Tags", .array(tags.map(tagJSON))))
        case .authorize(_, _, let rules, let tags):
            permissions(rules)
            if !tags.isEmpty { members.append(.init("Tags", .array(tags.map(tagJSON)))) }
        case .updateDescriptions(_, _, let updates):
            permissions(updates.map(\.rule))
        case .revoke(_, _, let rules):
            permissions(rules)
        case .createTags(_, let updates):
            members.append(.init("Tags", .array(updates.map { tagJSON($0.tag) })))
        case .deleteTags(_, let tags):
            members.append(.init("Tags", .array(tags.map { .object([.init("Key", .string($0.key))]) })))
        case .tagRule(_, _, let update):
            members.append(.init("SecurityGroupRuleId", .string(update.ruleId)))
            members.append(.init("Tags", .array(update.set.map { tagJSON($0.tag) })))
        case .untagRule(_, _, let removal):
            members.append(.init("SecurityGroupRuleId", .string(removal.ruleId)))
            members.append(.init("Tags", .array(removal.tags.map { .object([.init("Key", .string($0.key))]) })))
        case .moveInterface(let move):
            members.append(.init("NetworkInterfaceId", .string(move.networkInterfaceId)))
            members.append(.init("SecurityGroupIds", .array(move.to.map(targetJSON))))
        case .delete:
            break
        }
        return .object(members)
    }
}
