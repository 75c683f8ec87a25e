// `sgsh prefix-lists` on the built binary, and what a list means to a run: the
// local backend holds the lists it is told about, refuses a rule naming any
// other (nothing sent, the line shown), and counts a reference as the list's
// MaxEntries against the rule quota.

import Foundation
import Testing

@Suite struct PrefixListEndToEndTests {
    @Test func aListMadeWithTheCommandIsWhatARunCanName() async throws {
        let dir = try TemporaryDirectory()
        let made = try await runSgsh(
            ["prefix-lists", "create", "office", "--max-entries", "20", "--state", dir.state, "203.0.113.0/24"],
            in: dir)
        try #require(made.status == 0, "\(made)")
        let id = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(id.wholeMatch(of: /pl-[0-9a-f]{17}/) != nil, "\(made)")

        let listed = try await runSgsh(["prefix-lists", "--state", dir.state], in: dir)
        #expect(listed.stdout == "\(id)  IPv4  max 20  office  [203.0.113.0/24]\n", "\(listed)")

        let script = """
            let web = sg create "web" "web"
            sg $web ingress allow tcp 443 from \(id) "office"

            """
        let run = try await runSgsh(["run", "--state", dir.state, try dir.write("ok.sgsh", script)], in: dir)
        #expect(run.status == 0, "\(run)")

        // A list the store does not hold: refused at its line, nothing created.
        let refused = try await runSgsh(
            [
                "run", "--state", dir.state,
                try dir.write(
                    "bad.sgsh",
                    "let db = sg create \"db\" \"db\"\n"
                        + "sg $db ingress allow tcp 5432 from pl-0123456789abcdef0\n"),
            ], in: dir)
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("bad.sgsh:2:"), "\(refused)")
        #expect(refused.stderr.contains("prefix list 'pl-0123456789abcdef0' does not exist"), "\(refused)")
        let groups = try await runSgsh(["export", "--state", dir.state], in: dir)
        #expect(!groups.stdout.contains("\"db\""), "\(groups)")

        // 45 CIDRs and a 20-entry list are over the quota of 60: refused before any call.
        var crowded = "let big = sg create \"big\" \"big\"\nfor n in range(0, 45) {\n"
        crowded += "  sg $big ingress allow tcp 22 from \"10.0.0.${n}/32\"\n}\n"
        crowded += "sg $big ingress allow tcp 443 from \(id)\n"
        let over = try await runSgsh(["run", "--state", dir.state, try dir.write("over.sgsh", crowded)], in: dir)
        #expect(over.status == 1, "\(over)")
        #expect(over.stderr.contains("\(id) counts as 20"), "\(over)")

        let bad = try await runSgsh(
            ["prefix-lists", "create", "x", "--max-entries", "2", "--state", dir.state, "10.0.0.300/8"], in: dir)
        #expect(bad.status == 2, "\(bad)")
    }
}
