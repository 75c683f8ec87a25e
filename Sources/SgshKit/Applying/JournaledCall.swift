// A planned call in a form that survives the process: plain Codable values
// (EC2's IpPermission shape for rules), written by an ApplyJournal and read
// back by Recovery after a crash. It holds what the call changes and what it
// had (previous descriptions and tag values), nothing about credentials.

import SgshModel

/// A `PlannedCall` as a journal stores it.
public struct JournaledCall: Codable, Hashable, Sendable {
    /// `create`, `authorize`, `updateDescriptions`, `revoke`, `createTags`, `deleteTags`, `tagRule`,
    /// `untagRule`, `moveInterface`, `delete`.
    public var action: String
    /// The group, when it existed before the apply.
    public var groupId: String?
    /// The group, when the apply creates it.
    public var created: Group?
    /// `ingress` or `egress`, for rule calls.
    public var direction: String?
    /// The rules, one permission (one peer) each, with the description the call sends.
    public var rules: [JournaledRule]?
    /// For `updateDescriptions`: the description each rule had, in the order of `rules`.
    public var previousDescriptions: [String?]?
    /// Tags set (with the value they had), or deleted (with the value they have).
    public var tags: [JournaledTag]?
    /// For `tagRule` and `untagRule`: the rule's `sgr-` id.
    public var ruleId: String?
    /// For `moveInterface`: the interface (`eni-…`), what it is, and its groups before and after
    /// (a group the apply creates written as its placeholder reference, `new-N`).
    public var networkInterfaceId: String?
    public var interfaceSummary: String?
    public var groupsBefore: [String]?
    public var groupsAfter: [String]?

    /// A group the apply creates.
    public struct Group: Codable, Hashable, Sendable {
        public var placeholder: Int
        public var name: String
        public var description: String
        public var vpcId: String?
        public var tags: [Tag]?
    }

    /// A rule: one IpPermission with one peer; `clearsDescription` for a description asked to be none.
    public struct JournaledRule: Codable, Hashable, Sendable {
        public var permission: IPPermission
        public var clearsDescription: Bool?
    }

    /// A tag and the value it had (`previous`, nil when absent).
    public struct JournaledTag: Codable, Hashable, Sendable {
        public var key: String
        public var value: String
        public var previous: String?
    }

    /// The journal's form of `call`.
    public init(_ call: PlannedCall) {
        action = Self.name(of: call)
        switch call.group {
        case .id(let id): groupId = id
        case .created(let group):
            created = Group(
                placeholder: group.placeholder, name: group.name, description: group.description, vpcId: group.vpcId)
        }
        switch call {
        case .create(_, let tags):
            created?.tags = tags
        case .authorize(_, let direction, let rules, let tags):
            self.direction = direction.rawValue
            self.rules = rules.map(JournaledRule.init)
            self.tags = tags.map { JournaledTag(key: $0.key, value: $0.value, previous: nil) }
        case .revoke(_, let direction, let rules):
            self.direction = direction.rawValue
            self.rules = rules.map(JournaledRule.init)
        case .updateDescriptions(_, let direction, let updates):
            self.direction = direction.rawValue
            rules = updates.map { JournaledRule($0.rule) }
            previousDescriptions = updates.map(\.previous)
        case .createTags(_, let updates):
            tags = updates.map { JournaledTag(key: $0.tag.key, value: $0.tag.value, previous: $0.previous) }
        case .deleteTags(_, let removed):
            tags = removed.map { JournaledTag(key: $0.key, value: $0.value, previous: $0.value) }
        case .tagRule(_, let direction, let update):
            self.direction = direction.rawValue
            rules = [JournaledRule(update.rule)]
            ruleId = update.ruleId
            tags = update.set.map { JournaledTag(key: $0.tag.key, value: $0.tag.value, previous: $0.previous) }
        case .untagRule(_, let direction, let removal):
            self.direction = direction.rawValue
            rules = [JournaledRule(removal.rule)]
            ruleId = removal.ruleId
            tags = removal.tags.map { JournaledTag(key: $0.key, value: $0.value, previous: $0.value) }
        case .moveInterface(let move):
            networkInterfaceId = move.networkInterfaceId
            interfaceSummary = move.summary
            groupsBefore = move.from
            groupsAfter = move.to.map { target in
                switch target {
                case .id(let id): id
                case .created(let group): group.peerReference.groupId
                }
            }
        case .delete:
            break
        }
    }

    private static func name(of call: PlannedCall) -> String {
        switch call {
        case .create: "create"
        case .authorize: "authorize"
        case .updateDescriptions: "updateDescriptions"
        case .revoke: "revoke"
        case .createTags: "createTags"
        case .deleteTags: "deleteTags"
        case .tagRule: "tagRule"
        case .untagRule: "untagRule"
        case .moveInterface: "moveInterface"
        case .delete: "delete"
        }
    }

    /// A journal that cannot be read back as the calls it recorded.
    public struct Unreadable: Error, CustomStringConvertible {
        public let description: String
    }

    /// The call this records.
    /// - Throws: `Unreadable` when a field is missing or malformed.
    public func plannedCall() throws(Unreadable) -> PlannedCall {
        let group = try target()
        func direction() throws(Unreadable) -> Direction {
            guard let raw = self.direction, let direction = Direction(rawValue: raw) else {
                throw Unreadable(description: "\(action) without a direction")
            }
            return direction
        }
        func rules() throws(Unreadable) -> [Rule] {
            try (self.rules ?? []).map { rule throws(Unreadable) in try rule.rule() }
        }
        let tags = (self.tags ?? []).map { TagUpdate(tag: Tag(key: $0.key, value: $0.value), previous: $0.previous) }
        switch action {
        case "create":
            guard case .created(let created) = group else {
                throw Unreadable(description: "create of an existing group")
            }
            return .create(created, tags: self.created?.tags ?? [])
        case "authorize":
            return .authorize(group, try direction(), try rules(), tags: tags.map(\.tag))
        case "revoke":
            return .revoke(group, try direction(), try rules())
        case "updateDescriptions":
            let rules = try rules()
            let previous = previousDescriptions ?? []
            guard previous.count == rules.count else {
                throw Unreadable(description: "updateDescriptions without a previous description per rule")
            }
            return .updateDescriptions(group, try direction(), zip(rules, previous).map(DescriptionUpdate.init))
        case "createTags":
            return .createTags(group, tags)
        case "deleteTags":
            return .deleteTags(group, tags.map(\.tag))
        case "tagRule":
            guard let rule = try rules().first, let ruleId else {
                throw Unreadable(description: "tagRule without its rule")
            }
            return .tagRule(group, try direction(), RuleTagUpdate(rule: rule, ruleId: ruleId, set: tags))
        case "untagRule":
            guard let rule = try rules().first, let ruleId else {
                throw Unreadable(description: "untagRule without its rule")
            }
            return .untagRule(group, try direction(), RuleTagRemoval(rule: rule, ruleId: ruleId, tags: tags.map(\.tag)))
        case "moveInterface":
            guard let networkInterfaceId, let groupsBefore, let groupsAfter else {
                throw Unreadable(description: "moveInterface without its interface and groups")
            }
            let to = groupsAfter.map { id -> GroupTarget in
                guard let placeholder = CreatedGroup.placeholder(of: GroupReference(groupId: id)) else {
                    return .id(id)
                }
                if case .created(let created) = group, created.placeholder == placeholder { return group }
                // Another new group of the same interface: found by the id the journal recorded.
                return .created(CreatedGroup(placeholder: placeholder, name: "", description: "", vpcId: nil))
            }
            return .moveInterface(
                InterfaceMove(
                    networkInterfaceId: networkInterfaceId, summary: interfaceSummary ?? networkInterfaceId,
                    from: groupsBefore, to: to))
        case "delete":
            return .delete(group)
        default:
            throw Unreadable(description: "unknown action '\(action)'")
        }
    }

    private func target() throws(Unreadable) -> GroupTarget {
        if let groupId { return .id(groupId) }
        guard let created else { throw Unreadable(description: "\(action) without a group") }
        return .created(
            CreatedGroup(
                placeholder: created.placeholder, name: created.name, description: created.description,
                vpcId: created.vpcId))
    }
}

extension JournaledCall.JournaledRule {
    init(_ rule: Rule) {
        permission = IPPermission.grouping([rule])[0]
        clearsDescription = rule.description == "" ? true : nil
    }

    func rule() throws(JournaledCall.Unreadable) -> Rule {
        let rules: [Rule]
        do {
            rules = try permission.rules()
        } catch {
            throw JournaledCall.Unreadable(description: "a rule that does not read back: \(error)")
        }
        guard rules.count == 1, let rule = rules.first else {
            throw JournaledCall.Unreadable(description: "a journaled rule with \(rules.count) peers")
        }
        guard clearsDescription == true else { return rule }
        return (try? Rule(ipProtocol: rule.ipProtocol, ports: rule.ports, peer: rule.peer, description: "")) ?? rule
    }
}
