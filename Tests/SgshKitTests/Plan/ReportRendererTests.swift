import SgshModel
import Testing

@testable import SgshKit

@Suite struct ReportRendererTests {
    /// The plan view of LANGUAGE.md §3, plus tags, a create and a delete.
    @Test func planViewText() throws {
        let live = [
            liveGroup(
                "sg-0abc123", ingress: [tcp(22, "203.0.113.0/24"), tcp(23, "0.0.0.0/0"), tcp(80, "0.0.0.0/0", "http")],
                tags: [Tag(key: "env", value: "dev"), Tag(key: "owner", value: "al")]),
            liveGroup("sg-0def456"),
        ]
        let db = CreatedGroup(placeholder: 1, name: "db", description: "database tier", vpcId: "vpc-0123")
        let changeSet = try fold(
            [
                .authorize(
                    .id("sg-0abc123"), .ingress, [tcp(443, "0.0.0.0/0", "public https"), tcp(22, "203.0.113.0/24")],
                    tags: []),
                .authorize(.id("sg-0abc123"), .ingress, [tcp(80, "0.0.0.0/0", "plain http")], tags: []),
                .revoke(.id("sg-0abc123"), .ingress, [tcp(23, "0.0.0.0/0")]),
                .tag(.id("sg-0abc123"), [Tag(key: "env", value: "prod"), Tag(key: "team", value: "web")]),
                .untag(.id("sg-0abc123"), [TagSelector(key: "owner")]),
                .create(db, tags: [Tag(key: "Name", value: "db")]),
                .delete(.id("sg-0def456")),
            ], live: live)
        #expect(
            ReportRenderer.text(changeSet) == """
                + <new db> create "db" vpc vpc-0123 "database tier"
                  + Name=db
                ~ sg-0abc123 ingress
                  + tcp 443 from 0.0.0.0/0 "public https"
                  ~ tcp 80 from 0.0.0.0/0 "plain http"     (was "http")
                  = tcp 22 from 203.0.113.0/24             (already present)
                  - tcp 23 from 0.0.0.0/0
                ~ sg-0abc123 tags
                  ~ env=prod  (was dev)
                  + team=web
                  - owner=al
                - sg-0def456 delete
                Plan: 3 to add, 2 to change, 3 to remove, 1 unchanged.

                """)
    }

    @Test func planWithNothingToDoSaysSo() throws {
        #expect(ReportRenderer.text(ChangeSet()) == "No changes.\n")
        let changeSet = try fold(
            [.authorize(.id("sg-1"), .ingress, [tcp(22, "10.0.0.0/8")], tags: [])],
            live: [liveGroup("sg-1", ingress: [tcp(22, "10.0.0.0/8")])])
        #expect(
            ReportRenderer.text(changeSet) == """
                = sg-1 ingress
                  = tcp 22 from 10.0.0.0/8  (already present)
                No changes (1 already as asked).

                """)
    }

    /// Notes line up after the widest line, counted in characters: a tag with non-ASCII
    /// text is as wide as its characters, not its bytes.
    @Test func notesLineUpByCharactersNotBytes() throws {
        let changeSet = try fold(
            [.tag(.id("sg-1"), [Tag(key: "café", value: "y"), Tag(key: "env", value: "prod")])],
            live: [liveGroup("sg-1", tags: [Tag(key: "café", value: "x"), Tag(key: "env", value: "dev")])])
        #expect(
            ReportRenderer.text(changeSet) == """
                ~ sg-1 tags
                  ~ café=y    (was x)
                  ~ env=prod  (was dev)
                Plan: 0 to add, 2 to change, 0 to remove, 0 unchanged.

                """)
    }

    /// `hasSections` answers what `sections.isEmpty` would, without building the lines.
    @Test func hasSectionsSaysWhetherThereAreSections() throws {
        let live = [liveGroup("sg-1", ingress: [tcp(22, "10.0.0.0/8")], tags: [Tag(key: "a", value: "b")])]
        let created = CreatedGroup(placeholder: 1, name: "db", description: "d", vpcId: nil)
        let changeSets = [
            ChangeSet(),
            try fold([.authorize(.id("sg-1"), .ingress, [tcp(22, "10.0.0.0/8")], tags: [])], live: live),
            try fold([.tag(.id("sg-1"), [Tag(key: "a", value: "b")])], live: live),
            try fold([.create(created, tags: [])], live: live),
            try fold([.delete(.id("sg-1"))], live: live),
            try fold([.show(.id("sg-1"))], live: live),
        ]
        #expect(changeSets.map(\.hasSections) == [false, true, true, true, true, false])
        for changeSet in changeSets { #expect(changeSet.hasSections == !changeSet.sections.isEmpty) }
    }

    /// Counts are kept by a mark's position in `allCases`: every mark is counted as itself.
    @Test func countsCountEveryMarkAsItself() {
        let lines = ReportMark.allCases.enumerated().flatMap { position, mark in
            Array(repeating: ReportLine(mark, .tag(Tag(key: "k", value: "v"))), count: position + 1)
        }
        let counts = ReportRenderer.counts([ReportSection(group: "sg-1", aspect: .tags, mark: .changed, lines: lines)])
        #expect(counts == Dictionary(uniqueKeysWithValues: ReportMark.allCases.enumerated().map { ($1, $0 + 1) }))
    }

    @Test func renderingIsDeterministic() throws {
        let live = (0..<5).map { liveGroup("sg-\($0)", ingress: [tcp(22, host($0))]) }
        let operations: [Operation] = (0..<5).flatMap { n -> [Operation] in
            [
                .exactly(.id("sg-\(n)"), .ingress, (0..<20).map { tcp(443, host(n * 100 + $0)) }, tags: []),
                .tag(.id("sg-\(n)"), [Tag(key: "n", value: "\(n)")]),
            ]
        }
        let first = ReportRenderer.text(try fold(operations, live: live))
        for _ in 0..<5 { #expect(ReportRenderer.text(try fold(operations, live: live)) == first) }
    }

    @Test func ipPermissionJSONHasEC2Shape() {
        let permission = IPPermission.grouping([
            tcp(443, "0.0.0.0/0", "https"), tcp(443, "::/0"),
            try! Rule(
                ipProtocol: .tcp, ports: .range(PortRange(443)!),
                peer: .group(GroupReference(groupId: "sg-0def", userId: "123456789012"))),
        ])[0]
        #expect(
            ReportRenderer.json(permission).rendered(pretty: false) == """
                {"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"https"}],\
                "Ipv6Ranges":[{"CidrIpv6":"::/0"}],"PrefixListIds":[],"UserIdGroupPairs":[{"GroupId":"sg-0def","UserId":"123456789012"}]}
                """)
        let all = IPPermission.grouping([allowAll])[0]
        #expect(
            ReportRenderer.json(all).rendered(pretty: false) == """
                {"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0"}],"Ipv6Ranges":[],"PrefixListIds":[],"UserIdGroupPairs":[]}
                """)
    }

    @Test func planJSONGroupsRulesByWhatHappensToThem() throws {
        let changeSet = try fold(
            [
                .exactly(.id("sg-1"), .ingress, [tcp(443, "0.0.0.0/0"), tcp(22, "10.0.0.0/8")], tags: []),
                .revoke(.id("sg-1"), .ingress, [tcp(21, "0.0.0.0/0")]),
            ],
            live: [liveGroup("sg-1", ingress: [tcp(22, "10.0.0.0/8"), tcp(23, "0.0.0.0/0")])])
        let json = ReportRenderer.json(changeSet).rendered(pretty: false)
        #expect(
            json == """
                {"DryRun":false,"HasChanges":true,"Groups":[{"GroupId":"sg-1","Aspect":"ingress","Status":"Updated",\
                "Added":[{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"0.0.0.0/0"}],"Ipv6Ranges":[],"PrefixListIds":[],"UserIdGroupPairs":[]}],\
                "Unchanged":[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"10.0.0.0/8"}],"Ipv6Ranges":[],"PrefixListIds":[],"UserIdGroupPairs":[]}],\
                "Removed":[{"IpProtocol":"tcp","FromPort":23,"ToPort":23,"IpRanges":[{"CidrIp":"0.0.0.0/0"}],"Ipv6Ranges":[],"PrefixListIds":[],"UserIdGroupPairs":[]}],\
                "AlreadyAbsent":[{"IpProtocol":"tcp","FromPort":21,"ToPort":21,"IpRanges":[{"CidrIp":"0.0.0.0/0"}],"Ipv6Ranges":[],"PrefixListIds":[],"UserIdGroupPairs":[]}]}]}
                """)
    }

    @Test(arguments: [
        (JSONValue.string("a\"b\\c\nd\u{01}é"), #""a\"b\\c\nd\u0001é""#),
        (.array([]), "[]"),
        (.object([]), "{}"),
        (.array([.int(-1), .bool(true), .null]), "[-1,true,null]"),
    ])
    func jsonWriterEscapesAndNests(value: JSONValue, expected: String) {
        #expect(value.rendered(pretty: false) == expected)
    }

    @Test func prettyJSONIndentsByTwoSpaces() {
        let value = JSONValue.object([.init("a", .array([.int(1), .object([.init("b", .string("c"))])]))])
        #expect(
            value.rendered() == """
                {
                  "a": [
                    1,
                    {
                      "b": "c"
                    }
                  ]
                }
                """)
    }
}
