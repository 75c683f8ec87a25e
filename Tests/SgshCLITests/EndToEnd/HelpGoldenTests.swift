// The built binary's help text, pinned as goldens (as swift-argument-parser's
// own example tests pin theirs): a change to an option, an abstract or an
// example shows up as a diff to review, and `SGSH_RECORD=1` accepts it.
// COLUMNS is fixed so the wrapping does not depend on the terminal.

import Foundation
import SgshTestSupport
import Testing

@Suite struct HelpGoldenTests {
    /// The top level and every subcommand, by golden name and arguments.
    static let pages: [(name: String, arguments: [String])] = [
        ("sgsh", ["--help"]), ("run", ["run", "--help"]), ("plan", ["plan", "--help"]), ("apply", ["apply", "--help"]),
        ("check", ["check", "--help"]), ("repl", ["repl", "--help"]), ("export", ["export", "--help"]),
        ("whoami", ["whoami", "--help"]), ("graph", ["graph", "--help"]),
        ("fmt", ["fmt", "--help"]), ("audit", ["audit", "--help"]), ("expire", ["expire", "--help"]),
        ("recover", ["recover", "--help"]),
        ("prefix-lists", ["prefix-lists", "--help"]),
        ("prefix-lists-create", ["prefix-lists", "create", "--help"]),
    ]

    static func help(_ arguments: [String]) async throws -> ProcessResult {
        try await runSgsh(arguments, environment: ["COLUMNS": "80"], in: try TemporaryDirectory())
    }

    @Test(arguments: pages.map(\.name))
    func helpMatchesItsGolden(name: String) async throws {
        let arguments = try #require(Self.pages.first { $0.name == name }).arguments
        let result = try await Self.help(arguments)
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result)")
        assertGolden(actual: result.stdout, fixture: "help/\(name).txt")
    }

    /// `sgsh help plan` prints the same page as `sgsh plan --help`.
    @Test(arguments: pages.map(\.name).filter { $0 != "sgsh" && !$0.contains("-create") })
    func helpSubcommandPrintsTheSamePage(name: String) async throws {
        let viaHelp = try await Self.help(["help", name])
        let viaFlag = try await Self.help([name, "--help"])
        #expect(viaHelp.status == 0 && viaHelp.stdout == viaFlag.stdout, "\(viaHelp)")
    }

    /// Every subcommand the top-level help lists has a golden here.
    @Test func everySubcommandHasAGolden() async throws {
        let top = try await Self.help(["--help"])
        let listed = top.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("SUBCOMMANDS:") }.dropFirst()
            .compactMap { line -> String? in
                guard line.hasPrefix("  "), !line.hasPrefix("   "), let word = line.split(separator: " ").first,
                    word != "See"
                else { return nil }
                return String(word)
            }
        #expect(!listed.isEmpty)
        #expect(
            listed.sorted() == Self.pages.map(\.name).filter { $0 != "sgsh" && !$0.contains("-create") }.sorted())
    }
}
