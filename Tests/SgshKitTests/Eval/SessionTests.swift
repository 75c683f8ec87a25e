import SgshModel
import Testing

@testable import SgshKit

@Suite struct SessionTests {
    @Test func definitionsPersistBetweenEntries() async throws {
        let host = TestHost()
        let session = Session(interpreter: Interpreter(host: host))
        _ = try await session.plan(entry: "let office = [203.0.113.0/24]")
        _ = try await session.plan(entry: "def ssh(g) { sg $g ingress allow tcp 22 from $office }")
        let plan = try await session.plan(entry: "ssh(sg-0a1)\nprint len(office)")
        #expect(plan.operations.map(\.operation.summary) == ["authorize sg-0a1 ingress: tcp 22 from 203.0.113.0/24"])
        #expect(host.output == ["1"])
        #expect(session.definitions["office"] == .list([.cidr(CIDR("203.0.113.0/24")!)]))
    }

    @Test func eachEntryGetsItsOwnPlan() async throws {
        let session = Session(interpreter: Interpreter(host: TestHost()))
        let first = try await session.plan(entry: "sg sg-0a1 delete")
        let second = try await session.plan(entry: "sg sg-0b2 delete")
        #expect(first.operations.map(\.operation) == [.delete(.id("sg-0a1"))])
        #expect(second.operations.map(\.operation) == [.delete(.id("sg-0b2"))])
    }

    @Test func anUndefinedNameIsStillReported() async {
        let session = Session(interpreter: Interpreter(host: TestHost()))
        #expect(session.check(entry: "print nope").map(\.id) == [.undefinedName])
        await #expect(throws: SgshError.self) { try await session.plan(entry: "print nope") }
    }

    @Test func anErrorKeepsEarlierDefinitionsAndTheSessionGoesOn() async throws {
        let session = Session(interpreter: Interpreter(host: TestHost()))
        await #expect(throws: SgshError.self) { try await session.plan(entry: "let x = 1\nprint [1][5]") }
        let plan = try await session.plan(entry: "sg sg-0a1 ingress allow tcp $x from 10.0.0.0/8")
        #expect(plan.operations.count == 1)
    }
}
