import Foundation
import Testing

/// Safety (issue 17 #4): `use` after `let web = sg create …` must not turn `web` into the
/// module's port list; the script is refused before anything is sent.
@Suite struct ModuleRebindEndToEndTests {
    @Test func aScriptWhoseModuleRebindsAGroupVariableIsRefusedAndChangesNothing() async throws {
        let dir = try TemporaryDirectory()
        let script = try dir.write(
            "web.sgsh",
            """
            let web = sg create "web" "web servers"
            use "ports"
            sg $web ingress allow tcp 443 from 0.0.0.0/0 "https"

            """)
        let run = try await runSgsh(["--state", dir.state, script], in: dir)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("web.sgsh:2:5: error: module 'ports' defines"), "\(run)")
        #expect(run.stderr.contains("'web'"), "\(run)")
        let export = try await runSgsh(["export", "--state", dir.state], in: dir)
        #expect(!export.stdout.contains("sg create \"web\""), "\(export)")
    }
}
