// Policies on the built binary (local backend): a violating script exits 1,
// names the rule's and the policy's lines, and changes nothing; without the
// offending line it applies. `--policy FILE` adds an organisation's policies;
// a policy file that would change something is a usage error.

import Foundation
import Testing

@Suite struct PolicyEndToEndTests {
    static let script = """
        use "cis"
        let web = sg create "web" "web servers"
        sg $web ingress allow tcp 443 from 0.0.0.0/0 "https"
        sg $web ingress allow tcp 0-65535 from ::/0 "everything"

        """

    @Test func aViolatingScriptExitsOneAndChangesNothing() async throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("web.sgsh", Self.script)
        for command in ["run", "plan"] {
            let result = try await runSgsh([command, "--state", dir.state, path], in: dir)
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr.contains("web.sgsh:4:1: error: rule 'tcp all from ::/0 \"everything\"'"), "\(result)")
            #expect(result.stderr.contains("cis.sgsh"), "\(result)")
        }
        // Nothing was created: the fixed script still plans the create.
        let fixed = try dir.write(
            "fixed.sgsh",
            Self.script.replacingOccurrences(
                of: "sg $web ingress allow tcp 0-65535 from ::/0 \"everything\"\n", with: ""))
        let plan = try await runSgsh(["plan", "--state", dir.state, fixed], in: dir)
        #expect(plan.status == 0 && plan.stdout.contains("create \"web\""), "\(plan)")
        let run = try await runSgsh(["run", "--quiet", "--state", dir.state, fixed], in: dir)
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run)")
    }

    @Test func policyFilesJoinTheScriptsPolicies() async throws {
        let dir = try TemporaryDirectory()
        let org = try dir.write("org.sgsh", "policy require description \"every rule says why\"\n")
        let script = try dir.write(
            "app.sgsh", "let g = sg create \"app\" \"app\"\nsg $g ingress allow tcp 8080 from 10.0.0.0/8\n")
        let refused = try await runSgsh(["plan", "--state", dir.state, "--policy", org, script], in: dir)
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("app.sgsh:2:1: error: rule 'tcp 8080 from 10.0.0.0/8'"), "\(refused)")
        #expect(refused.stderr.contains("org.sgsh:1:1: note: the policy \"every rule says why\" is declared here"))
        let without = try await runSgsh(["plan", "--state", dir.state, script], in: dir)
        #expect(without.status == 0, "\(without)")

        let changing = try dir.write("bad.sgsh", "sg create \"x\" \"x\"\n")
        let usage = try await runSgsh(["plan", "--state", dir.state, "--policy", changing, script], in: dir)
        #expect(usage.status == 2, "\(usage)")
        #expect(usage.stderr.contains("a --policy file only declares policies, not changes"), "\(usage)")
    }
}
