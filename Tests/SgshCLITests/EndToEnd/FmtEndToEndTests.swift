import Foundation
import Testing

/// `sgsh fmt`: rewrites files in place (keeping their mode), formats standard input,
/// `--check` changes nothing and shows a diff, a script that does not parse is left alone
/// (exit 2), and formatting never changes what a script plans.
@Suite struct FmtEndToEndTests {
    static let messy = Sgsh.packageFile("Tests/SgshCLITests/Fixtures/fmt/messy.sgsh")

    @Test func checkShowsADiffAndChangesNothing() async throws {
        let dir = try TemporaryDirectory()
        let original = try String(contentsOfFile: Self.messy, encoding: .utf8)
        let file = try dir.write("messy.sgsh", original)
        let check = try await runSgsh(["fmt", "--check", file], in: dir)
        #expect(check.status == 1 && check.stderr.isEmpty, "\(check)")
        #expect(check.stdout.hasPrefix("--- \(file)\n+++ \(file)\n@@ "), "\(check)")
        #expect(
            check.stdout.contains(
                "\n-let lb  =  sg create \"three-tier-lb\"   \"public load balancer\"   # the front\n"))
        #expect(
            check.stdout.contains("\n+let lb = sg create \"three-tier-lb\" \"public load balancer\"  # the front\n"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == original)

        let examples = ["three-tier", "bastion", "egress-lockdown"].map { Sgsh.packageFile("examples/\($0).sgsh") }
        let clean = try await runSgsh(["fmt", "--check"] + examples, in: dir)
        #expect(clean == ProcessResult(stdout: "", stderr: "", status: 0))
    }

    @Test func filesAreRewrittenInPlaceKeepingTheirMode() async throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write(
            "messy.sgsh", try String(contentsOfFile: Self.messy, encoding: .utf8), executable: true)
        let neat = try dir.write("neat.sgsh", "let x = 1\n")
        let result = try await runSgsh(["fmt", file, neat], in: dir)
        #expect(result == ProcessResult(stdout: "\(file)\n", stderr: "", status: 0))
        #expect(FileManager.default.isExecutableFile(atPath: file))
        let again = try await runSgsh(["fmt", "--check", file], in: dir)
        #expect(again.status == 0 && again.stdout.isEmpty, "\(again)")
    }

    @Test func standardInputIsFormattedToStandardOutput() async throws {
        let dir = try TemporaryDirectory()
        let result = try await runSgsh(["fmt"], stdin: "sg $web ingress { allow tcp 22 from 10.0.0.0/8 }\n", in: dir)
        #expect(
            result
                == ProcessResult(
                    stdout: "sg $web ingress {\n  allow tcp 22 from 10.0.0.0/8\n}\n", stderr: "", status: 0))
        let check = try await runSgsh(["fmt", "--check"], stdin: "let  x = 1\n", in: dir)
        #expect(check.status == 1 && check.stdout.contains("-let  x = 1\n+let x = 1\n"), "\(check)")
    }

    @Test func aScriptThatDoesNotParseIsLeftAloneWithItsDiagnostics() async throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("bad.sgsh", "let  x = 1\nsg $x ingress allow tcp 22 form 10.0.0.0/8\n")
        let result = try await runSgsh(["fmt", file], in: dir)
        #expect(result.status == 2 && result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.hasPrefix("\(file):2:"), "\(result)")
        #expect(
            try String(contentsOfFile: file, encoding: .utf8)
                == "let  x = 1\nsg $x ingress allow tcp 22 form 10.0.0.0/8\n")
    }

    /// The plan of each example and of the messy script is the same before and after `fmt`.
    @Test func formattingNeverChangesWhatAScriptPlans() async throws {
        let dir = try TemporaryDirectory()
        let scripts =
            [Self.messy]
            + ["three-tier", "bastion", "egress-lockdown"].map {
                Sgsh.packageFile("examples/\($0).sgsh")
            }
        for (index, script) in scripts.enumerated() {
            let formatted = try await runSgsh(
                ["fmt"], stdin: try String(contentsOfFile: script, encoding: .utf8), in: dir)
            #expect(formatted.status == 0, "\(formatted)")
            let copy = try dir.write("formatted-\(index).sgsh", formatted.stdout)
            let before = try await runSgsh(["plan", "--state", dir.path("before-\(index).sqlite"), script], in: dir)
            let after = try await runSgsh(["plan", "--state", dir.path("after-\(index).sqlite"), copy], in: dir)
            #expect(before.status == 0 && !before.stdout.isEmpty, "\(before)")
            // Everything but the header, which names the state file.
            func body(_ result: ProcessResult) -> [Substring] {
                result.stdout.split(separator: "\n").filter { !$0.hasPrefix("Backend: ") }
            }
            #expect(body(before) == body(after), "\(script)")
            #expect(before.stderr == after.stderr)
        }
    }
}
