// A Host for evaluator tests: records output (and, through the interpreter's
// observer, planned operations) in one transcript, serves modules from a
// fixture folder relative to the importing file, a fixed clock, a granted
// environment, and a read-only backend with a few named groups.

import Foundation
import SgshKit
import SgshModel
import Synchronization

final class TestHost: SgshKit.Host {
    enum Event: Equatable {
        case output(String)
        case operation(String)
    }

    private let events = Mutex<[Event]>([])
    let moduleRoot: URL?
    let environment: [String: String]
    let grantsEnvironment: Bool
    let backend: (any SecurityGroupBackend)?

    init(
        moduleRoot: URL? = nil, environment: [String: String] = ["STAGE": "prod"], grantsEnvironment: Bool = true,
        backend: (any SecurityGroupBackend)? = FakeBackend()
    ) {
        self.moduleRoot = moduleRoot
        self.environment = environment
        self.grantsEnvironment = grantsEnvironment
        self.backend = backend
    }

    func print(_ text: String) { events.withLock { $0.append(.output(text)) } }

    func record(_ operation: PlannedOperation) {
        events.withLock { $0.append(.operation(operation.operation.summary)) }
    }

    /// Output lines and operation summaries, in the order they happened.
    var transcript: [String] {
        events.withLock {
            $0.map { if case .output(let t) = $0 { t } else if case .operation(let t) = $0 { t } else { "" } }
        }
    }

    /// Output lines only.
    var output: [String] {
        events.withLock { $0.compactMap { if case .output(let t) = $0 { t } else { nil } } }
    }

    func loadModule(_ name: String, importer: String) throws -> ModuleSource? {
        guard let moduleRoot else { return nil }
        let directory = importer.split(separator: "/").dropLast().joined(separator: "/")
        let path = directory.isEmpty ? name : "\(directory)/\(name)"
        let url = moduleRoot.appendingPathComponent(path)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return ModuleSource(name: path, text: text)
    }

    func environmentVariable(_ name: String) -> String? { environment[name] }

    func now() -> Int { 1_700_000_000 }
}

/// A backend that knows a few groups by name and refuses every change.
struct FakeBackend: SecurityGroupBackend {
    var groups = [
        SecurityGroup(groupId: "sg-0e1", groupName: "web", description: "web tier"),
        SecurityGroup(groupId: "sg-0d2", groupName: "db", description: "database tier"),
        SecurityGroup(groupId: "sg-0f3", groupName: "twin", description: "in one VPC", vpcId: "vpc-0a"),
        SecurityGroup(groupId: "sg-0f4", groupName: "twin", description: "in another VPC", vpcId: "vpc-0b"),
    ]

    /// What every describe call throws, when set.
    var failure: BackendError?

    var displayName: String { "fake" }

    func describeSecurityGroups(_ query: SecurityGroupQuery) async throws -> [SecurityGroup] {
        if let failure { throw failure }
        let names = Set(query.filters.filter { $0.name == "group-name" }.flatMap(\.values))
        return groups.filter { names.isEmpty || names.contains($0.groupName) }
    }

    private func refuse() -> BackendError {
        BackendError(code: "UnauthorizedOperation", message: "the evaluator must not change anything")
    }

    func createSecurityGroup(name: String, description: String, vpcId: String?, tags: [Tag], dryRun: Bool)
        async throws -> String
    { throw refuse() }
    func deleteSecurityGroup(groupId: String, dryRun: Bool) async throws { throw refuse() }
    func authorize(_ direction: Direction, groupId: String, permissions: [IPPermission], tags: [Tag], dryRun: Bool)
        async throws -> [SecurityGroupRule]
    { throw refuse() }
    func revoke(_ direction: Direction, groupId: String, permissions: [IPPermission], dryRun: Bool) async throws
        -> RevokeResult
    { throw refuse() }
    func revoke(_ direction: Direction, groupId: String, ruleIds: [String], dryRun: Bool) async throws -> RevokeResult {
        throw refuse()
    }
    func describeSecurityGroupRules(groupId: String?, ruleIds: [String]) async throws -> [SecurityGroupRule] { [] }
    func describeManagedPrefixLists(ids: [String]) async throws -> [ManagedPrefixList] { [] }
    func describeNetworkInterfaces(groupIds: [String]) async throws -> [NetworkInterface] { [] }
    func modifyNetworkInterfaceGroups(networkInterfaceId: String, groupIds: [String]) async throws { throw refuse() }
    func updateRuleDescriptions(_ direction: Direction, groupId: String, permissions: [IPPermission]) async throws {
        throw refuse()
    }
    func modifySecurityGroupRules(groupId: String, updates: [SecurityGroupRuleUpdate]) async throws { throw refuse() }
    func createTags(resourceIds: [String], tags: [Tag], dryRun: Bool) async throws { throw refuse() }
    func deleteTags(resourceIds: [String], tags: [TagSelector], dryRun: Bool) async throws { throw refuse() }
}
