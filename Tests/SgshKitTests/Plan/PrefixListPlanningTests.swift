// Prefix lists as EC2 counts and checks them, found at plan time: a reference
// counts as the list's MaxEntries rules against the quota (in the list's
// family), a list that does not exist is refused at its line, and a CIDR
// policy sees the blocks a list holds. Nothing is sent when a plan is refused,
// and the list is read in one call only when a rule names one.

import SgshLocal
import SgshModel
import SgshTestSupport
import Testing

@testable import SgshKit

@Suite struct PrefixListPlanningTests {
    /// A store with one group of `cidrs` /32 ingress rules, and a list of `maxEntries`.
    func store(cidrs: Int, maxEntries: Int, entries: [String] = ["10.1.0.0/16"]) async throws
        -> (LocalBackend, group: String, list: String)
    {
        let local = LocalBackend.inMemory()
        let group = try await local.createSecurityGroup(
            name: "web", description: "web", vpcId: nil, tags: [], dryRun: false)
        if cidrs > 0 {
            let ranges = (0..<cidrs).map { IPRange(cidrIp: "10.0.\($0 / 256).\($0 % 256)/32") }
            _ = try await local.authorize(
                .ingress, groupId: group,
                permissions: [IPPermission(ipProtocol: "tcp", fromPort: 22, toPort: 22, ipRanges: ranges)], tags: [],
                dryRun: false)
        }
        let list = try await local.createManagedPrefixList(
            name: "office", family: .ipv4, maxEntries: maxEntries, entries: entries.compactMap { CIDR($0) })
        return (local, group, list.id)
    }

    func refusal(_ source: String, on backend: any SecurityGroupBackend) async throws -> PlanningError? {
        let interpreter = Interpreter(host: ClockHost())
        let plan = try await interpreter.plan(source: source, name: "pl.sgsh")
        do {
            _ = try await Planner(backend: backend).plan(plan)
            return nil
        } catch {
            return error
        }
    }

    @Test func aReferenceCountsAsTheListsMaxEntries() async throws {
        let (local, group, list) = try await store(cidrs: 41, maxEntries: 20)
        let counting = CountingBackend(local)
        let source = "sg \"\(group)\" ingress allow tcp 443 from \(list) \"office\"\n"
        let error = try #require(try await refusal(source, on: counting))
        #expect(error.code == "RulesPerSecurityGroupLimitExceeded")
        #expect(error.message.contains("would hold 61 IPv4 rules, over the quota of 60 (41 present, 20 to add"))
        #expect(error.message.contains("\(list) counts as 20 (a prefix list counts as its MaxEntries)"))
        #expect(error.origin?.location.line == 1)
        #expect(counting.mutatingCalls == 0)
        #expect(counting.count(.describeManagedPrefixLists) == 1)

        // One rule fewer fits, and the store agrees when it is applied.
        let (roomy, roomyGroup, roomyList) = try await store(cidrs: 40, maxEntries: 20)
        let report = try await Interpreter(host: ClockHost()).run(
            source: "sg \"\(roomyGroup)\" ingress allow tcp 443 from \(roomyList) \"office\"\n", name: "pl.sgsh",
            backend: roomy
        ).report
        #expect(report.succeeded)
    }

    @Test func theStoreRefusesWhatThePlannerWouldHave() async throws {
        let (local, group, list) = try await store(cidrs: 41, maxEntries: 20)
        let permission = IPPermission(
            ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: [PrefixListID(prefixListId: list)])
        await #expect(throws: BackendError.self) {
            _ = try await local.authorize(.ingress, groupId: group, permissions: [permission], tags: [], dryRun: false)
        }
        let unknown = IPPermission(
            ipProtocol: "tcp", fromPort: 443, toPort: 443,
            prefixListIds: [PrefixListID(prefixListId: "pl-0123456789abcdef0")])
        do {
            _ = try await local.authorize(.ingress, groupId: group, permissions: [unknown], tags: [], dryRun: false)
            Issue.record("an unknown prefix list was accepted")
        } catch let error as BackendError {
            #expect(error.code == "InvalidPrefixListID.NotFound")
            #expect(error.category == .notFound)
        }
    }

    @Test func anIPv6ListCountsAgainstTheIPv6Quota() async throws {
        let (local, group, _) = try await store(cidrs: 59, maxEntries: 1)
        let v6 = try await local.createManagedPrefixList(name: "v6", family: .ipv6, maxEntries: 50, entries: [])
        let source = "sg \"\(group)\" ingress allow tcp 443 from \(v6.id)\n"
        #expect(try await refusal(source, on: local) == nil)
    }

    @Test func aListThatDoesNotExistIsRefusedAtItsLine() async throws {
        let (local, group, _) = try await store(cidrs: 0, maxEntries: 5)
        let counting = CountingBackend(local)
        let source = """
            sg "\(group)" ingress allow tcp 80 from 10.0.0.0/8
            sg "\(group)" ingress allow tcp 443 from pl-0123456789abcdef0

            """
        let error = try #require(try await refusal(source, on: counting))
        #expect(error.kind == .prefixListNotFound("pl-0123456789abcdef0"))
        #expect(error.origin?.location.line == 2)
        #expect(counting.mutatingCalls == 0)
    }

    @Test func aScriptWithoutPrefixListsReadsNone() async throws {
        let (local, group, _) = try await store(cidrs: 3, maxEntries: 5)
        let counting = CountingBackend(local)
        #expect(try await refusal("sg \"\(group)\" ingress allow tcp 80 from 10.0.0.0/8\n", on: counting) == nil)
        #expect(counting.count(.describeManagedPrefixLists) == 0)
    }

    @Test func aPolicySeesTheBlocksAListHolds() async throws {
        let (local, group, list) = try await store(
            cidrs: 0, maxEntries: 5, entries: ["0.0.0.0/1", "128.0.0.0/1"])
        let source = """
            policy deny ingress tcp 22 from 0.0.0.0/0, ::/0 "no world ssh"
            sg "\(group)" ingress allow tcp 22 from \(list) "everyone, in two halves"

            """
        let error = try #require(try await refusal(source, on: local))
        guard case .policyViolations(let found) = error.kind else {
            Issue.record("expected a policy violation, got \(error)")
            return
        }
        #expect(found.map(\.rule.rule.peer) == [.prefixList(list)])
        #expect(error.origin?.location.line == 2)

        // A list of private blocks is not the world, but does overlap a 10/8 policy.
        let (office, officeGroup, officeList) = try await store(cidrs: 0, maxEntries: 5)
        let world = """
            policy deny ingress tcp 22 from 0.0.0.0/0 "no world ssh"
            sg "\(officeGroup)" ingress allow tcp 22 from \(officeList)

            """
        #expect(try await refusal(world, on: office) == nil)
        let lab = """
            policy deny ingress tcp 22 from 10.1.2.0/24 "not from the lab"
            sg "\(officeGroup)" ingress allow tcp 22 from \(officeList)

            """
        #expect(try await refusal(lab, on: office) != nil)
    }

    @Test func auditResolvesListsToTheirEntries() async throws {
        let (local, group, list) = try await store(cidrs: 0, maxEntries: 5, entries: ["0.0.0.0/0"])
        _ = try await local.authorize(
            .ingress, groupId: group,
            permissions: [
                IPPermission(
                    ipProtocol: "tcp", fromPort: 22, toPort: 22, prefixListIds: [PrefixListID(prefixListId: list)])
            ], tags: [], dryRun: false)
        let groups = try await local.describeSecurityGroups(SecurityGroupQuery(groupIds: [group]))
        let ids = Audit.prefixListIds(in: groups)
        #expect(ids == [list])
        let catalog = try await local.prefixListCatalog(ids: ids)
        let set = try await policies(#"policy deny ingress tcp 22 from 0.0.0.0/0, ::/0 "no world ssh""#)
        #expect(
            try Audit.findings(in: groups, policies: set, now: 0, prefixLists: catalog).map(\.ruleId) == [
                "policy/no world ssh"
            ])
        #expect(try Audit.findings(in: groups, policies: set, now: 0).isEmpty)
    }
}
