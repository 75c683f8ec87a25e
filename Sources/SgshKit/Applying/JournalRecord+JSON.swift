// A journal record as the line the journal file holds: the JSON its Codable
// form decodes from, written member by member instead of through
// Foundation's JSONEncoder. The `begin` record of a 1,000-rule apply holds
// every rule; encoding it was 62 M instructions, a quarter of the apply,
// spent before the first call could go out. Members are in the order
// JSONEncoder's `.sortedKeys` gave (JournalRecordJSONTests pins the bytes),
// absent optionals are left out as its synthesized `encodeIfPresent` did, and
// reading stays with JSONDecoder.

import SgshModel

extension JournalRecord {
    /// The record as one line of JSON (no newline), as the journal writes it.
    package var jsonLine: String { String(decoding: jsonLineUTF8, as: UTF8.self) }

    /// `jsonLine`'s bytes, which the journal file writes.
    package var jsonLineUTF8: [UInt8] { JSONValue.object(members).utf8(pretty: false) }

    private var members: [JSONValue.Member] {
        var members: [JSONValue.Member] = []
        members.add("call", call?.json)
        members.add("calls", calls.map { .array($0.map(\.json)) })
        members.add("createdIds", createdIds.map { ids in .object(sorted(ids).map { .init($0, .string($1)) }) })
        members.add("errorCode", errorCode.map(JSONValue.string))
        members.add("event", .string(event.rawValue))
        members.add(
            "intendedEgress",
            intendedEgress.map { egress in .object(sorted(egress).map { .init($0, .array($1.map(\.json))) }) })
        members.add("position", position.map(JSONValue.int))
        members.add("processId", processId.map(JSONValue.int))
        members.add("revokedRuleTags", revokedRuleTags.map { .array($0.map(\.json)) })
        members.add("target", target.map(JSONValue.string))
        members.add("time", time.map(JSONValue.string))
        return members
    }

    private func sorted<Value>(_ dictionary: [String: Value]) -> [(String, Value)] {
        dictionary.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

extension JournaledCall {
    fileprivate var json: JSONValue {
        var members: [JSONValue.Member] = []
        members.add("action", .string(action))
        members.add("created", created?.json)
        members.add("direction", direction.map(JSONValue.string))
        members.add("groupId", groupId.map(JSONValue.string))
        members.add("groupsAfter", groupsAfter.map { .array($0.map(JSONValue.string)) })
        members.add("groupsBefore", groupsBefore.map { .array($0.map(JSONValue.string)) })
        members.add("interfaceSummary", interfaceSummary.map(JSONValue.string))
        members.add("networkInterfaceId", networkInterfaceId.map(JSONValue.string))
        members.add(
            "previousDescriptions", previousDescriptions.map { .array($0.map { $0.map(JSONValue.string) ?? .null }) })
        members.add("ruleId", ruleId.map(JSONValue.string))
        members.add("rules", rules.map { .array($0.map(\.json)) })
        members.add("tags", tags.map { .array($0.map(\.json)) })
        return .object(members)
    }
}

extension JournaledCall.Group {
    fileprivate var json: JSONValue {
        var members: [JSONValue.Member] = []
        members.add("description", .string(description))
        members.add("name", .string(name))
        members.add("placeholder", .int(placeholder))
        members.add("tags", tags.map { .array($0.map(\.json)) })
        members.add("vpcId", vpcId.map(JSONValue.string))
        return .object(members)
    }
}

extension JournaledCall.JournaledRule {
    fileprivate var json: JSONValue {
        var members: [JSONValue.Member] = []
        members.add("clearsDescription", clearsDescription.map(JSONValue.bool))
        members.add("permission", permission.json)
        return .object(members)
    }
}

extension JournaledCall.JournaledTag {
    fileprivate var json: JSONValue {
        var members: [JSONValue.Member] = []
        members.add("key", .string(key))
        members.add("previous", previous.map(JSONValue.string))
        members.add("value", .string(value))
        return .object(members)
    }
}

extension JournaledRuleTags {
    fileprivate var json: JSONValue {
        .object([
            .init("direction", .string(direction)), .init("groupId", .string(groupId)), .init("rule", rule.json),
            .init("tags", .array(tags.map(\.json))),
        ])
    }
}

extension Tag {
    fileprivate var json: JSONValue {
        .object([.init("key", .string(key)), .init("value", .string(value))])
    }
}

// IPPermission's journal form, as IPPermission+Codable.swift encodes it: the peer lists a
// permission does not use are left out.
extension IPPermission {
    fileprivate var json: JSONValue {
        var members: [JSONValue.Member] = []
        members.add("fromPort", fromPort.map(JSONValue.int))
        members.add("ipProtocol", .string(ipProtocol))
        if !ipRanges.isEmpty { members.add("ipRanges", .array(ipRanges.map(\.json))) }
        if !ipv6Ranges.isEmpty { members.add("ipv6Ranges", .array(ipv6Ranges.map(\.json))) }
        if !prefixListIds.isEmpty { members.add("prefixListIds", .array(prefixListIds.map(\.json))) }
        members.add("toPort", toPort.map(JSONValue.int))
        if !userIdGroupPairs.isEmpty { members.add("userIdGroupPairs", .array(userIdGroupPairs.map(\.json))) }
        return .object(members)
    }
}

extension IPRange {
    fileprivate var json: JSONValue {
        var members: [JSONValue.Member] = [.init("cidrIp", .string(cidrIp))]
        members.add("description", description.map(JSONValue.string))
        return .object(members)
    }
}

extension IPv6Range {
    fileprivate var json: JSONValue {
        var members: [JSONValue.Member] = [.init("cidrIpv6", .string(cidrIpv6))]
        members.add("description", description.map(JSONValue.string))
        return .object(members)
    }
}

extension PrefixListID {
    fileprivate var json: JSONValue {
        var members: [JSONValue.Member] = []
        members.add("description", description.map(JSONValue.string))
        members.add("prefixListId", .string(prefixListId))
        return .object(members)
    }
}

extension UserIdGroupPair {
    fileprivate var json: JSONValue {
        var members: [JSONValue.Member] = []
        members.add("description", description.map(JSONValue.string))
        members.add("groupId", groupId.map(JSONValue.string))
        members.add("groupName", groupName.map(JSONValue.string))
        members.add("peeringStatus", peeringStatus.map(JSONValue.string))
        members.add("userId", userId.map(JSONValue.string))
        members.add("vpcId", vpcId.map(JSONValue.string))
        members.add("vpcPeeringConnectionId", vpcPeeringConnectionId.map(JSONValue.string))
        return .object(members)
    }
}

extension [JSONValue.Member] {
    /// Adds `key` when it has a value (Codable's `encodeIfPresent`).
    fileprivate mutating func add(_ key: String, _ value: JSONValue?) {
        if let value { append(.init(key, value)) }
    }
}
