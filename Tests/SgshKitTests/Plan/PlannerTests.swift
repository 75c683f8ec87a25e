import SgshLocal
import SgshModel
import SgshTestSupport
import Testing

@testable import SgshKit

/// The planner and executor against LocalBackend, counting the calls they make.
@Suite struct PlannerTests {
    @Test func thousandRulesOverTenGroupsMakeOneDescribeAndTwentyMutatingCalls() async throws {
        let local = LocalBackend.inMemory()
        var ids: [String] = []
        for n in 0..<10 { ids.append(try await makeGroup(local, "app-\(n)")) }
        // One operation per rule, as a script with one `allow` line per rule makes them.
        var operations: [Operation] = []
        for (g, id) in ids.enumerated() {
            for r in 0..<50 {
                operations.append(.authorize(.id(id), .ingress, [tcp(8000 + r, host(g * 100 + r))], tags: []))
                operations.append(.authorize(.id(id), .egress, [udp(9000 + r, host(g * 100 + r))], tags: []))
            }
        }
        #expect(operations.count == 1000)
        let counting = CountingBackend(local)
        let report = try await apply(operations, on: counting)
        #expect(report.succeeded)
        #expect(counting.count(.describeSecurityGroups) <= 10)
        #expect(counting.count(.describeSecurityGroups) == 1)
        #expect(counting.mutatingCalls <= 20)
        #expect(counting.count(.authorize) == 20)
        #expect(report.callCount == counting.mutatingCalls)
        for group in try await snapshot(local) where ids.contains(group.groupId) {
            #expect(group.ingress.count == 50)
            #expect(group.egress.count == 51)  // with the default allow-all rule
        }
    }

    @Test func missingGroupFailsPlanningWithTheOperationsOrigin() async throws {
        let local = LocalBackend.inMemory()
        let present = try await makeGroup(local, "web")
        let source = SourceFile(name: "rules.sgsh", text: "sg \(present) tag a=b\nsg sg-0123456789abcdef0 delete\n")
        let lineTwo = "sg sg-0123456789abcdef0 delete\n"
        let start = source.text.utf8.count - lineTwo.utf8.count
        let origin = SourceRange(file: source, start: start, end: start + lineTwo.utf8.count - 1)
        let counting = CountingBackend(local)
        let plan = Plan(operations: [
            PlannedOperation(.tag(.id(present), [Tag(key: "a", value: "b")])),
            PlannedOperation(.delete(.id("sg-0123456789abcdef0")), origin: origin),
        ])
        do {
            _ = try await Planner(backend: counting).plan(plan)
            Issue.record("expected a planning error")
        } catch {
            #expect(error.kind == .groupNotFound("sg-0123456789abcdef0"))
            #expect(error.origin == origin)
            #expect(error.description == "rules.sgsh:2:1: security group 'sg-0123456789abcdef0' does not exist")
        }
        #expect(counting.mutatingCalls == 0)
    }

    @Test func failedReadIsAPlanningErrorWithTheBackendsCode() async throws {
        let local = LocalBackend.inMemory()
        let web = try await makeGroup(local, "web")
        let denied = BackendError(code: "UnauthorizedOperation", message: "not allowed to describe")
        let faulty = FaultInjectingBackend(local, faults: [:], readFault: denied)
        await #expect(throws: PlanningError(.backend(denied))) {
            try await Planner(backend: faulty).plan(
                Plan(operations: [PlannedOperation(.tag(.id(web), [Tag(key: "a", value: "b")]))]))
        }
        #expect(faulty.mutatingCalls == 0)
        #expect(PlanningError(.backend(denied)).code == "UnauthorizedOperation")
    }

    @Test func quotaErrorComesBeforeAnyCall() async throws {
        let local = LocalBackend.inMemory()
        let small = try await makeGroup(local, "small")
        let full = try await makeGroup(local, "full", ingress: (0..<58).map { tcp(443, host($0)) })
        let counting = CountingBackend(local)
        let before = try await snapshot(local)
        await #expect(throws: PlanningError.self) {
            try await apply(
                [
                    .authorize(.id(small), .ingress, [tcp(22, "10.0.0.0/8")], tags: []),
                    .authorize(.id(full), .ingress, (100..<103).map { tcp(443, host($0)) }, tags: []),
                ], on: counting)
        }
        #expect(counting.mutatingCalls == 0)
        #expect(try await snapshot(local) == before)
    }

    @Test func strictModeErrorComesBeforeAnyCall() async throws {
        let local = LocalBackend.inMemory()
        let web = try await makeGroup(local, "web", ingress: [tcp(443, "0.0.0.0/0")])
        let counting = CountingBackend(local)
        let operations: [Operation] = [
            .authorize(.id(web), .ingress, [tcp(80, "0.0.0.0/0")], tags: []),
            .authorize(.id(web), .ingress, [tcp(443, "0.0.0.0/0")], tags: []),
        ]
        await #expect(throws: PlanningError(.duplicateRule(.id(web), .ingress, tcp(443, "0.0.0.0/0")))) {
            try await apply(operations, on: counting, options: .init(strict: true))
        }
        #expect(counting.mutatingCalls == 0)
        let report = try await apply(operations, on: counting)
        #expect(report.succeeded)
        #expect(counting.mutatingCalls == 1)
    }

    @Test func quotaOfThePlannerMatchesTheBackendsOwn() async throws {
        // 60 IPv4 + 60 IPv6 rules fit; the backend agrees (it enforces the same quota).
        let local = LocalBackend.inMemory()
        let web = try await makeGroup(local, "web")
        let ipv4 = (0..<60).map { tcp(443, host($0)) }
        let ipv6 = (0..<60).map { tcp(443, "2001:db8::\(String($0 + 1, radix: 16))/128") }
        let report = try await apply([.authorize(.id(web), .ingress, ipv4 + ipv6, tags: [])], on: local)
        #expect(report.succeeded)
        #expect(report.failure == nil)
    }
}
