// Which backend a command acts on (issue 17, safety bug 2): an AWS option
// (--profile, --region, --endpoint-url) names an AWS target, so it selects the
// aws backend instead of silently changing the local state file; options of
// one backend given with the other are a usage error; and every report says
// what it acted on, first.

import Foundation
import Testing

@Suite struct BackendSelectionEndToEndTests {
    static let script = #"let g = sg create "select-web" "web servers""#

    /// The local backend's default state file under the test's HOME.
    static func defaultState(_ dir: TemporaryDirectory) -> String { dir.path(".local/share/sgsh/state.sqlite") }

    @Test(arguments: [
        ["--region", "eu-west-1"], ["--profile", "prod"], ["--endpoint-url", "http://127.0.0.1:9"],
        ["--read-timeout", "5"], ["--connect-timeout", "5"],
    ])
    func anAWSOptionSelectsTheAWSBackendAndLeavesTheStateFileAlone(option: [String]) async throws {
        let dir = try TemporaryDirectory()
        // No credentials: the aws backend refuses before anything is sent, and says why.
        let result = try await runSgsh(option + ["-c", Self.script], environment: ["AWS_REGION": "us-east-1"], in: dir)
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.contains("no AWS credentials found") || result.stderr.contains("profile"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: Self.defaultState(dir)))
    }

    @Test(arguments: [
        (
            ["--backend", "local", "--region", "eu-west-1"],
            "--region is for the aws backend; drop it, or use --backend aws"
        ),
        (
            ["--backend", "local", "--profile", "prod"],
            "--profile is for the aws backend; drop it, or use --backend aws"
        ),
        (
            ["--backend", "local", "--read-timeout", "5"],
            "--read-timeout is for the aws backend; drop it, or use --backend aws"
        ),
        (
            ["--endpoint-url", "http://127.0.0.1:9", "--state", "x.sqlite"],
            "--state is for the local backend (--endpoint-url selected aws); drop it, or use --backend local"
        ),
        (
            ["--backend", "aws", "--state", "x.sqlite"],
            "--state is for the local backend; drop it, or use --backend local"
        ),
    ])
    func optionsOfTheOtherBackendAreAUsageError(arguments: [String], message: String) async throws {
        let dir = try TemporaryDirectory()
        for command in [["run"], ["plan"], ["export"], ["repl"]] {
            let script = command == ["run"] || command == ["plan"] ? ["-c", Self.script] : []
            let result = try await runSgsh(command + arguments + script, in: dir)
            #expect(result.status == 2, "\(command): \(result)")
            #expect(result.stderr.hasPrefix("Error: \(message)\n"), "\(command): \(result)")
            #expect(!FileManager.default.fileExists(atPath: dir.path("x.sqlite")))
            #expect(!FileManager.default.fileExists(atPath: Self.defaultState(dir)))
        }
    }

    @Test func everyLocalReportNamesTheStateFile() async throws {
        let dir = try TemporaryDirectory()
        let header = "Backend: local (state file \(dir.state))\n"
        for command in [["plan"], ["run", "--dry-run"], ["run", "--check-permissions"], ["run"]] {
            let result = try await runSgsh(command + ["--state", dir.state, "-c", Self.script], in: dir)
            #expect(result.status == 0 && result.stdout.hasPrefix(header), "\(command): \(result)")
            let json = try await runSgsh(
                command + ["--output", "json", "--state", dir.state, "-c", Self.script], in: dir)
            if command != ["run", "--check-permissions"] {
                let object = try #require(
                    try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json)")
                #expect(object["Backend"] as? [String: String] == ["Kind": "local", "StateFile": dir.state])
            }
        }
    }

    @Test func anAWSReportNamesTheRegionAndEndpoint() async throws {
        let dir = try TemporaryDirectory()
        let endpoint = try MotoEndToEnd.endpoint()
        let name = "select-\(MotoEndToEnd.uniqueSuffix())"
        let arguments = ["--endpoint-url", endpoint, "--region", "us-east-1", "-c", #"sg create "\#(name)" "x""#]
        let plan = try await runSgsh(["plan"] + arguments, environment: MotoEndToEnd.credentials, in: dir)
        #expect(plan.status == 0, "\(plan)")
        #expect(plan.stdout.hasPrefix(try MotoEndToEnd.reportHeader()), "\(plan)")
        let run = try await runSgsh(
            ["run", "--output", "json"] + arguments, environment: MotoEndToEnd.credentials, in: dir)
        #expect(run.status == 0, "\(run)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run)")
        #expect(
            object["Backend"] as? [String: String] == [
                "Kind": "aws", "Region": "us-east-1", "Endpoint": endpoint + "/",
            ])
        // It acted on moto (boto3 finds the group), not on a local state file.
        #expect(try await MotoEndToEnd.describe([name], in: dir)[name] != nil)
        #expect(!FileManager.default.fileExists(atPath: Self.defaultState(dir)))
    }
}
