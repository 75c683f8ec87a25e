import SgshModel
import Testing

@testable import SgshKit

@Suite struct LookupTests {
    func failure(_ source: String, backend: (any SecurityGroupBackend)?) async -> RuntimeError? {
        do {
            _ = try await Interpreter(host: TestHost(backend: backend)).plan(source: source, name: "lookup.sgsh")
            return nil
        } catch {
            guard case .runtime(let failure) = error else { return nil }
            return failure
        }
    }

    @Test(arguments: ["let g = sg lookup \"web\"", "sg sg-0a1 ingress allow tcp 22 from group \"web\""])
    func readsWithoutABackendFailClearly(source: String) async {
        let error = await failure(source, backend: nil)
        #expect(error?.kind == .backend)
        #expect(error?.message == "looking up group 'web' needs a backend, and none is configured")
    }

    @Test func aBackendErrorBecomesARuntimeErrorThatKeepsIt() async {
        let denied = BackendError(code: "UnauthorizedOperation", message: "not allowed")
        let error = await failure("let g = sg lookup \"web\"", backend: FakeBackend(failure: denied))
        #expect(error?.kind == .backend)
        #expect(error?.message == "looking up group 'web' failed: UnauthorizedOperation: not allowed")
        #expect(error?.underlying as? BackendError == denied)
        #expect(error?.range.text == "sg lookup \"web\"")
    }

    @Test func aGroupThisPlanCreatesIsFoundWithoutTheBackend() async throws {
        let plan = try await Interpreter(host: TestHost(backend: nil)).plan(
            source: "let a = sg create \"app\"\nlet b = sg lookup \"app\"\nsg $b delete", name: "lookup.sgsh")
        guard case .delete(.created(let group))? = plan.operations.last?.operation else {
            Issue.record("expected a delete of the created group, got \(plan.operations)")
            return
        }
        #expect(group.name == "app")
    }
}
