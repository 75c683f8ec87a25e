// Where a script comes from on the built binary: a file, -c 'STATEMENTS',
// standard input (`sgsh < file` and `sgsh -`), and an executable script whose
// `#!` line names sgsh.

import Foundation
import Testing

@Suite struct ScriptInputEndToEndTests {
    static let script = """
        let g = sg create "input-web" "web servers"
        sg $g ingress allow tcp 443 from 10.0.0.0/8 "https"
        print "hello from ${len([1, 2])} lines"

        """

    static func firstRun(_ dir: TemporaryDirectory) -> String {
        "hello from 2 lines\n" + dir.reportHeader + firstRunReport
    }

    static func secondRun(_ dir: TemporaryDirectory) -> String {
        "hello from 2 lines\n" + dir.reportHeader + secondRunReport
    }

    static let firstRunReport = """
        + sg-1 create "input-web" "web servers"
        ~ sg-1 ingress
          + tcp 443 from 10.0.0.0/8 "https"
        Applied: 2 added, 0 changed, 0 removed, 0 unchanged (2 calls).

        """

    static let secondRunReport = """
        = sg-1 create "input-web" "web servers"  (exists: adopted)
        = sg-1 ingress
          = tcp 443 from 10.0.0.0/8 "https"  (already present)
        Applied: 0 added, 0 changed, 0 removed, 2 unchanged (0 calls).

        """

    enum Input: String, CaseIterable {
        case commandOption, redirectedStdin, dashStdin, file
    }

    @Test(arguments: Input.allCases)
    func theScriptRunsTheSameFromEveryInput(_ input: Input) async throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("web.sgsh", Self.script)
        let options = ["--state", dir.state]
        let ids = IDNormalizer()
        for expected in [Self.firstRun(dir), Self.secondRun(dir)] {
            let result: ProcessResult
            switch input {
            case .commandOption: result = try await runSgsh(options + ["-c", Self.script], in: dir)
            case .redirectedStdin: result = try await runSgsh(options, stdin: Self.script, in: dir)
            case .dashStdin: result = try await runSgsh(["run"] + options + ["-"], stdin: Self.script, in: dir)
            case .file: result = try await runSgsh(["run"] + options + [file], in: dir)
            }
            #expect(ids(result) == ProcessResult(stdout: expected, stderr: "", status: 0))
        }
    }

    /// `#!/usr/bin/env sgsh` (as the examples start) with sgsh on PATH, and `#!` naming the binary.
    @Test(arguments: [true, false])
    func anExecutableScriptRunsThroughItsShebangLine(viaEnv: Bool) async throws {
        let dir = try TemporaryDirectory()
        let binary = try Sgsh.binary()
        let shebang = viaEnv ? "#!/usr/bin/env sgsh" : "#!\(binary)"
        let script = try dir.write("web.sgsh", shebang + "\n" + Self.script, executable: true)
        let path = URL(fileURLWithPath: binary).deletingLastPathComponent().path + ":/usr/bin:/bin"
        // The kernel runs `sgsh web.sgsh --state …`: options may follow the file.
        let result = try await startProcess(script, ["--state", dir.state], environment: ["PATH": path], in: dir)
            .finished()
        #expect(IDNormalizer()(result) == ProcessResult(stdout: Self.firstRun(dir), stderr: "", status: 0))
    }

    /// A script that asks for no security-group change prints only its own output.
    @Test func aScriptWithoutChangesPrintsNoReport() async throws {
        let dir = try TemporaryDirectory()
        let result = try await runSgsh(
            ["--state", dir.state, "-c", #"print "lookup: ${sg lookup "absent"}""#], in: dir)
        #expect(result == ProcessResult(stdout: "lookup: nil\n", stderr: "", status: 0))
    }

    /// The print before the failing line has run; nothing was applied.
    @Test func textOfTheCommandOptionIsNamedCommandInErrors() async throws {
        let dir = try TemporaryDirectory()
        let result = try await runSgsh(["--state", dir.state, "-c", "print 1\nprint len(1)"], in: dir)
        #expect(
            result
                == ProcessResult(
                    stdout: "1\n",
                    stderr: """
                        <command>:2:7: error: len: argument 1 must be a list or a string, not int
                           2 | print len(1)
                             |       ^~~~~~
                        traceback (most recent call last):
                          <command>:2:7: in <toplevel>
                          <builtin>: in len

                        """, status: 1))
    }

    @Test func aScriptOnStdinIsNamedStdinInErrors() async throws {
        let dir = try TemporaryDirectory()
        let result = try await runSgsh(["--state", dir.state], stdin: "let x = 1\nprint $y\n", in: dir)
        #expect(result.status == 2 && result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.hasPrefix("<stdin>:2:7: error: undefined name 'y'\n"), "\(result)")
    }
}
