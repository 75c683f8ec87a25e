// The policy matcher, table-driven and through the language: each case's
// policies are sgsh source (parsed, resolved and evaluated as a script's
// would be), its rules the state of one group, and the expectation the rules
// that break the policy. Range algebra, not string comparison.

import SgshModel
import Testing

@testable import SgshKit

/// A host whose clock the test sets.
struct ClockHost: SgshKit.Host {
    var time: Int = 1_700_000_000
    func print(_ text: String) {}
    func now() -> Int { time }
}

func rule(_ proto: String, _ ports: String?, _ peer: String, _ description: String? = nil) -> Rule {
    let ipProtocol = IPProtocol(parsing: proto)!
    let spec: PortSpec =
        switch ports {
        case nil: .none
        case let text?: .range(PortRange(parsing: text)!)
        }
    let parsedPeer: Peer = peer.hasPrefix("sg-") ? .group(GroupReference(groupId: peer)) : .cidr(CIDR(peer)!)
    return try! Rule(ipProtocol: ipProtocol, ports: spec, peer: parsedPeer, description: description)
}

/// The policies a source declares.
func policies(_ source: String, host: any SgshKit.Host = ClockHost()) async throws -> PolicySet {
    try await Interpreter(host: host).plan(source: source, name: "policy.sgsh").policies
}

@Suite struct PolicyMatcherTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let policy: String
        let rules: [Rule]
        /// Indexes of `rules` that break it.
        let caught: [Int]
        var testDescription: String { "\(policy) | \(rules.map { SourceWriter.rule($0, .ingress) })" }
    }

    static let worldSSH = #"policy deny ingress tcp 22 from 0.0.0.0/0, ::/0 "no world ssh""#
    static let onlyWeb = #"policy deny ingress all from 0.0.0.0/0, ::/0 except tcp [80, 443] "only web is public""#

    static let cases: [Case] = [
        Case(policy: worldSSH, rules: [rule("tcp", "22", "0.0.0.0/0")], caught: [0]),
        Case(policy: worldSSH, rules: [rule("tcp", "20-30", "0.0.0.0/0")], caught: [0]),
        Case(policy: worldSSH, rules: [rule("tcp", "0-65535", "0.0.0.0/0")], caught: [0]),
        Case(policy: worldSSH, rules: [rule("all", nil, "0.0.0.0/0")], caught: [0]),
        Case(policy: worldSSH, rules: [rule("-1", nil, "0.0.0.0/0")], caught: [0]),
        Case(policy: worldSSH, rules: [rule("tcp", "22", "::/0")], caught: [0]),
        Case(
            policy: worldSSH, rules: [rule("tcp", "22", "0.0.0.0/1"), rule("tcp", "22", "128.0.0.0/1")],
            caught: [0, 1]),
        // Halves with different but overlapping ports still open 22 to everyone.
        Case(
            policy: worldSSH, rules: [rule("tcp", "22", "0.0.0.0/1"), rule("all", nil, "128.0.0.0/1")],
            caught: [0, 1]),
        // A narrow rule beside one that opens the world is not itself the world.
        Case(
            policy: worldSSH, rules: [rule("tcp", "22", "10.0.0.0/8"), rule("tcp", "22", "0.0.0.0/0")],
            caught: [1]),
        Case(policy: worldSSH, rules: [rule("udp", "22", "0.0.0.0/0")], caught: []),
        Case(policy: worldSSH, rules: [rule("tcp", "23", "0.0.0.0/0")], caught: []),
        Case(policy: worldSSH, rules: [rule("tcp", "22", "10.0.0.0/8")], caught: []),
        Case(policy: worldSSH, rules: [rule("tcp", "22", "0.0.0.0/1")], caught: []),
        Case(
            policy: worldSSH, rules: [rule("tcp", "22", "0.0.0.0/1"), rule("udp", "22", "128.0.0.0/1")], caught: []),
        // IPv4 and IPv6 apart: a v6 half does not complete the v4 world.
        Case(policy: worldSSH, rules: [rule("tcp", "22", "0.0.0.0/1"), rule("tcp", "22", "::/1")], caught: []),
        Case(policy: onlyWeb, rules: [rule("tcp", "443", "0.0.0.0/0")], caught: []),
        Case(policy: onlyWeb, rules: [rule("tcp", "80", "::/0")], caught: []),
        Case(policy: onlyWeb, rules: [rule("tcp", "80-443", "0.0.0.0/0")], caught: [0]),
        Case(policy: onlyWeb, rules: [rule("udp", "53", "0.0.0.0/0")], caught: [0]),
        Case(policy: onlyWeb, rules: [rule("udp", "53", "10.0.0.0/8")], caught: []),
        // A CIDR other than the world matches any rule CIDR that overlaps it.
        Case(
            policy: #"policy deny ingress tcp 22 from 10.0.0.0/8 "no ssh from the office""#,
            rules: [
                rule("tcp", "22", "10.1.0.0/16"), rule("tcp", "22", "0.0.0.0/0"), rule("tcp", "22", "192.168.0.0/16"),
            ],
            caught: [0, 1]),
        Case(
            policy: #"policy deny ingress all from sg-0aaa "nothing from the old tier""#,
            rules: [rule("tcp", "5432", "sg-0aaa"), rule("tcp", "5432", "sg-0bbb")], caught: [0]),
        Case(
            policy: #"policy deny ingress all from any "closed""#,
            rules: [rule("tcp", "5432", "sg-0aaa"), rule("udp", "53", "10.0.0.0/8")], caught: [0, 1]),
        Case(
            policy: #"policy require description "every rule says why""#,
            rules: [rule("tcp", "443", "0.0.0.0/0", "https"), rule("tcp", "22", "10.0.0.0/8")], caught: [1]),
    ]

    @Test(arguments: cases)
    func matches(_ example: Case) async throws {
        let set = try await policies(example.policy)
        let group = PolicyGroupState(
            target: .id("sg-0web"), name: "web", rules: [.ingress: example.rules.map { PolicyRule(rule: $0) }])
        let found = PolicyCheck(set, now: 0).violations(in: [group]).map(\.rule.rule)
        #expect(found == example.caught.map { example.rules[$0] })
    }

    @Test func aDirectionOnlyMatchesItsOwnRules() async throws {
        let set = try await policies(#"policy deny egress all to 0.0.0.0/0 "no general egress""#)
        let open = [PolicyRule(rule: rule("all", nil, "0.0.0.0/0"))]
        let ingressOnly = PolicyGroupState(target: .id("sg-0a"), name: nil, rules: [.ingress: open])
        let egress = PolicyGroupState(target: .id("sg-0b"), name: nil, rules: [.egress: open])
        let found = PolicyCheck(set, now: 0).violations(in: [ingressOnly, egress])
        #expect(found.map(\.group) == [.id("sg-0b")])
        #expect(found.map(\.direction) == [.egress])
    }

    @Test func inScopesToOneGroupOrToGroupsOfAName() async throws {
        let set = try await policies(
            """
            let db = sg-0db
            policy deny egress all to 0.0.0.0/0 in $db "the database tier has no general egress"
            policy deny ingress all from any in "default" "the default group allows nothing"
            """)
        let open = [PolicyRule(rule: rule("all", nil, "0.0.0.0/0"))]
        let db = PolicyGroupState(target: .id("sg-0db"), name: "db", rules: [.egress: open])
        let web = PolicyGroupState(target: .id("sg-0web"), name: "web", rules: [.egress: open, .ingress: open])
        let fallback = PolicyGroupState(target: .id("sg-0def"), name: "default", rules: [.ingress: open])
        let found = PolicyCheck(set, now: 0).violations(in: [db, web, fallback])
        #expect(found.map(\.group) == [.id("sg-0db"), .id("sg-0def")])
        #expect(
            found.map(\.policy.name) == ["the database tier has no general egress", "the default group allows nothing"])
    }

    @Test(arguments: [
        ("2024-01-30T12:00", true), ("2024-01-31T23:59", true), ("2024-02-01T00:00", false),
    ])
    func anExemptionHoldsUntilTheEndOfItsDay(_ moment: String, _ exempt: Bool) async throws {
        let set = try await policies(
            """
            policy deny ingress tcp 22 from 0.0.0.0/0 "no world ssh"
            policy exempt sg-0a1 from "no world ssh" until 2024-01-31 "vendor appliance, ticket NET-142"
            """)
        let times = [
            "2024-01-30T12:00": 1_706_616_000, "2024-01-31T23:59": 1_706_745_540, "2024-02-01T00:00": 1_706_745_600,
        ]
        let open = [PolicyRule(rule: rule("tcp", "22", "0.0.0.0/0"))]
        let legacy = PolicyGroupState(target: .id("sg-0a1"), name: "legacy", rules: [.ingress: open])
        let other = PolicyGroupState(target: .id("sg-0b2"), name: "other", rules: [.ingress: open])
        let found = PolicyCheck(set, now: times[moment]!).violations(in: [legacy, other])
        // The exemption is for its group only.
        #expect(found.map(\.group) == (exempt ? [.id("sg-0b2")] : [.id("sg-0a1"), .id("sg-0b2")]))
        if !exempt {
            #expect(found[0].expiredExemption?.until == "2024-01-31")
            #expect(found[0].rendered().contains("expired after 2024-01-31 (vendor appliance, ticket NET-142)"))
        }
    }

    @Test func datesCountDaysFromTheEpoch() {
        #expect(PolicyDate.day("1970-01-01") == 0)
        #expect(PolicyDate.day("2024-02-29") == 19_782)
        #expect(PolicyDate.day("2023-02-29") == nil)
        #expect(PolicyDate.day("2024-13-01") == nil)
        #expect(PolicyDate.day("1969-12-31") == -1)
    }
}
