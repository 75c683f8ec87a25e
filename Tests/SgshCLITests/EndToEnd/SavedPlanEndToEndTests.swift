// `sgsh plan --out` then `sgsh apply` on the built binary: a change elsewhere
// does not stop the apply; a change to a group the plan touches (by sgsh on
// the local backend, by boto3 on moto) refuses it with the group named and
// nothing sent, and the plan's changes are still pending afterwards.

import Foundation
import Testing

@Suite struct SavedPlanEndToEndTests {
    static let script = """
        let web = sg create "web" "web tier"
        sg $web ingress allow tcp 443 from 0.0.0.0/0 "https"
        sg $web tag env="prod"

        """

    @Test func onTheLocalBackendAChangeElsewhereAppliesAndAChangeToATouchedGroupIsRefused() async throws {
        let dir = try TemporaryDirectory()
        let ids = IDNormalizer()
        let local = ["--state", dir.state]
        let setup = try await runSgsh(
            ["--quiet"] + local + [
                "-c",
                """
                let web = sg create "web" "web tier"
                let other = sg create "other" "elsewhere"
                sg $web ingress allow tcp 22 from 10.0.0.0/8 "ssh"
                """,
            ], in: dir)
        #expect(setup == ProcessResult(stdout: "", stderr: "", status: 0))
        let file = try dir.write("rules.sgsh", Self.script)
        let pending = """
            = sg-1 create "web" "web tier"  (exists: adopted)
            ~ sg-1 ingress
              + tcp 443 from 0.0.0.0/0 "https"
            ~ sg-1 tags
              + env=prod

            """

        let plan = ids(try await runSgsh(["plan"] + local + [file, "--out", "plan.json"], in: dir))
        #expect(
            plan
                == ProcessResult(
                    stdout: dir.reportHeader + pending + "Plan: 2 to add, 0 to change, 0 to remove, 1 unchanged.\n"
                        + "Saved the plan to plan.json; apply it with: sgsh apply plan.json\n", stderr: "", status: 0))
        let saved = try String(contentsOfFile: dir.path("plan.json"), encoding: .utf8)
        #expect(saved.hasPrefix("{\n  \"Format\": \"sgsh-plan\",\n  \"Version\": 1,\n"))

        // A rule added to a group the plan does not touch.
        let elsewhere = try await runSgsh(
            ["--quiet"] + local + [
                "-c", "let o = sg create \"other\" \"elsewhere\"\nsg $o ingress allow tcp 25 from 10.0.0.0/8",
            ], in: dir)
        #expect(elsewhere.status == 0, "\(elsewhere)")
        let applied = ids(try await runSgsh(["apply"] + local + ["plan.json"], in: dir))
        #expect(
            applied
                == ProcessResult(
                    stdout: dir.reportHeader + pending
                        + "Applied: 2 added, 0 changed, 0 removed, 1 unchanged (2 calls).\n", stderr: "", status: 0))

        // The next plan, then a hand change to its group: refused, and nothing changed.
        let next = try dir.write(
            "next.sgsh", "let w = sg create \"web\" \"web tier\"\nsg $w ingress revoke tcp 22 from 10.0.0.0/8\n")
        let second = try await runSgsh(["plan"] + local + [next, "--out", "next.json"], in: dir)
        #expect(second.status == 0, "\(second)")
        let hand = try await runSgsh(
            ["--quiet"] + local + [
                "-c",
                "let w = sg create \"web\" \"web tier\"\nsg $w ingress allow tcp 5432 from 10.1.0.0/16 \"db\"\nsg $w untag env",
            ],
            in: dir)
        #expect(hand.status == 0, "\(hand)")
        let before = try await runSgsh(["export"] + local + ["web", "other"], in: dir)
        let refused = ids(try await runSgsh(["apply"] + local + ["next.json"], in: dir))
        #expect(
            refused
                == ProcessResult(
                    stdout: "",
                    stderr: """
                        sgsh: error: next.json is out of date: a group it touches has changed since it was made; nothing was sent
                          sg-1 ("web")
                            rule sgr-1 added: ingress tcp 5432 from 10.1.0.0/16 "db"
                            tag "env"="prod" removed
                        Make the plan again and review it.

                        """, status: 1))
        #expect(try await runSgsh(["export"] + local + ["web", "other"], in: dir) == before)
    }

    @Test func aSavedDeleteRevokesTheReferencesItPlannedAndRecordsTheirGroups() async throws {
        let dir = try TemporaryDirectory()
        let ids = IDNormalizer()
        let local = ["--state", dir.state]
        let setup = try await runSgsh(
            ["--quiet"] + local + [
                "-c", TeardownEndToEndTests.setup(("x", "y", "z")),
            ], in: dir)
        #expect(setup.status == 0, "\(setup)")
        let plan = try await runSgsh(
            ["plan"] + local + ["-c", TeardownEndToEndTests.delete("x"), "--out", "delete.json"], in: dir)
        #expect(plan.status == 0, "\(plan)")
        let saved = try String(contentsOfFile: dir.path("delete.json"), encoding: .utf8)
        // x, and y and z whose rules name x: all three recorded.
        #expect(saved.matches(of: /"Digest": "sha256:[0-9a-f]{64}"/).count == 3, "\(saved)")
        let applied = ids(try await runSgsh(["apply"] + local + ["delete.json"], in: dir))
        #expect(
            applied
                == ProcessResult(
                    stdout: dir.reportHeader + TeardownEndToEndTests.deletedXReport, stderr: "",
                    status: 0))
    }

    @Test func aFileThatIsNotASavedPlanIsRefused() async throws {
        let dir = try TemporaryDirectory()
        _ = try dir.write("broken.json", "{\"Format\": \"sgsh-plan\", \"Version\": 1}")
        let result = try await runSgsh(["apply", "--state", dir.state, "broken.json"], in: dir)
        #expect(
            result == ProcessResult(stdout: "", stderr: "sgsh: error: broken.json: Backend is missing\n", status: 2))
        let missing = try await runSgsh(["apply", "--state", dir.state, "nowhere.json"], in: dir)
        #expect(missing.status == 2 && missing.stderr.hasPrefix("sgsh: error: cannot read the plan 'nowhere.json'"))
    }

    /// Runs boto3 statements against moto with `ec2` bound to a client.
    static func boto3(_ statements: String, _ arguments: [String], in dir: TemporaryDirectory) async throws {
        let program =
            "import sys, boto3\nec2 = boto3.client('ec2', endpoint_url=sys.argv[1], region_name='us-east-1')\n"
        let environment = MotoEndToEnd.credentials.merging(MotoEndToEnd.pythonEnvironment) { $1 }
        let result = try await startProcess(
            "/usr/bin/env", ["python3", "-c", program + statements, try MotoEndToEnd.endpoint()] + arguments,
            environment: environment, in: dir
        ).finished()
        try #require(result.status == 0, "\(result)")
    }

    /// The mutating EC2 calls a `--debug` run logged, each once however many attempts it took: a
    /// loaded moto sometimes answers 500, and the retry is the same call (CI saw a second
    /// CreateSecurityGroup this way).
    static func mutatingRequests(_ stderr: String) -> [String] {
        stderr.matches(of: /request ((Authorize|Revoke|Create|Delete|Update|Modify)\w+) attempt 1:/)
            .map { String($0.1) }
    }

    @Test func onMotoABoto3ChangeToATouchedGroupIsRefusedAndNothingIsSent() async throws {
        let dir = try TemporaryDirectory()
        let suffix = MotoEndToEnd.uniqueSuffix()
        let (web, other) = ("saved-web-\(suffix)", "saved-other-\(suffix)")
        let aws = ["--backend", "aws", "--endpoint-url", try MotoEndToEnd.endpoint()]
        let env = MotoEndToEnd.credentials
        let setup = try await runSgsh(
            ["--quiet"] + aws + ["-c", "sg create \"\(web)\" \"web tier\"\nsg create \"\(other)\" \"elsewhere\""],
            environment: env, in: dir)
        #expect(setup.status == 0, "\(setup)")
        let file = try dir.write("rules.sgsh", Self.script.replacing("\"web\"", with: "\"\(web)\""))

        // Planned, then boto3 changes another group: the saved plan applies.
        let plan = try await runSgsh(["plan"] + aws + [file, "--out", "plan.json"], environment: env, in: dir)
        #expect(plan.status == 0, "\(plan)")
        // No secret in the file: the credentials' values are nowhere in it.
        let saved = try String(contentsOfFile: dir.path("plan.json"), encoding: .utf8)
        #expect(saved.contains("\"Kind\": \"aws\"") && saved.contains("\"Region\": \"us-east-1\""))
        for key in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"] {
            #expect(!saved.contains(MotoEndToEnd.credentials[key]!), "\(key)")
        }
        try await Self.boto3(
            """
            gid = ec2.describe_security_groups(Filters=[{'Name': 'group-name', 'Values': [sys.argv[2]]}])['SecurityGroups'][0]['GroupId']
            ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=[{'IpProtocol': 'tcp', 'FromPort': 25, 'ToPort': 25, 'IpRanges': [{'CidrIp': '10.0.0.0/8'}]}])
            """, [other], in: dir)
        let applied = try await runSgsh(["apply", "--debug"] + aws + ["plan.json"], environment: env, in: dir)
        #expect(applied.status == 0, "\(applied)")
        #expect(applied.stdout.hasSuffix("Applied: 2 added, 0 changed, 0 removed, 1 unchanged (2 calls).\n"))
        #expect(Self.mutatingRequests(applied.stderr) == ["AuthorizeSecurityGroupIngress", "CreateTags"])
        #expect(try await MotoEndToEnd.describe([web], in: dir)[web]?.Ingress == ["tcp|443|443|0.0.0.0/0|https"])

        // Planned again (a revoke), then boto3 adds a rule to that group: refused, nothing sent.
        let next = try dir.write(
            "next.sgsh", "let w = sg create \"\(web)\" \"web tier\"\nsg $w ingress revoke tcp 443 from 0.0.0.0/0\n")
        let second = try await runSgsh(["plan"] + aws + [next, "--out", "next.json"], environment: env, in: dir)
        #expect(second.status == 0, "\(second)")
        try await Self.boto3(
            """
            gid = ec2.describe_security_groups(Filters=[{'Name': 'group-name', 'Values': [sys.argv[2]]}])['SecurityGroups'][0]['GroupId']
            ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=[{'IpProtocol': 'tcp', 'FromPort': 22, 'ToPort': 22, 'IpRanges': [{'CidrIp': '192.0.2.0/24', 'Description': 'by hand'}]}])
            """, [web], in: dir)
        let refused = try await runSgsh(["apply", "--debug"] + aws + ["next.json"], environment: env, in: dir)
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stdout == "")
        #expect(Self.mutatingRequests(refused.stderr) == [])
        let ids = IDNormalizer()
        let lines = refused.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("sgsh: error: next.json is out of date") })
        #expect(
            ids(lines[start...].joined(separator: "\n"))
                == """
                sgsh: error: next.json is out of date: a group it touches has changed since it was made; nothing was sent
                  sg-1 ("\(web)")
                    rule sgr-1 added: ingress tcp 22 from 192.0.2.0/24 "by hand"
                Make the plan again and review it.

                """, "\(refused.stderr)")
        #expect(
            try await MotoEndToEnd.describe([web], in: dir)[web]?.Ingress == [
                "tcp|22|22|192.0.2.0/24|by hand", "tcp|443|443|0.0.0.0/0|https",
            ])
    }
}
