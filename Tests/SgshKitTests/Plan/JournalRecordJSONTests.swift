// The journal's lines, written by JournalRecord+JSON.swift without JSONEncoder,
// must read back as the records they hold, and must be the bytes that
// JSONEncoder (sorted keys, slashes unescaped) wrote before: a journal left
// by an interrupted apply is read by whichever sgsh runs next, older or newer.

import Foundation
import SgshModel
import Testing

@testable import SgshKit

@Suite struct JournalRecordJSONTests {
    /// Every kind of call, every kind of peer, and text that needs escaping.
    static func calls() throws -> [PlannedCall] {
        let web = GroupTarget.id("sg-0web")
        let created = CreatedGroup(placeholder: 3, name: "db \"primary\"", description: "tier/2 \\ é", vpcId: "vpc-1")
        let rules = [
            try Rule(
                ipProtocol: .tcp, ports: .range(PortRange(443)!), peer: .cidr(CIDR("10.0.0.0/8")!), description: "https"
            ),
            try Rule(
                ipProtocol: .udp, ports: .range(PortRange(from: 1000, to: 2000)!), peer: .cidr(CIDR("2001:db8::/32")!)),
            try Rule(
                ipProtocol: .icmp, ports: .icmp(ICMPSpec(type: 8)!), peer: .prefixList("pl-0abc"), description: ""),
            try Rule(
                ipProtocol: .all, ports: .none,
                peer: .group(GroupReference(groupId: "sg-0peer", userId: "123456789012")),
                description: "from peer/group"),
        ]
        return [
            .create(created, tags: [Tag(key: "Name", value: "db")]),
            .authorize(.created(created), .ingress, rules, tags: [Tag(key: "note", value: "a \"q\" \\ / é\n\t\u{1}")]),
            .revoke(web, .egress, [rules[0]]),
            .updateDescriptions(
                web, .ingress,
                [DescriptionUpdate(rule: rules[0], previous: nil), DescriptionUpdate(rule: rules[1], previous: "old")]),
            .createTags(web, [TagUpdate(tag: Tag(key: "env", value: "prod"), previous: "dev")]),
            .deleteTags(web, [Tag(key: "stale", value: "1")]),
            .tagRule(
                web, .ingress,
                RuleTagUpdate(
                    rule: rules[0], ruleId: "sgr-01", set: [TagUpdate(tag: Tag(key: "k", value: "v"), previous: nil)])),
            .untagRule(
                web, .egress, RuleTagRemoval(rule: rules[1], ruleId: "sgr-02", tags: [Tag(key: "k", value: "v")])),
            .moveInterface(
                InterfaceMove(
                    networkInterfaceId: "eni-01", summary: "web-1 (i-01)", from: ["sg-0web"],
                    to: [.created(created), web])),
            .delete(web),
        ]
    }

    static func records() throws -> [JournalRecord] {
        let calls = try calls()
        var begin = JournalRecord(event: .begin)
        begin.calls = calls.map(JournaledCall.init)
        begin.intendedEgress = ["3": [JournaledCall.JournaledRule(calls[2].rules()[0])], "4": []]
        begin.time = "2026-12-05T16:00:00.123Z"
        begin.target = "aws (region eu-west-1, endpoint https://ec2.eu-west-1.amazonaws.com)"
        begin.processId = 4242
        var replanned = JournalRecord(event: .replanned)
        replanned.position = 2
        replanned.calls = [JournaledCall(calls[3])]
        var failed = JournalRecord.about(.failed, nil, at: 5)
        failed.errorCode = "InvalidPermission.Duplicate"
        return [begin, replanned, failed, JournalRecord(event: .rollingBack)]
            + calls.enumerated().flatMap { position, call in
                [
                    JournalRecord.about(.sending, call, at: position, ids: [3: "sg-0new", 4: "sg-0other"]),
                    JournalRecord.about(.sent, nil, at: position),
                ]
            }
    }

    @Test func everyRecordReadsBackAsItself() throws {
        for record in try Self.records() {
            let read = try JSONDecoder().decode(JournalRecord.self, from: Data(record.jsonLine.utf8))
            #expect(read == record, "\(record.jsonLine)")
        }
    }

    @Test func linesAreTheBytesJSONEncoderWrote() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for record in try Self.records() {
            #expect(record.jsonLine == String(decoding: try encoder.encode(record), as: UTF8.self))
        }
    }

    @Test func revokedRuleTagsReadBack() throws {
        var record = JournalRecord(event: .begin)
        record.calls = []
        let rule = try Self.calls()[2].rules()[0]
        let entry = RevokedRuleTags.Entry(
            group: .id("sg-0web"), direction: .egress, rule: rule, tags: [Tag(key: "sgsh:expires", value: "x")])
        record.revokedRuleTags = [try #require(JournaledRuleTags(entry))]
        let read = try JSONDecoder().decode(JournalRecord.self, from: Data(record.jsonLine.utf8))
        #expect(read == record)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(record.jsonLine == String(decoding: try encoder.encode(record), as: UTF8.self))
    }
}

extension PlannedCall {
    /// The rules of a rule call (none for others).
    fileprivate func rules() -> [Rule] {
        switch self {
        case .authorize(_, _, let rules, _), .revoke(_, _, let rules): rules
        default: []
        }
    }
}
