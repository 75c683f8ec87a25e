// Authorize, revoke, describe, re-describe and modify rules.
//
// Each call reads the touched group's rules of one direction once into a set
// of identities, checks the whole request against it (duplicates, unknown
// rules, the quota) and only then writes, all in the call's one transaction,
// so a failing call changes nothing. DryRun runs the call in full and throws
// DryRunOperation at the end, which rolls it back: "would have succeeded"
// then means exactly that.

import GRDB
import SgshModel

extension LocalBackend {
    // MARK: - Authorize

    /// AuthorizeSecurityGroupIngress/Egress: every permission of the call, or none.
    public func authorize(
        _ direction: Direction, groupId: String, permissions: [IPPermission], tags: [Tag], dryRun: Bool
    ) async throws -> [SecurityGroupRule] {
        try LocalBackend.validate(tags: tags)
        return try await write { db in
            let group = try self.group(db, id: groupId)
            if permissions.isEmpty { throw BackendError.missingParameter("IpPermissions") }
            let requested = try self.requestedRules(db, permissions, in: group)
            try self.checkPrefixListsExist(db, requested)
            let existing = try self.storedRules(db, groupId: group.id, direction: direction)
            var seen = Set(existing.map(\.identity))
            var added: [StoredRule] = []
            added.reserveCapacity(requested.count)
            for rule in requested {
                let identity = StoredRule.identity(of: rule)
                guard seen.insert(identity).inserted else { throw BackendError.permissionDuplicate(identity) }
                added.append(
                    StoredRule(
                        id: LocalBackend.newID("sgr"), groupId: group.id, isEgress: direction == .egress,
                        identity: identity, description: rule.description))
            }
            try self.checkQuota(db, existing + added)
            try self.insertRules(db, added)
            for rule in added { try self.setTags(db, resourceId: rule.id, tags) }
            if dryRun { throw BackendError.dryRun() }
            return added.map { $0.wire(ownerId: self.ownerId, tags: tags) }
        }
    }

    /// Throws RulesPerSecurityGroupLimitExceeded when one direction's rules exceed the quota
    /// (IPv4 and IPv6 are counted apart, and a prefix list counts its MaxEntries, as EC2 does).
    func checkQuota(_ db: Database, _ rules: [StoredRule]) throws {
        let prefixLists = try prefixLists(db, of: rules)
        var counts: [CIDR.Family: Int] = [:]
        for rule in rules {
            let list = rule.identity.peerKind == .prefixList ? prefixLists[rule.identity.peer] : nil
            counts[list?.family ?? rule.quotaFamily, default: 0] += list?.quotaWeight ?? 1
        }
        if counts.values.contains(where: { $0 > limits.rulesPerDirection }) { throw BackendError.ruleLimitExceeded() }
    }

    // MARK: - Revoke

    /// RevokeSecurityGroupIngress/Egress by properties; unknown rules are reported in a default VPC
    /// and fail the call (`InvalidPermission.NotFound`) elsewhere.
    public func revoke(
        _ direction: Direction, groupId: String, permissions: [IPPermission], dryRun: Bool
    ) async throws -> RevokeResult {
        try await write { db in
            let (group, requested, byIdentity) = try self.matchRules(db, groupId, direction, permissions)
            var revoked: [String] = []
            var unknown: [Rule] = []
            var done = Set<String>()
            for rule in requested {
                if let id = byIdentity[StoredRule.identity(of: rule)] {
                    if done.insert(id).inserted { revoked.append(id) }
                } else {
                    unknown.append(rule)
                }
            }
            // EC2: in a default VPC unknown rules are reported, elsewhere the call fails (EC2-FACTS §3).
            if !unknown.isEmpty, try !self.isInDefaultVPC(db, group) { throw BackendError.permissionNotFound() }
            try self.deleteRules(db, ids: revoked)
            if dryRun { throw BackendError.dryRun() }
            return RevokeResult(unknownIpPermissions: IPPermission.grouping(unknown), revokedRuleIds: revoked)
        }
    }

    /// RevokeSecurityGroupIngress/Egress by rule ids; an id not of this group and direction is not found.
    public func revoke(
        _ direction: Direction, groupId: String, ruleIds: [String], dryRun: Bool
    ) async throws -> RevokeResult {
        try await write { db in
            let group = try self.group(db, id: groupId)
            if ruleIds.isEmpty { throw BackendError.missingParameter("SecurityGroupRuleIds") }
            var revoked: [String] = []
            var seen = Set<String>()
            for id in ruleIds where seen.insert(id).inserted {
                let rule = try self.storedRule(db, id: id)
                guard rule.groupId == group.id, rule.direction == direction else { throw BackendError.ruleNotFound(id) }
                revoked.append(id)
            }
            try self.deleteRules(db, ids: revoked)
            if dryRun { throw BackendError.dryRun() }
            return RevokeResult(revokedRuleIds: revoked)
        }
    }

    func isInDefaultVPC(_ db: Database, _ group: StoredGroup) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT is_default FROM vpc WHERE id = ?", arguments: [group.vpcId]) ?? false
    }

    /// The rule with this id.
    /// - Throws: `InvalidSecurityGroupRuleId.Malformed` or `.NotFound`.
    func storedRule(_ db: Database, id: String) throws -> StoredRule {
        guard LocalBackend.isRuleID(id) else { throw BackendError.malformedRuleID(id) }
        let statement = try db.cachedStatement(sql: "SELECT \(StoredRule.columns) FROM rule WHERE id = ?")
        guard let row = try Row.fetchOne(statement, arguments: [id]) else { throw BackendError.ruleNotFound(id) }
        return StoredRule(row: row)
    }

    /// True for `sgr-` followed by 1...17 lowercase hex digits.
    static func isRuleID(_ text: String) -> Bool {
        guard text.hasPrefix("sgr-") else { return false }
        let rest = text.dropFirst(4)
        return (1...17).contains(rest.count) && rest.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    // MARK: - DescribeSecurityGroupRules

    /// DescribeSecurityGroupRules for one group, for rule ids, for both (their intersection) or for all.
    public func describeSecurityGroupRules(groupId: String?, ruleIds: [String]) async throws -> [SecurityGroupRule] {
        try await read { db in
            var rules: [StoredRule]
            if !ruleIds.isEmpty {
                rules = []
                var seen = Set<String>()
                for id in ruleIds where seen.insert(id).inserted {
                    rules.append(try self.storedRule(db, id: id))
                }
                if let groupId {
                    guard ResourceID.isGroupID(groupId) else { throw BackendError.malformedGroupID(groupId) }
                    rules.removeAll { $0.groupId != groupId }
                }
            } else if let groupId {
                // A well-formed id of no group is not an error here: EC2 returns no rules (moto test 52).
                guard ResourceID.isGroupID(groupId) else { throw BackendError.malformedGroupID(groupId) }
                rules = try self.storedRules(db, groupId: groupId)
            } else {
                rules = try Row.fetchAll(db, sql: "SELECT \(StoredRule.columns) FROM rule ORDER BY seq")
                    .map(StoredRule.init(row:))
            }
            let tags = try self.tags(db, resourceIds: rules.map(\.id))
            return rules.map { $0.wire(ownerId: self.ownerId, tags: tags[$0.id] ?? []) }
        }
    }

    // MARK: - UpdateSecurityGroupRuleDescriptions

    /// UpdateSecurityGroupRuleDescriptionsIngress/Egress: sets (or, when omitted, clears) each description.
    public func updateRuleDescriptions(
        _ direction: Direction, groupId: String, permissions: [IPPermission]
    ) async throws {
        try await write { db in
            let (_, requested, byIdentity) = try self.matchRules(db, groupId, direction, permissions)
            let update = try db.cachedStatement(sql: "UPDATE rule SET description = ? WHERE id = ?")
            for rule in requested {
                guard let id = byIdentity[StoredRule.identity(of: rule)] else {
                    throw BackendError.permissionNotFound()
                }
                try update.execute(arguments: [rule.description, id])
            }
        }
    }

    // MARK: - ModifySecurityGroupRules

    /// ModifySecurityGroupRules: replaces rules in place, keeping their ids.
    public func modifySecurityGroupRules(groupId: String, updates: [SecurityGroupRuleUpdate]) async throws {
        try await write { db in
            let group = try self.group(db, id: groupId)
            if updates.isEmpty { throw BackendError.missingParameter("SecurityGroupRules") }
            var touched: Set<Direction> = []
            for update in updates {
                var rule = try self.storedRule(db, id: update.securityGroupRuleId)
                guard rule.groupId == group.id else { throw BackendError.ruleNotFound(update.securityGroupRuleId) }
                let replacement = try self.replacementRule(db, update, in: group)
                rule.identity = StoredRule.identity(of: replacement)
                rule.description = replacement.description
                let others = try self.storedRules(db, groupId: group.id, direction: rule.direction)
                if others.contains(where: { $0.id != rule.id && $0.identity == rule.identity }) {
                    throw BackendError.permissionDuplicate(rule.identity)
                }
                try db.execute(
                    sql: """
                        UPDATE rule SET protocol = ?, from_port = ?, to_port = ?, peer_kind = ?, peer = ?,
                        peer_user = ?, description = ? WHERE id = ?
                        """,
                    arguments: [
                        rule.identity.ipProtocol, rule.identity.fromPort, rule.identity.toPort,
                        rule.identity.peerKind.rawValue, rule.identity.peer, rule.identity.peerUser, rule.description,
                        rule.id,
                    ])
                touched.insert(rule.direction)
            }
            for direction in touched {
                try self.checkQuota(db, try self.storedRules(db, groupId: group.id, direction: direction))
            }
        }
    }

    /// The rule an update describes, with EC2's checks (messages AWS-verified in moto test 21).
    private func replacementRule(
        _ db: Database, _ update: SecurityGroupRuleUpdate, in group: StoredGroup
    ) throws -> Rule {
        if update.ipProtocol.isEmpty {
            throw BackendError.invalidValue(
                "Invalid value 'null' for protocol. VPC security group rules must specify protocols explicitly.")
        }
        var permission = IPPermission(ipProtocol: update.ipProtocol, fromPort: update.fromPort, toPort: update.toPort)
        try LocalBackend.checkProtocolAndPorts(permission)
        var peers = 0
        if let cidr = update.cidrIpv4 {
            peers += 1
            permission.ipRanges = [IPRange(cidrIp: cidr, description: update.description)]
        }
        if let cidr = update.cidrIpv6 {
            peers += 1
            permission.ipv6Ranges = [IPv6Range(cidrIpv6: cidr, description: update.description)]
        }
        if let list = update.prefixListId {
            peers += 1
            permission.prefixListIds = [PrefixListID(prefixListId: list, description: update.description)]
        }
        if let referenced = update.referencedGroupId {
            peers += 1
            permission.userIdGroupPairs = [UserIdGroupPair(groupId: referenced, description: update.description)]
        }
        if peers == 0 {
            throw BackendError(
                code: "MissingParameter",
                message: "The request must contain exactly one of: cidrIp, cidrIpv6, prefixListId, or referencedGroupId"
            )
        }
        if peers > 1 {
            throw BackendError(
                code: "InvalidParameterCombination",
                message: "Only one of cidrIp, cidrIpv6, prefixListId, or referencedGroupId can be specified")
        }
        guard let rule = try requestedRules(db, [permission], in: group).first else {
            throw BackendError.missingParameter("SecurityGroupRule")
        }
        try checkPrefixListsExist(db, [rule])
        return rule
    }
}

extension LocalBackend {
    /// The group, the rules `permissions` name in its direction, and that direction's stored rule ids
    /// by identity: what revoke and description updates both match against.
    func matchRules(_ db: Database, _ groupId: String, _ direction: Direction, _ permissions: [IPPermission]) throws
        -> (group: StoredGroup, requested: [Rule], byIdentity: [StoredRule.Identity: String])
    {
        let group = try self.group(db, id: groupId)
        if permissions.isEmpty { throw BackendError.missingParameter("IpPermissions") }
        let requested = try requestedRules(db, permissions, in: group)
        var byIdentity: [StoredRule.Identity: String] = [:]
        for rule in try storedRules(db, groupId: group.id, direction: direction) { byIdentity[rule.identity] = rule.id }
        return (group, requested, byIdentity)
    }
}
