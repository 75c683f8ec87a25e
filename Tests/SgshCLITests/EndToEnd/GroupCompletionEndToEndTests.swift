// Tab completion of GROUP arguments (`export`, `graph`) through the binary, as the
// shells' generated scripts call it (`sgsh ---completion export -- positional@0 …`):
// the backend's group ids and names, and nothing — silently, quickly — when there is
// no state file or no reachable endpoint.

import Foundation
import SgshTestSupport
import Testing

@Suite struct GroupCompletionEndToEndTests {
    /// What the shell would be offered for the last word of `line` (`sgsh SUBCOMMAND …`).
    static func complete(_ line: [String], in dir: TemporaryDirectory, environment: [String: String] = [:])
        async throws -> ProcessResult
    {
        let subcommand = line[1]
        return try await runSgsh(
            ["---completion", subcommand, "--", "positional@0", "\(line.count - 1)", "\(line.last!.count)"] + line,
            environment: environment, in: dir)
    }

    @Test func groupIdsAndNamesComeFromTheStateFileTheLineNames() async throws {
        let dir = try TemporaryDirectory()
        let setup = try await runSgsh(
            ["--quiet", "--state", dir.state, Sgsh.packageFile("examples/three-tier.sgsh")], in: dir)
        #expect(setup.status == 0, "\(setup)")
        let names = try await Self.complete(["sgsh", "export", "--state", dir.state, "three-tier-"], in: dir)
        #expect(names == ProcessResult(stdout: "three-tier-app\nthree-tier-db\nthree-tier-lb\n", stderr: "", status: 0))
        let all = try await Self.complete(["sgsh", "graph", "--state=\(dir.state)", "--format", "dot", ""], in: dir)
        let words = all.stdout.split(separator: "\n")
        #expect(all.status == 0 && words.count == 8 && words.filter { $0.hasPrefix("sg-") }.count == 4, "\(all)")
        #expect(words.contains("default"))
    }

    @Test func noStateFileCompletesNothingAndCreatesNone() async throws {
        let dir = try TemporaryDirectory()
        let result = try await Self.complete(["sgsh", "export", "--state", dir.state, ""], in: dir)
        #expect(result == ProcessResult(stdout: "", stderr: "", status: 0))
        #expect(!FileManager.default.fileExists(atPath: dir.state))
    }

    /// Silent on error: nothing offered, nothing on stderr. (How long it takes is not
    /// asserted: the whole suite on two cores stretched a 3 s deadline past 20 s.)
    @Test func anUnreachableEndpointCompletesNothing() async throws {
        let dir = try TemporaryDirectory()
        let port = try #require(LoopbackSockets.closedPort())
        let result = try await Self.complete(
            ["sgsh", "export", "--region", "eu-west-1", "--endpoint-url", "http://127.0.0.1:\(port)", ""], in: dir,
            environment: ["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret"])
        #expect(result == ProcessResult(stdout: "", stderr: "", status: 0))
    }
}
