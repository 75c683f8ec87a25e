// The options of `sgsh run` on the built binary: --output json, --quiet,
// --dry-run, --strict, usage errors, and runtime errors (exit 1, a traceback,
// and nothing changed even when the failing line is the last one).

import Foundation
import Testing

@Suite struct RunOptionsEndToEndTests {
    static let script = """
        let g = sg create "opts-web" "web servers"
        sg $g ingress allow tcp 443 from 10.0.0.0/8 "https"

        """

    static let pending = """
        + <new opts-web> create "opts-web" "web servers"
        ~ <new opts-web> ingress
          + tcp 443 from 10.0.0.0/8 "https"
        Plan: 2 to add, 0 to change, 0 to remove, 0 unchanged.

        """

    @Test func jsonOutputIsShapedLikeEC2IpPermissions() async throws {
        let dir = try TemporaryDirectory()
        let ids = IDNormalizer()
        let setup = ids(try await runSgsh(["--quiet", "--state", dir.state, "-c", Self.script], in: dir))
        #expect(setup == ProcessResult(stdout: "", stderr: "", status: 0))
        let result = try await runSgsh(
            [
                "--output", "json", "--state", dir.state, "-c",
                Self.script + """
                    sg $g ingress allow tcp 22 from 2001:db8::/32, 10.1.0.0/16 "ssh"
                    sg $g ingress allow udp 8000-8100 from $g "self"
                    sg $g egress allow icmp echo-request to 192.0.2.0/24 "ping"
                    """,
            ], in: dir)
        let normalized = ids(result)
        #expect(normalized.status == 0 && normalized.stderr.isEmpty, "\(normalized)")

        // The EC2 shapes, checked key by key before the whole document.
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(normalized.stdout.utf8)) as? [String: Any])
        let groups = try #require(object["Groups"] as? [[String: Any]])
        let ingress = try #require(groups.first { $0["Aspect"] as? String == "ingress" })
        let added = try #require(ingress["Added"] as? [[String: Any]])
        let ssh = try #require(added.first { $0["FromPort"] as? Int == 22 })
        #expect(ssh["IpProtocol"] as? String == "tcp" && ssh["ToPort"] as? Int == 22)
        #expect((ssh["IpRanges"] as? [[String: String]])?.map { $0["CidrIp"] } == ["10.1.0.0/16"])
        #expect((ssh["Ipv6Ranges"] as? [[String: String]])?.map { $0["CidrIpv6"] } == ["2001:db8::/32"])

        try expectJSON(
            normalized.stdout,
            equals: """
                {"Backend": {"Kind": "local", "StateFile": "\(dir.state)"},
                 "Succeeded": true, "DryRun": false, "CallCount": 2, "Groups": [
                  {"GroupId": "sg-1", "Aspect": "create", "GroupName": "opts-web", "Description": "web servers",
                   "Status": "Unchanged", "Note": "exists: adopted"},
                  {"GroupId": "sg-1", "Aspect": "ingress", "Status": "Updated",
                   "Added": [
                     {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                      "IpRanges": [{"CidrIp": "10.1.0.0/16", "Description": "ssh"}],
                      "Ipv6Ranges": [{"CidrIpv6": "2001:db8::/32", "Description": "ssh"}],
                      "PrefixListIds": [], "UserIdGroupPairs": []},
                     {"IpProtocol": "udp", "FromPort": 8000, "ToPort": 8100,
                      "IpRanges": [], "Ipv6Ranges": [], "PrefixListIds": [],
                      "UserIdGroupPairs": [{"GroupId": "sg-1", "Description": "self"}]}],
                   "Unchanged": [
                     {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                      "IpRanges": [{"CidrIp": "10.0.0.0/8", "Description": "https"}],
                      "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}]},
                  {"GroupId": "sg-1", "Aspect": "egress", "Status": "Updated",
                   "Added": [
                     {"IpProtocol": "icmp", "FromPort": 8, "ToPort": -1,
                      "IpRanges": [{"CidrIp": "192.0.2.0/24", "Description": "ping"}],
                      "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}]}]}
                """)
    }

    @Test func quietPrintsOnlyTheScriptsOwnOutputButStillApplies() async throws {
        let dir = try TemporaryDirectory()
        let result = try await runSgsh(
            ["--quiet", "--state", dir.state, "-c", Self.script + #"print "done""#], in: dir)
        #expect(result == ProcessResult(stdout: "done\n", stderr: "", status: 0))
        let plan = try await runSgsh(["plan", "--detailed-exitcode", "--state", dir.state, "-c", Self.script], in: dir)
        #expect(plan.status == 0, "\(plan)")
    }

    @Test func dryRunPrintsThePlanAndChangesNothing() async throws {
        let dir = try TemporaryDirectory()
        let dryRun = try await runSgsh(["--dry-run", "--state", dir.state, "-c", Self.script], in: dir)
        #expect(dryRun == ProcessResult(stdout: dir.reportHeader + Self.pending, stderr: "", status: 0))
        let plan = try await runSgsh(["plan", "--detailed-exitcode", "--state", dir.state, "-c", Self.script], in: dir)
        #expect(plan == ProcessResult(stdout: dir.reportHeader + Self.pending, stderr: "", status: 2))
    }

    @Test func strictMakesARerunFailOnTheDuplicateRule() async throws {
        let dir = try TemporaryDirectory()
        let ids = IDNormalizer()
        let first = try await runSgsh(["--strict", "--quiet", "--state", dir.state, "-c", Self.script], in: dir)
        #expect(first == ProcessResult(stdout: "", stderr: "", status: 0))
        let rerun = ids(try await runSgsh(["--strict", "--state", dir.state, "-c", Self.script], in: dir))
        #expect(
            rerun
                == ProcessResult(
                    stdout: "",
                    stderr: """
                        <command>:2:1: error: rule 'tcp 443 from 10.0.0.0/8 "https"' already exists in sg-1 ingress (InvalidPermission.Duplicate; --strict)
                           2 | sg $g ingress allow tcp 443 from 10.0.0.0/8 "https"
                             | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
                        hint: without --strict an existing rule is left alone and reported as '='

                        """, status: 1))
    }

    @Test(arguments: [
        (
            ["--bogus"],
            "Error: Unknown option '--bogus'\nUsage: sgsh run [<options>] [<file>]\n  See 'sgsh run --help' for more information.\n"
        ),
        (
            ["--output", "xml"],
            """
            Error: The value 'xml' is invalid for '--output <output>'. Please provide one of 'text' and 'json'.
            Help:  --output <output>  Output format: 'text' (the default), or 'json' shaped like the EC2 API's IpPermissions.
            Usage: sgsh run [<options>] [<file>]
              See 'sgsh run --help' for more information.

            """
        ),
        (
            ["--backend", "gcp"],
            """
            Error: The value 'gcp' is invalid for '--backend <backend>'. Please provide one of 'local' and 'aws'.
            Help:  --backend <backend>  Where security groups live: 'local' (a state file, no AWS account) or 'aws' (the default with any aws option: --profile, --region, --endpoint-url, --expect-account, the timeouts).
            Usage: sgsh run [<options>] [<file>]
              See 'sgsh run --help' for more information.

            """
        ),
    ])
    func aUsageErrorExitsTwo(arguments: [String], stderr: String) async throws {
        let dir = try TemporaryDirectory()
        let result = try await runSgsh(arguments + ["--state", dir.state, "-c", Self.script], in: dir)
        #expect(result == ProcessResult(stdout: "", stderr: stderr, status: 2))
    }

    @Test func aRuntimeErrorExitsOneWithATraceback() async throws {
        let dir = try TemporaryDirectory()
        try dir.write(
            "fail.sgsh",
            """
            def count(xs) {
              return len(xs)
            }
            print count(1)

            """)
        let result = try await runSgsh(["--state", dir.state, "fail.sgsh"], in: dir)
        #expect(
            result
                == ProcessResult(
                    stdout: "",
                    stderr: """
                        fail.sgsh:2:10: error: len: argument 1 must be a list or a string, not int
                           2 |   return len(xs)
                             |          ^~~~~~~
                        traceback (most recent call last):
                          fail.sgsh:4:7: in <toplevel>
                          fail.sgsh:2:10: in count
                          <builtin>: in len

                        """, status: 1))
    }

    @Test func aScriptWhoseLastLineFailsChangesNothing() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("late.sgsh", Self.script + "print len(1)\n")
        let run = try await runSgsh(["--state", dir.state, "late.sgsh"], in: dir)
        #expect(
            run
                == ProcessResult(
                    stdout: "",
                    stderr: """
                        late.sgsh:3:7: error: len: argument 1 must be a list or a string, not int
                           3 | print len(1)
                             |       ^~~~~~
                        traceback (most recent call last):
                          late.sgsh:3:7: in <toplevel>
                          <builtin>: in len

                        """, status: 1))
        let plan = try await runSgsh(["plan", "--detailed-exitcode", "--state", dir.state, "-c", Self.script], in: dir)
        #expect(plan == ProcessResult(stdout: dir.reportHeader + Self.pending, stderr: "", status: 2))
    }
}
