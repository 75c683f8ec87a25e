import SgshLocal
import SgshModel
import SgshTestSupport
import Testing

@testable import SgshKit

/// `sgsh export`: live groups as a script; running it again changes nothing, and on an
/// empty backend it rebuilds the same groups.
@Suite struct ScriptExporterTests {
    struct QuietHost: SgshKit.Host {
        func print(_ text: String) {}
    }

    /// Two groups, one referencing the other, with IPv6, ICMP, a protocol number and tags.
    func populate(_ backend: LocalBackend) async throws -> [SecurityGroup] {
        let web = try await makeGroup(
            backend, "web-tier",
            ingress: [
                tcp(443, "0.0.0.0/0", "public https"), tcp(443, "::/0", "public https"),
                try Rule(ipProtocol: .icmp, ports: .icmp(ICMPSpec(type: 8)!), peer: .cidr(CIDR("10.0.0.0/8")!)),
            ],
            tags: [Tag(key: "Name", value: "web tier"), Tag(key: "env", value: "prod")])
        _ = try await makeGroup(
            backend, "db",
            ingress: [tcp(5432, fromGroup: web, "postgres from web")],
            egress: [try Rule(ipProtocol: .number(50), ports: .none, peer: .cidr(CIDR("10.1.0.0/16")!))])
        return try await backend.describeSecurityGroups(.all)
    }

    func export(_ backend: LocalBackend) async throws -> String {
        let groups = try await backend.describeSecurityGroups(.all).sorted { $0.groupName < $1.groupName }
        // VPC ids differ between backends; they are comments in the export.
        return ScriptExporter.script(for: groups)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line.range(of: "  # vpc-").map { String(line[..<$0.lowerBound]) } ?? String(line) }
            .joined(separator: "\n")
    }

    @Test func exportNamesGroupsByVariablesAndLeavesOutDefaultGroups() async throws {
        let backend = LocalBackend.inMemory()
        _ = try await populate(backend)
        let script = try await export(backend)
        #expect(script.contains(#"let web_tier = sg create "web-tier" "web-tier group""#), "\(script)")
        #expect(script.contains(#"  allow tcp 5432 from $web_tier "postgres from web""#), "\(script)")
        #expect(script.contains(#"  allow icmp echo-request from 10.0.0.0/8"#), "\(script)")
        #expect(script.contains(#"  allow 50 to 10.1.0.0/16"#), "\(script)")
        #expect(script.contains(#"sg $web_tier tag "Name"="web tier" "env"="prod""#), "\(script)")
        #expect(!script.contains(#"sg create "default""#), "\(script)")
    }

    @Test func runningTheExportAgainstTheSameGroupsChangesNothing() async throws {
        let backend = LocalBackend.inMemory()
        _ = try await populate(backend)
        let script = try await export(backend)
        let counting = CountingBackend(backend)

        let result = try await Interpreter(host: QuietHost()).run(
            source: script, name: "export.sgsh", backend: counting)

        #expect(result.report.succeeded)
        #expect(counting.mutatingCalls == 0)
    }

    @Test func theExportRebuildsTheGroupsOnAnEmptyBackend() async throws {
        let original = LocalBackend.inMemory()
        _ = try await populate(original)
        let script = try await export(original)
        let fresh = LocalBackend.inMemory()

        let result = try await Interpreter(host: QuietHost()).run(source: script, name: "export.sgsh", backend: fresh)

        #expect(result.report.succeeded)
        #expect(try await export(fresh) == script)
    }

    @Test(arguments: [
        ("web", "web"), ("Web Tier", "web_tier"), ("3tier", "sg_3tier"), ("for", "sg_for"), ("", "sg_"),
    ])
    func variableNamesAreIdentifiers(groupName: String, variable: String) {
        let group = SecurityGroup(groupId: "sg-1", groupName: groupName, description: "d")
        #expect(ScriptExporter.variableNames(for: [group]) == ["sg-1": variable])
    }

    @Test func clashingVariableNamesAreNumbered() {
        let groups = ["a-b", "a_b", "a.b"].enumerated().map {
            SecurityGroup(groupId: "sg-\($0.offset)", groupName: $0.element, description: "d")
        }
        #expect(ScriptExporter.variableNames(for: groups) == ["sg-0": "a_b", "sg-1": "a_b_2", "sg-2": "a_b_3"])
    }

    /// A rule sgsh cannot read does not hide the others, and is written so that `check`
    /// stops the script at it (an `exactly` block without it would revoke it).
    @Test func anUnreadableRuleKeepsTheOthersAndFailsCheck() throws {
        let group = SecurityGroup(
            groupId: "sg-0a1", groupName: "web", description: "web",
            ipPermissions: [
                IPPermission(
                    ipProtocol: "tcp", fromPort: 22, toPort: 22,
                    ipRanges: [IPRange(cidrIp: "10.0.0.1/8"), IPRange(cidrIp: "192.0.2.0/24")])
            ])
        let script = ScriptExporter.script(for: [group])
        #expect(script.contains("  allow tcp 22 from 192.0.2.0/24\n"))
        #expect(script.contains("  allow tcp 22 from 10.0.0.1/8\n"))
        let diagnostics = Interpreter(host: QuietHost()).check(source: script, name: "export.sgsh")
        #expect(diagnostics.map(\.id) == [.cidrHostBits])
    }

    /// A name in two VPCs is exported with each group's VPC (else re-running it could not
    /// tell them apart); a unique name keeps its VPC as a comment. The export re-runs clean.
    @Test func aNameInSeveralVPCsIsExportedWithItsVPC() async throws {
        let local = LocalBackend.inMemory()
        let vpc = try await local.createVPC()
        _ = try await makeGroup(local, "web")
        _ = try await local.createSecurityGroup(name: "web", description: "web", vpcId: vpc, tags: [], dryRun: false)
        _ = try await makeGroup(local, "db")
        let groups = try await local.describeSecurityGroups(.all)
        let script = ScriptExporter.script(for: groups.filter { $0.groupName == "web" || $0.groupName == "db" })
        let creates = script.split(separator: "\n").filter { $0.contains("sg create") }
        #expect(creates.filter { $0.contains("\"web\" vpc vpc-") }.count == 2, "\(script)")
        #expect(creates.contains { $0.hasPrefix("let db = sg create \"db\" \"db group\"  # vpc-") }, "\(script)")
        let result = try await Interpreter(host: QuietHost()).run(source: script, name: "export.sgsh", backend: local)
        #expect(result.report.succeeded && !result.report.changeSet.hasChanges)
    }
}
