// Sharp edges of the command line (issue 17, "The command line"): each mistake
// gets its own message and exit 2, and changes nothing.

import Foundation
import Testing

@Suite struct CommandLineEndToEndTests {
    @Test func aMistypedCommandGetsTheNearestOne() async throws {
        let dir = try TemporaryDirectory()
        let result = try await runSgsh(["plna"], in: dir)
        #expect(
            result
                == ProcessResult(
                    stdout: "", stderr: "sgsh: error: no such command or file 'plna'; did you mean 'plan'?\n",
                    status: 2))
    }

    @Test func aDirectoryIsNotAScript() async throws {
        let dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.path("scripts"), withIntermediateDirectories: true)
        let directory = try await runSgsh(["scripts"], in: dir)
        #expect(directory.status == 2)
        #expect(directory.stderr == "sgsh: error: 'scripts' is a directory, not a script file\n")
    }

    @Test func aScriptLongerThanSgshReadsIsRefusedNotCutShort() async throws {
        let dir = try TemporaryDirectory()
        // Sparse: 2 GiB of zero bytes that take no disk, one past the 32-bit offsets sgsh keeps.
        try dir.write("huge.sgsh", "")
        #expect(truncate(dir.path("huge.sgsh"), off_t(Int32.max) + 1) == 0)
        for arguments in [["--state", dir.state, "huge.sgsh"], ["check", "huge.sgsh"]] {
            let result = try await runSgsh(arguments, in: dir)
            #expect(result.status == 2 && result.stdout.isEmpty, "\(result)")
            #expect(
                result.stderr.hasPrefix(
                    "sgsh: error: 'huge.sgsh' is 2147483648 bytes; sgsh reads scripts of up to 2147483647 bytes\n"),
                "\(result)")
        }
    }

    @Test func dashCWithAFileIsAUsageError() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("other.sgsh", "print 1\n")
        let result = try await runSgsh(["--state", dir.state, "-c", "print 2", "other.sgsh"], in: dir)
        #expect(result.status == 2 && result.stdout.isEmpty, "\(result)")
        #expect(
            result.stderr.hasPrefix(
                "Error: -c gives the statements to run, so a file cannot be given too ('other.sgsh')\n"))
    }

    @Test func checkChecksEveryFileAndReportsTheMissingOne() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("bad.sgsh", "sg sg-0abc123 ingress allow tcpp 443 from 0.0.0.0/0\n")
        let result = try await runSgsh(["check", "missing.sgsh", "bad.sgsh"], in: dir)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("sgsh: error: no such file 'missing.sgsh'\n"), "\(result)")
        #expect(result.stderr.contains("bad.sgsh:1:29: error: unknown protocol 'tcpp'"), "\(result)")
    }

    @Test func aStateFileInAMissingFolderIsAnError() async throws {
        let dir = try TemporaryDirectory()
        let state = dir.path("typo/state.sqlite")
        let result = try await runSgsh(["--state", state, "-c", "print 1"], in: dir)
        #expect(result.status == 2 && result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.hasPrefix("Error: --state: the folder '\(dir.path("typo"))' does not exist"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("typo")))
    }

    @Test func aNegativeRuleQuotaSaysWhyItIsInvalid() async throws {
        let dir = try TemporaryDirectory()
        let result = try await runSgsh(["--rules-per-group", "-5", "--state", dir.state, "-c", "print 1"], in: dir)
        #expect(result.status == 2 && result.stdout.isEmpty, "\(result)")
        #expect(
            result.stderr.hasPrefix(
                "Error: --rules-per-group is the account's quota of rules per group and direction, so it must be at least 1, not -5"
            ), "\(result)")
    }
}
