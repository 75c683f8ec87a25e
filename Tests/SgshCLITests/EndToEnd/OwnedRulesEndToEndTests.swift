// Shared groups, owned rules (issue 16) through the built binary, on both
// backends: two scripts, `owner "a"` and `owner "b"`, each `exactly` on one
// group, applied in turn and again: both sets of rules stay, a rule added by
// hand (boto3 on moto, the local backend's own API on a state file) stays, and
// re-runs send nothing (the JSON report's CallCount, the calls sgsh sent).

import Foundation
import SgshKit
import SgshLocal
import SgshModel
import SgshTestSupport
import Testing

@Suite struct OwnedRulesEndToEndTests {
    static func scripts(group: String) -> (a: String, b: String) {
        (
            """
            owner "a"
            let web = sg create "\(group)" "shared by two owners"
            sg $web ingress exactly {
              allow tcp 443 from 0.0.0.0/0 "a: public https"
              allow tcp 80 from 10.0.0.0/8 "a: internal http"
            }
            """,
            """
            owner "b"
            let web = sg create "\(group)" "shared by two owners"
            sg $web ingress exactly {
              allow tcp 22 from 10.1.0.0/16 "b: ssh"
            }
            """
        )
    }

    /// Runs a script with `--output json`; returns the report's CallCount.
    static func apply(
        _ file: String, _ backend: [String], in dir: TemporaryDirectory, environment: [String: String] = [:]
    )
        async throws -> Int
    {
        let result = try await runSgsh(
            ["run", "--output", "json"] + backend + [file], environment: environment, in: dir)
        #expect(result.status == 0, "\(result)")
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return try #require(document?["CallCount"] as? Int, "\(result)")
    }

    /// Applies a then b three times; `handAdd` runs after the first a, `ingress` reads the rules.
    static func converge(
        backend: [String], environment: [String: String] = [:], group: String, in dir: TemporaryDirectory,
        handAdd: () async throws -> Void, ingress: () async throws -> [String]
    ) async throws {
        let (a, b) = scripts(group: group)
        let fileA = try dir.write("a.sgsh", a)
        let fileB = try dir.write("b.sgsh", b)
        #expect(try await apply(fileA, backend, in: dir, environment: environment) == 2)  // create, authorize
        try await handAdd()
        for round in 1...3 {
            let callsA = try await apply(fileA, backend, in: dir, environment: environment)
            let callsB = try await apply(fileB, backend, in: dir, environment: environment)
            // b adds its rule once; a has nothing left to do; then nothing is sent at all.
            #expect(callsA == 0, "round \(round)")
            #expect(callsB == (round == 1 ? 1 : 0), "round \(round)")
            #expect(
                try await ingress() == [
                    "tcp|22|22|10.1.0.0/16|b: ssh", "tcp|443|443|0.0.0.0/0|a: public https",
                    "tcp|80|80|10.0.0.0/8|a: internal http", "tcp|8443|8443|192.0.2.0/24|by hand",
                ], "round \(round)")
        }
    }

    @Test func twoOwnersShareAGroupOnMoto() async throws {
        let endpoint = try MotoEndToEnd.endpoint()
        let dir = try TemporaryDirectory()
        let group = "owners-\(MotoEndToEnd.uniqueSuffix())"
        let handAdd = #"""
            import sys, boto3
            ec2 = boto3.client("ec2", endpoint_url=sys.argv[1], region_name="us-east-1")
            group = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": [sys.argv[2]]}])["SecurityGroups"][0]
            ec2.authorize_security_group_ingress(GroupId=group["GroupId"], IpPermissions=[{"IpProtocol": "tcp",
                "FromPort": 8443, "ToPort": 8443, "IpRanges": [{"CidrIp": "192.0.2.0/24", "Description": "by hand"}]}])
            """#
        try await Self.converge(
            backend: ["--backend", "aws", "--endpoint-url", endpoint], environment: MotoEndToEnd.credentials,
            group: group, in: dir,
            handAdd: {
                let environment = MotoEndToEnd.credentials.merging(MotoEndToEnd.pythonEnvironment) { $1 }
                let result = try await startProcess(
                    "/usr/bin/env", ["python3", "-c", handAdd, endpoint, group], environment: environment, in: dir
                ).finished()
                #expect(result.status == 0, "\(result)")
            },
            ingress: { try await MotoEndToEnd.describe([group], in: dir)[group]?.Ingress ?? [] })
    }

    @Test func twoOwnersShareAGroupOnTheLocalBackend() async throws {
        let dir = try TemporaryDirectory()
        let state = dir.state
        func groupId(_ local: LocalBackend) async throws -> String {
            let groups = try await local.describeSecurityGroups(
                SecurityGroupQuery(filters: [.init(name: "group-name", values: ["owners"])]))
            return try #require(groups.first?.groupId)
        }
        try await Self.converge(
            backend: ["--state", state], group: "owners", in: dir,
            handAdd: {
                let local = try LocalBackend(path: state)
                let rule = try Rule(
                    ipProtocol: .tcp, ports: .range(PortRange(from: 8443, to: 8443)!),
                    peer: .cidr(CIDR("192.0.2.0/24")!), description: "by hand")
                _ = try await local.authorize(
                    .ingress, groupId: try await groupId(local), permissions: IPPermission.grouping([rule]), tags: [],
                    dryRun: false)
            },
            ingress: {
                let local = try LocalBackend(path: state)
                let live = try #require(try await local.describeSecurityGroups(.all).first { $0.groupName == "owners" })
                return live.ipPermissions.flatMap { permission in
                    permission.ipRanges.map {
                        "\(permission.ipProtocol)|\(permission.fromPort ?? -1)|\(permission.toPort ?? -1)|\($0.cidrIp)|\($0.description ?? "")"
                    }
                }.sorted()
            })
    }

    @Test func anOwnerEntryInTheREPLOwnsTheRulesOfTheEntriesAfterIt() async throws {
        let dir = try TemporaryDirectory()
        let entries = """
            let web = sg create "repl-owned" "owned in the shell"
            sg $web ingress allow tcp 80 from 10.0.0.0/8
            owner "a"
            sg $web ingress allow tcp 443 from 0.0.0.0/0

            """
        let result = try await runSgsh(["repl", "--state", dir.state], stdin: entries, in: dir)
        #expect(result.status == 0, "\(result)")
        let local = try LocalBackend(path: dir.state)
        // (The default group's rules come too: only the tcp ones are the entries'.)
        let owners = try await local.describeSecurityGroupRules(groupId: nil, ruleIds: [])
            .filter { !$0.isEgress && $0.ipProtocol == "tcp" }
            .map { "\($0.fromPort ?? -1) \($0.tags.first { $0.key == SgshRuleTag.owner }?.value ?? "-")" }.sorted()
        #expect(owners == ["443 a", "80 -"])
        let flagged = try await runSgsh(
            ["repl", "--state", dir.state, "--owner", "b"],
            stdin: "sg (sg lookup \"repl-owned\") ingress allow tcp 22 from 10.0.0.0/8\n", in: dir)
        #expect(flagged.status == 0, "\(flagged)")
        let tagged = try await local.describeSecurityGroupRules(groupId: nil, ruleIds: []).first { $0.fromPort == 22 }
        #expect(tagged?.tags == [SgshModel.Tag(key: SgshRuleTag.owner, value: "b")])
    }

    @Test func theScriptsOwnerAndAnotherOnTheCommandLineAreAUsageError() async throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("a.sgsh", "owner \"a\"\nprint \"ran\"\n")
        let result = try await runSgsh(["run", "--state", dir.state, "--owner", "b", file], in: dir)
        #expect(result.status == 2)
        #expect(result.stderr == "sgsh: error: the script's owner is \"a\" but --owner says \"b\"\n")
        #expect(result.stdout.isEmpty)  // refused before it ran
        let plan = try await runSgsh(["plan", "--state", dir.state, "--owner", "a", file], in: dir)
        #expect(plan.status == 0 && plan.stdout.hasPrefix("ran\n"), "\(plan)")
        // A fleet refuses it too, before any target.
        let fleet = try await runSgsh(
            [
                "run", "--endpoint-url", try MotoEndToEnd.endpoint(), "--regions", "us-east-1,us-west-2", "--owner",
                "b", file,
            ],
            environment: MotoEndToEnd.credentials, in: dir)
        #expect(fleet.status == 2, "\(fleet)")
        #expect(fleet.stderr.hasSuffix("sgsh: error: the script's owner is \"a\" but --owner says \"b\"\n"), "\(fleet)")
    }
}
