// Embeds SgshKit the way a user's program does: only public API (no
// @testable), a host that collects output, a host function, a predeclared
// list, and a script run to a Plan. README.md shows the same example.

import SgshKit
import SgshLocal
import SgshModel
import Synchronization
import Testing

/// The embedding program's host: output goes to a buffer; nothing else is granted.
final class BufferHost: Host {
    let lines = Mutex<[String]>([])
    func print(_ text: String) { lines.withLock { $0.append(text) } }
}

@Suite struct EmbeddingTests {
    func makeInterpreter(host: BufferHost) -> Interpreter {
        var builtins = BuiltinSet.standard
        // A host function: the CIDRs of a named site, from the embedding program's own inventory.
        builtins.register("site_cidrs", arity: 1...1) { args in
            switch try args.string(0) {
            case "berlin": return [.cidr(CIDR("10.20.0.0/16")!), .cidr(CIDR("10.21.0.0/16")!)]
            case "paris": return [.cidr(CIDR("10.30.0.0/16")!)]
            case let site: throw ArgumentError(function: "site_cidrs", "no site named '\(site)'")
            }
        }
        return Interpreter(
            host: host,
            limits: ExecutionLimits(maxSteps: 100_000),
            builtins: builtins,
            predeclared: ["office": [.cidr(CIDR("203.0.113.0/24")!), .cidr(CIDR("198.51.100.7")!)]])
    }

    static let script = """
        let web = sg-0abc123
        sg $web ingress allow tcp 22 from $office "ssh from office"
        for cidr in site_cidrs("berlin") {
          sg $web ingress allow tcp 443 from $cidr "https from ${cidr}"
        }
        print "planned ${len(office)} office networks"
        """

    @Test func runsAScriptToAPlan() async throws {
        let host = BufferHost()
        let plan = try await makeInterpreter(host: host).plan(source: Self.script, name: "embedded.sgsh")
        #expect(
            plan.operations.map(\.operation.summary) == [
                "authorize sg-0abc123 ingress: tcp 22 from 203.0.113.0/24 \"ssh from office\", tcp 22 from 198.51.100.7/32 \"ssh from office\"",
                "authorize sg-0abc123 ingress: tcp 443 from 10.20.0.0/16 \"https from 10.20.0.0/16\"",
                "authorize sg-0abc123 ingress: tcp 443 from 10.21.0.0/16 \"https from 10.21.0.0/16\"",
            ])
        #expect(plan.operations.first?.origin?.location.line == 2)
        #expect(host.lines.withLock { $0 } == ["planned 2 office networks"])
    }

    /// README.md's apply example, as written there.
    @Test func runsAScriptAgainstABackend() async throws {
        let interpreter = makeInterpreter(host: BufferHost())
        let result = try await interpreter.run(
            source: """
                let web = sg create "web" "web servers"
                sg $web ingress allow tcp 22 from $office "ssh from office"
                """, name: "apply.sgsh", backend: LocalBackend.inMemory())
        #expect(result.report.succeeded)
        #expect(result.report.callCount == 2)
        let text = ReportRenderer.text(result.report)
        #expect(text.contains("  + tcp 22 from 203.0.113.0/24 \"ssh from office\""), "\(text)")
        #expect(text.contains("  + tcp 22 from 198.51.100.7/32 \"ssh from office\""), "\(text)")
        #expect(text.hasSuffix("Applied: 3 added, 0 changed, 0 removed, 0 unchanged (2 calls).\n"), "\(text)")
    }

    @Test func checksWithTheHostsNames() {
        let interpreter = makeInterpreter(host: BufferHost())
        #expect(interpreter.check(source: Self.script, name: "embedded.sgsh") == [])
        let diagnostics = interpreter.check(source: "print site_cidr(\"x\")", name: "typo.sgsh")
        #expect(diagnostics.map(\.id) == [.undefinedName])
        #expect(diagnostics.first?.message.contains("did you mean 'site_cidrs'?") == true)
    }

    @Test func aHostFunctionErrorIsARuntimeErrorWithATraceback() async {
        let interpreter = makeInterpreter(host: BufferHost())
        await #expect {
            _ = try await interpreter.plan(source: "let x = site_cidrs(\"tokyo\")", name: "sites.sgsh")
        } throws: { error in
            guard case .runtime(let failure) = error as? SgshError else { return false }
            return failure.rendered() == """
                sites.sgsh:1:9: error: site_cidrs: no site named 'tokyo'
                   1 | let x = site_cidrs("tokyo")
                     |         ^~~~~~~~~~~~~~~~~~~
                traceback (most recent call last):
                  sites.sgsh:1:9: in <toplevel>
                  <builtin>: in site_cidrs

                """
        }
    }

    @Test func anInvalidProgramRunsNothing() async {
        let host = BufferHost()
        await #expect {
            _ = try await makeInterpreter(host: host).plan(source: "print \"hi\"\nprint nope", name: "bad.sgsh")
        } throws: { error in
            guard case .invalidProgram(let diagnostics) = error as? SgshError else { return false }
            return diagnostics.map(\.id) == [.undefinedName]
        }
        #expect(host.lines.withLock { $0 }.isEmpty)
    }
}
