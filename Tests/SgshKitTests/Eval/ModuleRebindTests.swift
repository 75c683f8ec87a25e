import Testing

@testable import SgshKit

/// Safety (issue 17 #4): a module may not silently replace a name already bound.
@Suite struct ModuleRebindTests {
    @Test func aModuleThatWouldRebindAScriptNameIsACheckError() {
        let source = "let web = 5\nlet ssh = 1\nuse \"ports\"\n"
        let diagnostics = Interpreter(host: TestHost()).check(source: source, name: "s.sgsh")
        #expect(diagnostics.map(\.id) == [.moduleRebindsName])
        #expect(diagnostics.first?.message == "module 'ports' defines 'ssh', 'web', which are already bound")
    }

    @Test func usingTheSameModuleTwiceOrBindingAfterItIsFine() {
        let source = "use \"ports\"\nuse \"ports\"\nlet ssh = 2222\n"
        #expect(Interpreter(host: TestHost()).check(source: source, name: "s.sgsh").isEmpty)
    }

    @Test func inTheREPLAnEarlierEntrysBindingIsProtectedButTheSameModuleMayBeUsedAgain() async throws {
        let session = Session(interpreter: Interpreter(host: TestHost()))
        _ = try await session.plan(entry: "use \"ports\"")
        _ = try await session.plan(entry: "use \"ports\"")
        _ = try await session.plan(entry: "let https = 8443")
        let diagnostics = session.check(entry: "use \"ports\"")
        #expect(diagnostics.map(\.id) == [.moduleRebindsName])
        #expect(session.definitions["https"] == .int(8443))
    }
}
