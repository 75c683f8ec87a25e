// Rules that expire (issue 16), end to end: `allow … for 2h` through the binary
// tags the rule `sgsh:expires` on moto (read back with boto3), `sgsh expire`
// revokes it when due and not before (`--at` sets the time judged at) and
// unmarks its group, and 500 expired rules over 10 groups cost two reads and
// ten revokes (counted
// on moto through the EC2 backend, and on the local backend). The moto tests
// run one at a time, in a region no other suite uses: `sgsh expire` acts on
// every temporary rule of the account and region.

import Foundation
import Logging
import SgshEC2
import SgshKit
import SgshLocal
import SgshModel
import SgshTestSupport
import Testing

@Suite(.serialized) struct ExpireEndToEndTests {
    /// A region of its own on moto: `sgsh expire` acts on every temporary rule of the account and
    /// region, and other suites plant temporary rules in us-east-1 at the same time.
    static let credentials = MotoEndToEnd.credentials.merging(["AWS_REGION": "ap-northeast-3"]) { $1 }

    static func json(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
    }

    /// The `sgsh:expires` tags of a group's ingress rules, read with boto3.
    static let readExpiry = #"""
        import sys, boto3
        ec2 = boto3.client("ec2", endpoint_url=sys.argv[1], region_name="ap-northeast-3")
        group = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": [sys.argv[2]]}])["SecurityGroups"][0]
        rules = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [group["GroupId"]]}])["SecurityGroupRules"]
        for rule in rules:
            if not rule["IsEgress"]:
                print(rule.get("CidrIpv4"), [t["Value"] for t in rule.get("Tags", []) if t["Key"] == "sgsh:expires"])
        """#

    /// The values of a group's `sgsh:temporary-rules` tag, read with boto3.
    static let readMark = #"""
        import sys, boto3
        ec2 = boto3.client("ec2", endpoint_url=sys.argv[1], region_name="ap-northeast-3")
        group = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": [sys.argv[2]]}])["SecurityGroups"][0]
        print([t["Value"] for t in group.get("Tags", []) if t["Key"] == "sgsh:temporary-rules"])
        """#

    @Test func aTemporaryRuleLandsTaggedOnMotoAndExpiresWhenDue() async throws {
        let endpoint = try MotoEndToEnd.endpoint()
        let dir = try TemporaryDirectory()
        let group = "expiring-\(MotoEndToEnd.uniqueSuffix())"
        let aws = ["--backend", "aws", "--endpoint-url", endpoint]
        let script = try dir.write(
            "debug.sgsh",
            """
            let web = sg create "\(group)" "temporary access"
            sg $web ingress allow tcp 22 from 203.0.113.7 "debug" for 2h
            """)
        let before = Int(Date().timeIntervalSince1970)
        let run = try await runSgsh(["run"] + aws + [script], environment: Self.credentials, in: dir)
        let after = Int(Date().timeIntervalSince1970)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("+ tcp 22 from 203.0.113.7/32 \"debug\"  (expires in "), "\(run)")

        let environment = Self.credentials.merging(MotoEndToEnd.pythonEnvironment) { $1 }
        let read = try await startProcess(
            "/usr/bin/env", ["python3", "-c", Self.readExpiry, endpoint, group], environment: environment, in: dir
        ).finished()
        #expect(read.status == 0, "\(read)")
        let value = try #require(read.stdout.split(separator: "'").dropFirst().first.map(String.init), "\(read)")
        #expect(read.stdout.hasPrefix("203.0.113.7/32 ['"))
        let expires = try #require(UTCTimestamp.seconds(value))
        #expect((before + 7200...after + 7200).contains(expires))
        let mark = try await startProcess(
            "/usr/bin/env", ["python3", "-c", Self.readMark, endpoint, group], environment: environment, in: dir
        ).finished()
        #expect(mark.stdout == "['yes']\n", "\(mark)")

        // A second before it is due: nothing to revoke. At its time: revoked, in one call.
        let early = try await runSgsh(
            ["expire", "--output", "json", "--at", UTCTimestamp.text(expires - 1)] + aws,
            environment: Self.credentials, in: dir)
        #expect(early.status == 0, "\(early)")
        #expect((try Self.json(early)["Expired"] as? [Any])?.isEmpty == true)
        let due = try await runSgsh(
            ["expire", "--at", UTCTimestamp.text(expires)] + aws, environment: Self.credentials, in: dir)
        #expect(due.status == 0, "\(due)")
        #expect(due.stdout.contains("  - tcp 22 from 203.0.113.7/32 \"debug\"  (sgr-"), "\(due)")
        // The rules read, the revoke, the marked groups read, and the DeleteTags of the group's
        // `sgsh:temporary-rules` (set by the run, read back with boto3): it holds none now.
        #expect(due.stdout.contains(" untag sgsh:temporary-rules  (no temporary rule left)\n"), "\(due)")
        #expect(due.stdout.hasSuffix("Expired: 1 rule revoked in 1 group (4 calls).\n"), "\(due)")
        #expect(try await MotoEndToEnd.describe([group], in: dir, credentials: Self.credentials)[group]?.Ingress == [])
    }

    @Test func aTemporaryRuleAskedForWithoutForBecomesPermanentOnMoto() async throws {
        let endpoint = try MotoEndToEnd.endpoint()
        let dir = try TemporaryDirectory()
        let group = "made-permanent-\(MotoEndToEnd.uniqueSuffix())"
        let aws = ["--backend", "aws", "--endpoint-url", endpoint]
        let rule = #"sg $web ingress allow tcp 22 from 203.0.113.7 "debug""#
        let create = #"let web = sg create "\#(group)" "temporary access""#
        let temporary = try dir.write("temporary.sgsh", create + "\n" + rule + " for 2h\n")
        let permanent = try dir.write("permanent.sgsh", create + "\n" + rule + "\n")
        let first = try await runSgsh(["run"] + aws + [temporary], environment: Self.credentials, in: dir)
        #expect(first.status == 0, "\(first)")

        let second = try await runSgsh(["run"] + aws + [permanent], environment: Self.credentials, in: dir)
        #expect(second.status == 0, "\(second)")
        #expect(
            second.stdout.contains(
                #"~ tcp 22 from 203.0.113.7/32 "debug"  (permanent now: sgsh:expires removed (it expires in "#),
            "\(second)")
        let environment = Self.credentials.merging(MotoEndToEnd.pythonEnvironment) { $1 }
        let read = try await startProcess(
            "/usr/bin/env", ["python3", "-c", Self.readExpiry, endpoint, group], environment: environment, in: dir
        ).finished()
        #expect(read.stdout == "203.0.113.7/32 []\n", "\(read)")
        // Nothing left to change: the re-run sends nothing.
        let third = try await runSgsh(["run"] + aws + [permanent], environment: Self.credentials, in: dir)
        #expect(third.status == 0, "\(third)")
        #expect(third.stdout.hasSuffix("(0 calls).\n"), "\(third)")
        #expect(third.stdout.contains(#"= tcp 22 from 203.0.113.7/32 "debug"  (already present)"#), "\(third)")
    }

    @Test func fiveHundredExpiredRulesInTenGroupsOnMotoTakeOneDescribeAndTenRevokes() async throws {
        let configuration = try EC2Configuration.resolve(
            environment: Self.credentials, endpointURL: try MotoEndToEnd.endpoint(), fileSystem: .files([:]))
        let backend = EC2Backend(
            configuration: configuration,
            transport: AsyncHTTPTransport(connectTimeout: .seconds(5), requestTimeout: .seconds(120)),
            logger: Logger(label: "sgsh.ec2.moto"))
        try await EC2Backend.withBackend(backend) { ec2 in
            let suffix = MotoEndToEnd.uniqueSuffix()
            let past = [SgshModel.Tag(key: SgshRuleTag.expires, value: "2020-01-01T00:00:00Z")]
            var groups: [String] = []
            for index in 0..<10 {
                let group = try await ec2.createSecurityGroup(
                    name: "bulk-expiry-\(index)-\(suffix)", description: "bulk", vpcId: nil, tags: [], dryRun: false)
                groups.append(group)
                let rules = try (2000..<2050).map {
                    try Rule(
                        ipProtocol: .tcp, ports: .range(PortRange(from: $0, to: $0)!), peer: .cidr(CIDR("10.0.0.0/8")!))
                }
                _ = try await ec2.authorize(
                    .ingress, groupId: group, permissions: IPPermission.grouping(rules), tags: past, dryRun: false)
            }
            let counting = CountingBackend(ec2)
            let report = try await Expirer(backend: counting).expire(
                now: Int(Date().timeIntervalSince1970), dryRun: false)
            #expect(report.succeeded)
            #expect(report.batches.filter { groups.contains($0.groupId) }.reduce(0) { $0 + $1.rules.count } == 500)
            #expect(counting.count(.describeSecurityGroupRules) <= 1)
            #expect(counting.readCalls == 2)  // and the groups marked `sgsh:temporary-rules`
            #expect(counting.count(.revokeByRuleIds) <= 10)
            // and, when other tests left a marked group without temporary rules, its DeleteTags
            #expect(counting.mutatingCalls <= 11)
            let left = try await ec2.describeSecurityGroups(SecurityGroupQuery(groupIds: groups))
            #expect(left.allSatisfy { $0.ipPermissions.isEmpty })
        }
    }

    /// A state file with `web`: one rule due at 2026-01-01T00:00:00Z, one due a day later.
    static func localState(_ dir: TemporaryDirectory) async throws -> String {
        let local = try LocalBackend(path: dir.state)
        let web = try await local.createSecurityGroup(
            name: "web", description: "w", vpcId: nil, tags: [], dryRun: false)
        for (port, expires) in [(22, "2026-01-01T00:00:00Z"), (3389, "2026-01-02T00:00:00Z")] {
            let rule = try Rule(
                ipProtocol: .tcp, ports: .range(PortRange(from: port, to: port)!), peer: .cidr(CIDR("203.0.113.7/32")!),
                description: "debug")
            _ = try await local.authorize(
                .ingress, groupId: web, permissions: IPPermission.grouping([rule]),
                tags: [SgshModel.Tag(key: SgshRuleTag.expires, value: expires)], dryRun: false)
        }
        return web
    }

    @Test func expireOnTheLocalBackendIsIdempotentWithClearExitCodes() async throws {
        let dir = try TemporaryDirectory()
        let web = try await Self.localState(dir)
        let at = ["--at", "2026-01-01T00:05:00Z"]
        let dry = try await runSgsh(["expire", "--state", dir.state, "--dry-run"] + at, in: dir)
        let ruleId = try await Self.ruleId(dir, port: 22)
        #expect(
            dry
                == ProcessResult(
                    stdout: """
                        Backend: local (state file \(dir.state))
                        - \(web) ingress
                          - tcp 22 from 203.0.113.7/32 "debug"  (\(ruleId), expired 5m ago)
                        Would revoke 1 expired rule in 1 group; nothing sent; 1 temporary rule not yet due (next expires in 23h 55m) (1 call).

                        """, stderr: "", status: 0))
        let first = try await runSgsh(["expire", "--state", dir.state, "--output", "json"] + at, in: dir)
        #expect(first.status == 0, "\(first)")
        let document = try Self.json(first)
        // The rules read, the revoke, the marked groups read, and the CreateTags of the mark on
        // `web`, which still holds a temporary rule (planted without it).
        #expect(document["CallCount"] as? Int == 4)
        #expect(document["Marked"] as? [String] == [web])
        #expect((document["Expired"] as? [[String: Any]])?.map { $0["Status"] as? String } == ["Revoked"])
        #expect(
            (document["Pending"] as? [[String: Any]])?.map { $0["ExpiresAt"] as? String } == ["2026-01-02T00:00:00Z"])
        let again = try await runSgsh(["expire", "--state", dir.state, "--quiet"] + at, in: dir)
        #expect(again == ProcessResult(stdout: "", stderr: "", status: 0))
        let bad = try await runSgsh(["expire", "--state", dir.state, "--at", "tomorrow"], in: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--at: 'tomorrow' is not a time"), "\(bad)")
    }

    @Test func fiveHundredExpiredRulesInTenGroupsOnTheLocalBackendTakeOneDescribeAndTenRevokes() async throws {
        let local = LocalBackend.inMemory()
        let past = [SgshModel.Tag(key: SgshRuleTag.expires, value: "2020-01-01T00:00:00Z")]
        for index in 0..<10 {
            let group = try await local.createSecurityGroup(
                name: "g\(index)", description: "bulk", vpcId: nil, tags: [], dryRun: false)
            let rules = try (2000..<2050).map {
                try Rule(
                    ipProtocol: .tcp, ports: .range(PortRange(from: $0, to: $0)!), peer: .cidr(CIDR("10.0.0.0/8")!))
            }
            _ = try await local.authorize(
                .ingress, groupId: group, permissions: IPPermission.grouping(rules), tags: past, dryRun: false)
        }
        let counting = CountingBackend(local)
        let report = try await Expirer(backend: counting).expire(now: 1_800_000_000, dryRun: false)
        #expect(report.batches.reduce(0) { $0 + $1.rules.count } == 500)
        #expect(counting.readCalls == 2)  // and the marked groups: none, so no mark call
        #expect(counting.count(.revokeByRuleIds) == 10)
        #expect(counting.mutatingCalls == 10)
    }

    static func ruleId(_ dir: TemporaryDirectory, port: Int) async throws -> String {
        let local = try LocalBackend(path: dir.state)
        let rules = try await local.describeSecurityGroupRules(groupId: nil, ruleIds: [])
        return try #require(rules.first { $0.fromPort == port }?.securityGroupRuleId)
    }
}
