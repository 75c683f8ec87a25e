// `sgsh plan` on the built binary: the diff is printed, nothing is sent, and
// --detailed-exitcode gives CI its three answers (0 none, 2 pending, 1 error).

import Foundation
import Testing

@Suite struct PlanEndToEndTests {
    static let script = """
        let web = sg create "plan-web" "web servers"
        sg $web ingress allow tcp 443 from 0.0.0.0/0 "https"

        """

    static let pending = """
        + <new plan-web> create "plan-web" "web servers"
        ~ <new plan-web> ingress
          + tcp 443 from 0.0.0.0/0 "https"
        Plan: 2 to add, 0 to change, 0 to remove, 0 unchanged.

        """

    @Test func detailedExitcodeIsTwoWhenChangesArePendingAndZeroAfterApplying() async throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("web.sgsh", Self.script)

        let pending = try await runSgsh(["plan", "--detailed-exitcode", "--state", dir.state, file], in: dir)
        #expect(pending == ProcessResult(stdout: dir.reportHeader + Self.pending, stderr: "", status: 2))

        // Planning sent nothing: the same changes are still pending.
        let again = try await runSgsh(["plan", "--detailed-exitcode", "--state", dir.state, file], in: dir)
        #expect(again == pending)

        let apply = try await runSgsh(["--quiet", "--state", dir.state, file], in: dir)
        #expect(apply == ProcessResult(stdout: "", stderr: "", status: 0))

        let ids = IDNormalizer()
        let none = ids(try await runSgsh(["plan", "--detailed-exitcode", "--state", dir.state, file], in: dir))
        #expect(
            none
                == ProcessResult(
                    stdout: dir.reportHeader + """
                        = sg-1 create "plan-web" "web servers"  (exists: adopted)
                        = sg-1 ingress
                          = tcp 443 from 0.0.0.0/0 "https"  (already present)
                        No changes (2 already as asked).

                        """, stderr: "", status: 0))
    }

    @Test func withoutTheFlagPendingChangesExitZero() async throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("web.sgsh", Self.script)
        let result = try await runSgsh(["plan", "--state", dir.state, file], in: dir)
        #expect(result == ProcessResult(stdout: dir.reportHeader + Self.pending, stderr: "", status: 0))
    }

    @Test func detailedExitcodeIsOneWhenTheGroupDoesNotExist() async throws {
        let dir = try TemporaryDirectory()
        let result = try await runSgsh(
            [
                "plan", "--detailed-exitcode", "--state", dir.state,
                "-c", #"sg sg-0123456789abcdef0 ingress allow tcp 22 from 10.0.0.0/8 "ssh""#,
            ], in: dir)
        #expect(
            result
                == ProcessResult(
                    stdout: "",
                    stderr: """
                        <command>:1:1: error: security group 'sg-0123456789abcdef0' does not exist
                           1 | sg sg-0123456789abcdef0 ingress allow tcp 22 from 10.0.0.0/8 "ssh"
                             | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
                        hint: check the id, the region and the account; 'sg lookup "NAME"' finds a group by name

                        """, status: 1))
    }

    /// An invalid program is an error, and under --detailed-exitcode an error is 1:
    /// exit 2 would tell CI that changes are pending.
    @Test func detailedExitcodeIsOneForAnInvalidProgram() async throws {
        let dir = try TemporaryDirectory()
        let result = try await runSgsh(
            [
                "plan", "--detailed-exitcode", "--state", dir.state,
                "-c", #"sg $nowhere ingress allow tcp 22 from 10.0.0.0/8 "ssh""#,
            ], in: dir)
        #expect(
            result
                == ProcessResult(
                    stdout: "",
                    stderr: """
                        <command>:1:4: error: undefined name 'nowhere'
                           1 | sg $nowhere ingress allow tcp 22 from 10.0.0.0/8 "ssh"
                             |    ^~~~~~~~

                        """, status: 1))
    }

    @Test(arguments: [["--bogus-option"], ["missing.sgsh"]])
    func detailedExitcodeIsOneForAUsageError(extra: [String]) async throws {
        let dir = try TemporaryDirectory()
        let result = try await runSgsh(["plan", "--detailed-exitcode", "--state", dir.state] + extra, in: dir)
        #expect(result.status == 1 && result.stdout.isEmpty && !result.stderr.isEmpty, "\(result)")
    }

    @Test func planOutputsJSONShapedLikeEC2() async throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("web.sgsh", Self.script)
        let result = try await runSgsh(["plan", "--output", "json", "--state", dir.state, file], in: dir)
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result)")
        try expectJSON(
            result.stdout,
            equals: """
                {"Backend": {"Kind": "local", "StateFile": "\(dir.state)"},
                 "DryRun": false, "HasChanges": true, "Groups": [
                  {"GroupId": "<new plan-web>", "Aspect": "create", "GroupName": "plan-web",
                   "Description": "web servers", "Status": "Added"},
                  {"GroupId": "<new plan-web>", "Aspect": "ingress", "Status": "Updated", "Added": [
                    {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                     "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "https"}],
                     "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}]}]}
                """)
    }
}
