import Foundation
import Testing

/// `sgsh export`: what it prints manages the same groups — planning it against them finds
/// nothing to do, and running it on a fresh state rebuilds them.
@Suite struct ExportEndToEndTests {
    @Test func anExportedScriptHasNothingPendingAndRebuildsTheGroups() async throws {
        let dir = try TemporaryDirectory()
        for example in ["three-tier", "bastion"] {
            let setup = try await runSgsh(
                ["--quiet", "--state", dir.state, Sgsh.packageFile("examples/\(example).sgsh")], in: dir)
            #expect(setup.status == 0, "\(setup)")
        }
        let export = try await runSgsh(["export", "--state", dir.state], in: dir)
        #expect(export.status == 0 && export.stderr.isEmpty, "\(export)")
        #expect(export.stdout.contains(#"allow tcp 8080 from $three_tier_lb "app traffic from the load balancer""#))
        let script = try dir.write("exported.sgsh", export.stdout)

        let plan = try await runSgsh(["plan", "--detailed-exitcode", "--state", dir.state, script], in: dir)
        #expect(plan.status == 0, "\(plan)")

        let fresh = dir.path("fresh.sqlite")
        let rebuild = try await runSgsh(["--quiet", "--state", fresh, script], in: dir)
        #expect(rebuild.status == 0, "\(rebuild)")
        let again = try await runSgsh(["export", "--state", fresh], in: dir)
        func withoutVPCs(_ text: String) -> String {
            text.replacingOccurrences(of: #"  # vpc-[0-9a-f]+"#, with: "", options: .regularExpression)
        }
        #expect(withoutVPCs(again.stdout) == withoutVPCs(export.stdout))
    }

    @Test func exportingAnUnknownGroupIsAnError() async throws {
        let dir = try TemporaryDirectory()
        let result = try await runSgsh(["export", "--state", dir.state, "nope"], in: dir)
        #expect(
            result
                == ProcessResult(
                    stdout: "", stderr: "sgsh: error: no security group named or with id: nope\n", status: 1))
    }
}
