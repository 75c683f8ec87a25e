// --version, --help with examples, and a missing script file, on the built binary.

import Foundation
import Testing

@Suite struct HelpEndToEndTests {
    @Test func versionPrintsTheVersion() async throws {
        let dir = try TemporaryDirectory()
        // A plain build has no commit (scripts/install embeds one; scripts/test-install checks it).
        #expect(
            try await runSgsh(["--version"], in: dir) == ProcessResult(stdout: "0.1.0 (dev)\n", stderr: "", status: 0))
    }

    @Test(arguments: [["--help"], ["run", "--help"], ["plan", "--help"], ["check", "--help"]])
    func helpShowsExamplesAndExitsZero(arguments: [String]) async throws {
        let dir = try TemporaryDirectory()
        let result = try await runSgsh(arguments, in: dir)
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result)")
        #expect(result.stdout.contains("Example"), "\(result)")
        #expect(result.stdout.contains("USAGE: sgsh"), "\(result)")
    }

    @Test(arguments: [
        ["missing.sgsh"], ["run", "missing.sgsh"], ["plan", "missing.sgsh"], ["check", "missing.sgsh"],
    ])
    func aMissingScriptFileExitsTwo(arguments: [String]) async throws {
        let dir = try TemporaryDirectory()
        let result = try await runSgsh(arguments + (arguments.first == "check" ? [] : ["--state", dir.state]), in: dir)
        #expect(result.status == 2 && result.stdout.isEmpty, "\(result)")
        #expect(result.stderr == "sgsh: error: no such file 'missing.sgsh'\n", "\(result)")
        #expect(!FileManager.default.fileExists(atPath: dir.state) || arguments.first == "check")
    }
}
