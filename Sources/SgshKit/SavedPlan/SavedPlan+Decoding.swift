// Reading a saved plan's file back (the format of SavedPlan+JSON.swift). A
// file that is not exactly what sgsh writes is refused with the path of the
// first bad member: a hand-edited plan must not be applied by accident. The
// `Calls` member must be the calls the `Changes` make, and each `Digest` the
// digest of its `State`, so neither can be edited alone.

import SgshModel

/// Why a saved plan file cannot be applied as it is.
public struct SavedPlanError: Error, Hashable, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

extension SavedPlan {
    /// Reads a saved plan's text.
    /// - Parameters:
    ///   - jsonText: the file's text, as `sgsh plan --out` wrote it.
    ///   - digest: the same digest function the plan was written with.
    /// - Throws: `SavedPlanError` for text that is not a saved plan of this version, or whose
    ///   calls or digests do not match the rest of it.
    public init(jsonText: String, digest: (String) -> String) throws(SavedPlanError) {
        let root: JSONValue
        do {
            root = try JSONValue(parsing: jsonText)
        } catch {
            throw SavedPlanError("not JSON: \(error)")
        }
        let file = JSONReader(value: root, path: "")
        guard (try? file.member("Format").string()) == Self.formatName else {
            throw SavedPlanError("not a saved sgsh plan (no \"Format\": \"\(Self.formatName)\")")
        }
        let version = try file.member("Version").int()
        guard version == Self.formatVersion else {
            throw SavedPlanError("format version \(version); this sgsh reads version \(Self.formatVersion)")
        }
        let backend = try file.member("Backend")
        let target = SavedPlanTarget(
            kind: try backend.member("Kind").string(), region: try backend.optional("Region")?.string(),
            account: try backend.optional("Account")?.string())
        var groups: [PlannedGroupState] = []
        for entry in try file.member("Groups").array() {
            let group = try Self.snapshot(entry.member("State"), id: entry.member("GroupId").string())
            let written = try entry.member("Digest").string()
            guard written == "sha256:" + digest(Self.digestInput(group, target: target)) else {
                throw SavedPlanError("\(entry.path).Digest is not the digest of its State: the file was edited")
            }
            groups.append(group)
        }
        var reader = ChangeSetReader()
        let changeSet = try reader.changeSet(file.member("Changes"))
        guard JSONValue.array(changeSet.calls.map(Self.callJSON)) == (try file.member("Calls").value) else {
            throw SavedPlanError("Calls are not the calls the Changes make: the file was edited")
        }
        self.init(script: try file.member("Script").string(), target: target, groups: groups, changeSet: changeSet)
    }

    static func snapshot(_ state: JSONReader, id: String) throws(SavedPlanError) -> PlannedGroupState {
        var rules: [SecurityGroupRule] = []
        for rule in try state.member("Rules").array() {
            rules.append(
                SecurityGroupRule(
                    securityGroupRuleId: try rule.member("SecurityGroupRuleId").string(), groupId: id,
                    isEgress: try rule.member("IsEgress").bool(),
                    ipProtocol: try rule.member("IpProtocol").string(), fromPort: try rule.optional("FromPort")?.int(),
                    toPort: try rule.optional("ToPort")?.int(), cidrIpv4: try rule.optional("CidrIpv4")?.string(),
                    cidrIpv6: try rule.optional("CidrIpv6")?.string(),
                    prefixListId: try rule.optional("PrefixListId")?.string(),
                    referencedGroupId: try rule.optional("ReferencedGroupId")?.string(),
                    referencedUserId: try rule.optional("ReferencedUserId")?.string(),
                    description: try rule.optional("Description")?.string(), tags: try tags(rule.member("Tags"))))
        }
        return PlannedGroupState(
            groupId: id, groupName: try state.member("GroupName").string(),
            description: try state.member("Description").string(), vpcId: try state.optional("VpcId")?.string(),
            ownerId: try state.optional("OwnerId")?.string(), tags: try tags(state.member("Tags")), rules: rules)
    }

    static func tags(_ list: JSONReader) throws(SavedPlanError) -> [Tag] {
        var out: [Tag] = []
        for tag in try list.array() {
            out.append(Tag(key: try tag.member("Key").string(), value: try tag.member("Value").string()))
        }
        return out
    }
}

/// The `Changes` member back into a ChangeSet; `new-N` references resolve to the creations.
private struct ChangeSetReader {
    var created: [String: CreatedGroup] = [:]

    mutating func changeSet(_ changes: JSONReader) throws(SavedPlanError) -> ChangeSet {
        var out = ChangeSet(dryRun: try changes.member("DryRun").bool())
        if let plannedAt = changes.optional("PlannedAt") {
            guard let seconds = UTCTimestamp.seconds(try plannedAt.string()) else {
                throw SavedPlanError("\(plannedAt.path) is not an ISO 8601 UTC time")
            }
            out.plannedAt = seconds
        }
        for entry in try changes.member("Creations").array() {
            let group = try createdGroup(entry)
            created[group.peerReference.groupId] = group
            out.creations.append(GroupCreation(group: group, tags: try SavedPlan.tags(entry.member("Tags"))))
        }
        for entry in try changes.member("Adoptions").array() {
            out.adoptions.append(
                GroupAdoption(
                    group: try createdGroup(entry), id: try entry.member("GroupId").string(),
                    liveDescription: try entry.member("LiveDescription").string()))
        }
        for entry in try changes.member("RuleChanges").array() {
            out.ruleChanges.append(try ruleChange(entry))
        }
        for entry in try changes.member("TagChanges").array() {
            out.tagChanges.append(
                TagChange(
                    group: try target(entry.member("Group")), set: try tagUpdates(entry.member("Set")),
                    removed: try SavedPlan.tags(entry.member("Remove")),
                    unchanged: try SavedPlan.tags(entry.member("Unchanged"))))
        }
        // Absent from plans saved before replacements existed.
        for entry in try changes.optional("Replacements")?.array() ?? [] {
            guard case .created(let new) = try target(entry.member("New")) else {
                throw SavedPlanError("\(entry.path).New is not a new-N reference")
            }
            out.replacements.append(
                GroupReplacement(
                    old: try entry.member("Old").string(), oldVpcId: try entry.optional("OldVpcId")?.string(), new: new)
            )
        }
        for entry in try changes.optional("InterfaceMoves")?.array() ?? [] {
            var from: [String] = []
            for group in try entry.member("From").array() { from.append(try group.string()) }
            var to: [GroupTarget] = []
            for group in try entry.member("To").array() { to.append(try target(group)) }
            out.interfaceMoves.append(
                InterfaceMove(
                    networkInterfaceId: try entry.member("NetworkInterfaceId").string(),
                    summary: try entry.member("Summary").string(), from: from, to: to))
        }
        for entry in try changes.member("Deletions").array() {
            out.deletions.append(GroupDeletion(group: try target(entry)))
        }
        for entry in try changes.member("Shows").array() { out.shows.append(try target(entry)) }
        return out
    }

    func createdGroup(_ entry: JSONReader) throws(SavedPlanError) -> CreatedGroup {
        let reference = try entry.member("Ref")
        guard let placeholder = CreatedGroup.placeholder(of: GroupReference(groupId: try reference.string())) else {
            throw SavedPlanError("\(reference.path) is not a new-N reference")
        }
        return CreatedGroup(
            placeholder: placeholder, name: try entry.member("GroupName").string(),
            description: try entry.member("Description").string(), vpcId: try entry.optional("VpcId")?.string())
    }

    func target(_ entry: JSONReader) throws(SavedPlanError) -> GroupTarget {
        let text = try entry.string()
        if CreatedGroup.placeholder(of: GroupReference(groupId: text)) != nil {
            guard let group = created[text] else {
                throw SavedPlanError("\(entry.path) names \(text), which no creation makes")
            }
            return .created(group)
        }
        return .id(text)
    }

    func ruleChange(_ entry: JSONReader) throws(SavedPlanError) -> RuleChange {
        let directionText = try entry.member("Direction").string()
        guard let direction = Direction(rawValue: directionText) else {
            throw SavedPlanError("\(entry.path).Direction is '\(directionText)', not ingress or egress")
        }
        var additions: [RuleBatch] = []
        for batch in try entry.member("Add").array() {
            additions.append(
                RuleBatch(tags: try SavedPlan.tags(batch.member("Tags")), rules: try rules(batch.member("Rules"))))
        }
        var descriptionUpdates: [DescriptionUpdate] = []
        for update in try entry.member("DescriptionUpdates").array() {
            descriptionUpdates.append(
                DescriptionUpdate(
                    rule: try rule(update.member("Rule")), previous: try update.optional("Previous")?.string()))
        }
        var tagUpdates: [RuleTagUpdate] = []
        for update in try entry.member("TagUpdates").array() {
            tagUpdates.append(
                RuleTagUpdate(
                    rule: try rule(update.member("Rule")), ruleId: try update.member("SecurityGroupRuleId").string(),
                    set: try self.tagUpdates(update.member("Set"))))
        }
        var tagRemovals: [RuleTagRemoval] = []
        for removal in try entry.optional("TagRemovals")?.array() ?? [] {
            tagRemovals.append(
                RuleTagRemoval(
                    rule: try rule(removal.member("Rule")), ruleId: try removal.member("SecurityGroupRuleId").string(),
                    tags: try SavedPlan.tags(removal.member("Tags"))))
        }
        var intended: [Rule]?
        if let list = entry.optional("IntendedRules") { intended = try rules(list) }
        var change = RuleChange(
            group: try target(entry.member("Group")), direction: direction, additions: additions,
            removed: try rules(entry.member("Remove")), unchanged: try rules(entry.member("Unchanged")),
            alreadyAbsent: try rules(entry.member("AlreadyAbsent")), descriptionUpdates: descriptionUpdates,
            tagUpdates: tagUpdates, removesFirst: try entry.member("RemovesFirst").bool(),
            intendedRules: intended)
        change.tagRemovals = tagRemovals
        if let list = entry.optional("NotManaged") { change.notManaged = try rules(list) }
        for item in try entry.optional("LiveRuleTags")?.array() ?? [] {
            change.liveTags[try rule(item.member("Rule")).key] = try SavedPlan.tags(item.member("Tags"))
        }
        return change
    }

    func tagUpdates(_ list: JSONReader) throws(SavedPlanError) -> [TagUpdate] {
        var out: [TagUpdate] = []
        for entry in try list.array() {
            out.append(
                TagUpdate(
                    tag: Tag(key: try entry.member("Key").string(), value: try entry.member("Value").string()),
                    previous: try entry.optional("Previous")?.string()))
        }
        return out
    }

    func rules(_ list: JSONReader) throws(SavedPlanError) -> [Rule] {
        var out: [Rule] = []
        for entry in try list.array() { out.append(try rule(entry)) }
        return out
    }

    /// A one-peer rule; read through IPPermission so it is checked as a rule EC2 returned is.
    func rule(_ entry: JSONReader) throws(SavedPlanError) -> Rule {
        var permission = IPPermission(
            ipProtocol: try entry.member("IpProtocol").string(), fromPort: try entry.optional("FromPort")?.int(),
            toPort: try entry.optional("ToPort")?.int())
        let description = try entry.optional("Description")?.string()
        if let cidr = try entry.optional("CidrIpv4")?.string() {
            permission.ipRanges = [IPRange(cidrIp: cidr, description: description)]
        } else if let cidr = try entry.optional("CidrIpv6")?.string() {
            permission.ipv6Ranges = [IPv6Range(cidrIpv6: cidr, description: description)]
        } else if let list = try entry.optional("PrefixListId")?.string() {
            permission.prefixListIds = [PrefixListID(prefixListId: list, description: description)]
        } else if let group = try entry.optional("ReferencedGroupId")?.string() {
            permission.userIdGroupPairs = [
                UserIdGroupPair(
                    groupId: group, userId: try entry.optional("ReferencedUserId")?.string(), description: description)
            ]
        }
        let read: Rule
        do {
            guard permission.peerCount == 1, let only = try permission.rules().first else {
                throw SavedPlanError(
                    "\(entry.path) names no peer (CidrIpv4, CidrIpv6, PrefixListId or ReferencedGroupId)")
            }
            read = only
        } catch let error as SavedPlanError {
            throw error
        } catch {
            throw SavedPlanError("\(entry.path): \(error)")
        }
        // "" (clear the description) reads back as nil through IPPermission: kept as written.
        return description == "" ? read.withDescription("") : read
    }
}

/// A JSON value with the path it was found at, for errors that say where.
struct JSONReader {
    let value: JSONValue
    let path: String

    func member(_ key: String) throws(SavedPlanError) -> JSONReader {
        guard let found = optional(key) else {
            throw SavedPlanError("\(path.isEmpty ? "" : path + ".")\(key) is missing")
        }
        return found
    }

    /// The member, nil when absent or null.
    func optional(_ key: String) -> JSONReader? {
        guard let found = value[key], found != .null else { return nil }
        return JSONReader(value: found, path: path.isEmpty ? key : "\(path).\(key)")
    }

    func string() throws(SavedPlanError) -> String {
        guard case .string(let text) = value else { throw SavedPlanError("\(path) must be a string") }
        return text
    }

    func int() throws(SavedPlanError) -> Int {
        guard case .int(let number) = value else { throw SavedPlanError("\(path) must be a whole number") }
        return number
    }

    func bool() throws(SavedPlanError) -> Bool {
        guard case .bool(let flag) = value else { throw SavedPlanError("\(path) must be true or false") }
        return flag
    }

    func array() throws(SavedPlanError) -> [JSONReader] {
        guard case .array(let values) = value else { throw SavedPlanError("\(path) must be a list") }
        return values.enumerated().map { JSONReader(value: $1, path: "\(path)[\($0)]") }
    }
}
