// DescribeSecurityGroups filters, evaluated over stored groups.
//
// Semantics as EC2 documents them: filters are ANDed, a filter's values are
// ORed, values may use `*` and `?` wildcards, and each rule filter is
// satisfied by any rule of the group (not necessarily the same rule for all).

import SgshModel

/// One parsed DescribeSecurityGroups filter.
struct SecurityGroupFilter: Sendable {
    /// What a filter looks at.
    enum Field: Sendable {
        case description, groupId, groupName, ownerId, vpcId, tagKey, tagValue
        case tag(String)
        case rule(egress: Bool, RuleField)
    }

    /// The rule fields of `ip-permission.*` and `egress.ip-permission.*`.
    enum RuleField: String, Sendable {
        case cidr
        case fromPort = "from-port"
        case toPort = "to-port"
        case groupId = "group-id"
        case groupName = "group-name"
        case ipv6CIDR = "ipv6-cidr"
        case prefixListId = "prefix-list-id"
        case ipProtocol = "protocol"
        case userId = "user-id"
    }

    /// The data a filter is evaluated against.
    struct Candidate {
        var group: StoredGroup
        var ownerId: String
        var rules: [StoredRule]
        var tags: [Tag]
    }

    let field: Field
    let patterns: [WildcardPattern]

    /// Parses a filter.
    /// - Throws: `InvalidParameterValue` for a filter name EC2 does not know.
    init(_ filter: SecurityGroupQuery.Filter) throws {
        patterns = filter.values.map(WildcardPattern.init)
        let name = filter.name
        switch name {
        case "description": field = .description
        case "group-id": field = .groupId
        case "group-name": field = .groupName
        case "owner-id": field = .ownerId
        case "vpc-id": field = .vpcId
        case "tag-key": field = .tagKey
        case "tag-value": field = .tagValue
        default:
            if name.hasPrefix("tag:"), name.count > 4 {
                field = .tag(String(name.dropFirst(4)))
            } else if name.hasPrefix("ip-permission."),
                let rule = RuleField(rawValue: String(name.dropFirst("ip-permission.".count)))
            {
                field = .rule(egress: false, rule)
            } else if name.hasPrefix("egress.ip-permission."),
                let rule = RuleField(rawValue: String(name.dropFirst("egress.ip-permission.".count)))
            {
                field = .rule(egress: true, rule)
            } else {
                throw BackendError(code: "InvalidParameterValue", message: "The filter '\(name)' is invalid")
            }
        }
    }

    /// True when the candidate has a value matching one of the filter's values.
    func matches(_ candidate: Candidate) -> Bool {
        func any(_ values: [String]) -> Bool {
            values.contains { value in patterns.contains { $0.matches(value) } }
        }
        switch field {
        case .description: return any([candidate.group.description])
        case .groupId: return any([candidate.group.id])
        case .groupName: return any([candidate.group.name])
        case .ownerId: return any([candidate.ownerId])
        case .vpcId: return any([candidate.group.vpcId])
        case .tagKey: return any(candidate.tags.map(\.key))
        case .tagValue: return any(candidate.tags.map(\.value))
        case .tag(let key): return any(candidate.tags.filter { $0.key == key }.map(\.value))
        case .rule(let egress, let ruleField):
            let values = candidate.rules.filter { $0.isEgress == egress }.compactMap {
                Self.value(of: ruleField, in: $0)
            }
            return any(values)
        }
    }

    private static func value(of field: RuleField, in rule: StoredRule) -> String? {
        let identity = rule.identity
        switch field {
        case .cidr: return identity.peerKind == .ipv4 ? identity.peer : nil
        case .ipv6CIDR: return identity.peerKind == .ipv6 ? identity.peer : nil
        case .prefixListId: return identity.peerKind == .prefixList ? identity.peer : nil
        case .groupId: return identity.peerKind == .group ? identity.peer : nil
        case .userId: return identity.peerKind == .group ? identity.peerUser : nil
        // Rules are stored by group id; like EC2, a rule made with an id does not match by name.
        case .groupName: return nil
        case .fromPort: return String(identity.fromPort)
        case .toPort: return String(identity.toPort)
        case .ipProtocol: return identity.ipProtocol
        }
    }
}

/// An EC2 filter value: `*` matches any run of characters, `?` any one character.
struct WildcardPattern: Sendable {
    private let characters: [Character]

    init(_ text: String) { characters = Array(text) }

    func matches(_ value: String) -> Bool {
        let text = Array(value)
        // Iterative glob matching with one backtrack point: linear for patterns with one `*`.
        var p = 0
        var t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < characters.count && (characters[p] == "?" || characters[p] == text[t]) {
                p += 1
                t += 1
            } else if p < characters.count && characters[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < characters.count && characters[p] == "*" { p += 1 }
        return p == characters.count
    }
}
