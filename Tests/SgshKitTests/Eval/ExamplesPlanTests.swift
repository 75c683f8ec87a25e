// The repository's examples/ plan exactly the operations they are written to
// make, each from its own line, and on an empty account they batch into the
// calls the README promises (one create per group, one authorize per group and
// direction). No backend is needed to plan: the examples create their groups.

import Foundation
import SgshLocal
import SgshModel
import Testing

@testable import SgshKit

@Suite struct ExamplesPlanTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples")

    /// What one example plans: each operation as `line: summary`, what it prints, and the
    /// calls it makes on an empty local backend as `Action group (rules)`.
    struct Expected: Sendable {
        var operations: [String]
        var output: [String] = []
        var calls: [String]
    }

    static let expected: [String: Expected] = [
        "bastion.sgsh": Expected(
            operations: [
                #"11: create <new bastion> "bastion" "SSH jump host""#,
                #"12: create <new internal-hosts> "internal-hosts" "hosts reached through the bastion""#,
                #"16: authorize <new bastion> ingress: tcp 22 from 203.0.113.0/24 "ssh from the office""#,
                #"16: authorize <new bastion> ingress: tcp 22 from 198.51.100.7/32 "ssh from the office""#,
                #"16: authorize <new bastion> ingress: tcp 22 from 2001:db8:1234::/48 "ssh from the office""#,
                #"21: authorize <new internal-hosts> ingress: tcp 22 from new-1 "ssh from the bastion""#,
                #"22: authorize <new internal-hosts> ingress: icmp echo-request from new-1 "ping from the bastion""#,
            ],
            output: ["office networks: 3"],
            calls: [
                "CreateSecurityGroup <new bastion>",
                "CreateSecurityGroup <new internal-hosts>",
                "AuthorizeSecurityGroupIngress <new bastion> (rules: 3)",
                "AuthorizeSecurityGroupIngress <new internal-hosts> (rules: 2)",
            ]),
        "egress-lockdown.sgsh": Expected(
            operations: [
                #"5: create <new locked-workers> "locked-workers" "batch workers with restricted egress""#,
                #"9: exactly <new locked-workers> egress: tcp 443 to 0.0.0.0/0 "https to anywhere", "#
                    + #"tcp 443 to ::/0 "https to anywhere", udp 53 to 10.20.0.2/32 "dns", "#
                    + #"tcp 53 to 10.20.0.2/32 "dns over tcp", udp 123 to 169.254.169.123/32 "amazon time sync", "#
                    + #"tcp 5432 to 10.20.0.0/16 "postgres inside the vpc""#,
            ],
            // `exactly` on a new group also removes the allow-all egress rule EC2 gives it.
            calls: [
                "CreateSecurityGroup <new locked-workers>",
                "AuthorizeSecurityGroupEgress <new locked-workers> (rules: 6)",
                "RevokeSecurityGroupEgress <new locked-workers> (rules: 1)",
            ]),
        "three-tier.sgsh": Expected(
            operations: [
                #"8: create <new three-tier-lb> "three-tier-lb" "public load balancer""#,
                #"9: create <new three-tier-app> "three-tier-app" "application servers""#,
                #"10: create <new three-tier-db> "three-tier-db" "database tier""#,
                #"14: exactly <new three-tier-lb> ingress: tcp 80 from 0.0.0.0/0 "public web", "#
                    + #"tcp 80 from ::/0 "public web", tcp 443 from 0.0.0.0/0 "public web", "#
                    + #"tcp 443 from ::/0 "public web", "#
                    + #"icmp destination-unreachable from 0.0.0.0/0 "path MTU discovery""#,
                #"19: exactly <new three-tier-app> ingress: tcp 8080 from new-1 "app traffic from the load balancer""#,
                #"23: exactly <new three-tier-db> ingress: tcp 5432 from new-2 "postgres from the app tier""#,
                "27: tag <new three-tier-lb> tier=public app=three-tier",
                "28: tag <new three-tier-app> tier=app app=three-tier",
                "29: tag <new three-tier-db> tier=data app=three-tier",
            ],
            calls: [
                "CreateSecurityGroup <new three-tier-lb>",
                "CreateSecurityGroup <new three-tier-app>",
                "CreateSecurityGroup <new three-tier-db>",
                "AuthorizeSecurityGroupIngress <new three-tier-lb> (rules: 5)",
                "AuthorizeSecurityGroupIngress <new three-tier-app> (rules: 1)",
                "AuthorizeSecurityGroupIngress <new three-tier-db> (rules: 1)",
                "CreateTags <new three-tier-lb>",
                "CreateTags <new three-tier-app>",
                "CreateTags <new three-tier-db>",
            ]),
    ]

    static var examples: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".sgsh") }
            .sorted()
    }

    /// A new example must say what it plans here.
    @Test func everyExampleHasItsExpectedPlan() {
        #expect(Self.examples == Self.expected.keys.sorted())
    }

    @Test(arguments: examples)
    func examplePlansExactlyItsOperations(name: String) async throws {
        let expected = try #require(Self.expected[name])
        let source = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
        let host = TestHost(backend: nil)
        let plan = try await Interpreter(host: host).plan(source: source, name: "examples/\(name)") { host.record($0) }
        #expect(plan.operations.allSatisfy { $0.origin?.file.name == "examples/\(name)" })
        let operations = plan.operations.map { "\($0.origin?.location.line ?? 0): \($0.operation.summary)" }
        #expect(operations == expected.operations)
        #expect(host.output == expected.output)

        let calls = try await Planner(backend: LocalBackend.inMemory()).plan(plan).calls.map(Self.callText)
        #expect(calls == expected.calls)
    }

    static func callText(_ call: PlannedCall) -> String {
        switch call {
        case .authorize(_, _, let rules, _), .revoke(_, _, let rules):
            "\(call.actionName) \(call.group) (rules: \(rules.count))"
        default:
            "\(call.actionName) \(call.group)"
        }
    }
}
