// `--output json` keeps stdout one JSON document (issue 17): the script's
// `print` lines go to stderr, and `--check-permissions` answers in JSON too.

import Foundation
import SgshTestSupport
import Testing

@Suite struct JSONOutputEndToEndTests {
    static let script = """
        print("creating the web group")
        let web = sg create "web" "web tier"
        sg $web ingress allow tcp 443 from 10.0.0.0/8 "https"
        """

    @Test(arguments: [["plan"], ["run"], ["run", "--dry-run"]])
    func printsGoToStderrSoStdoutIsOneJSONDocument(command: [String]) async throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("web.sgsh", Self.script)
        let result = try await runSgsh(command + ["--state", dir.state, "--output", "json", file], in: dir)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr == "creating the web group\n")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["Backend"] as? [String: String] == ["Kind": "local", "StateFile": dir.state])
        #expect((object["Groups"] as? [[String: Any]])?.isEmpty == false)
    }

    @Test func textOutputStillPrintsOnStdout() async throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("web.sgsh", Self.script)
        let result = try await runSgsh(["plan", "--state", dir.state, file], in: dir)
        #expect(result.stdout.hasPrefix("creating the web group\n" + dir.reportHeader), "\(result)")
        #expect(result.stderr == "")
    }

    @Test func checkPermissionsAnswersInJSON() async throws {
        let dir = try TemporaryDirectory()
        _ = try await runSgsh(["run", "--state", dir.state, "-c", "sg create \"db\" \"database\""], in: dir)
        let file = try dir.write(
            "web.sgsh",
            Self.script + "\nlet db = sg lookup \"db\"\nsg $db ingress allow tcp 5432 from 10.0.0.0/8")
        let result = try await runSgsh(
            ["run", "--check-permissions", "--state", dir.state, "--output", "json", file], in: dir)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr == "creating the web group\n")
        try expectJSON(
            result.stdout.replacing(/sg-[0-9a-f]+/, with: "sg-db"),
            equals: """
                {"Backend": {"Kind": "local", "StateFile": "\(dir.state)"},
                 "Allowed": true,
                 "Calls": [
                   {"Action": "CreateSecurityGroup", "GroupId": "<new web>", "Verdict": "allowed"},
                   {"Action": "AuthorizeSecurityGroupIngress", "GroupId": "<new web>", "Verdict": "skipped",
                    "Reason": "the group does not exist yet"},
                   {"Action": "AuthorizeSecurityGroupIngress", "GroupId": "sg-db", "Verdict": "allowed"}]}
                """)
    }
}
