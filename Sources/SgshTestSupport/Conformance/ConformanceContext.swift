// What a conformance scenario works with: the backend, unique names, and
// small `expect…` helpers that throw a descriptive ConformanceFailure.
//
// Names carry a random suffix so scenarios can share one moto server (or one
// store) without colliding. Rule comparisons go through SgshModel's Rule text
// (`tcp 22 from 10.0.0.0/24 "desc"`), which ignores how a backend happens to
// split or order IpPermissions.

import SgshKit
import SgshModel

/// The backend under test plus helpers for one scenario run.
public struct ConformanceContext: Sendable {
    /// The backend under test.
    public let backend: any SecurityGroupBackend
    /// A random suffix that makes this run's names unique.
    public let suffix: String

    /// Creates a context with a fresh random suffix.
    public init(backend: any SecurityGroupBackend) {
        self.backend = backend
        var generator = SystemRandomNumberGenerator()
        suffix = String(generator.next() & 0xff_ffff_ffff, radix: 16)
    }

    // MARK: - Setup

    /// `base-<suffix>`: a group name no other run uses.
    public func name(_ base: String) -> String { "\(base)-\(suffix)" }

    /// Creates a group in the default VPC with a unique name; returns its id.
    @discardableResult
    public func createGroup(
        _ base: String, description: String = "sgsh conformance", tags: [Tag] = []
    ) async throws
        -> String
    {
        try await backend.createSecurityGroup(
            name: name(base), description: description, vpcId: nil, tags: tags, dryRun: false)
    }

    /// Creates a customer-managed prefix list with a unique name; returns its id.
    public func createPrefixList(
        _ base: String, maxEntries: Int, entries: [String] = [], family: CIDR.Family = .ipv4,
        fileID: String = #fileID, line: Int = #line
    ) async throws -> String {
        guard let maker = backend as? any ManagedPrefixListCreating else {
            throw ConformanceFailure("\(backend.displayName) cannot create prefix lists", fileID: fileID, line: line)
        }
        return try await maker.createManagedPrefixList(
            name: name(base), family: family, maxEntries: maxEntries, entries: entries.compactMap { CIDR($0) }
        ).id
    }

    /// The group with this id (DescribeSecurityGroups by id, which must return exactly it).
    public func group(_ id: String, fileID: String = #fileID, line: Int = #line) async throws -> SecurityGroup {
        let groups = try await backend.describeSecurityGroups(SecurityGroupQuery(groupIds: [id]))
        guard groups.count == 1, let group = groups.first, group.groupId == id else {
            throw ConformanceFailure(
                "describing \(id) returned \(groups.map(\.groupId))", fileID: fileID, line: line)
        }
        return group
    }

    /// The ids of the groups a filtered describe returns.
    public func groupIds(filters: [(String, [String])]) async throws -> Set<String> {
        let query = SecurityGroupQuery(filters: filters.map { SecurityGroupQuery.Filter(name: $0.0, values: $0.1) })
        return Set(try await backend.describeSecurityGroups(query).map(\.groupId))
    }

    /// The account id the backend reports as the group's owner (for expected group references).
    public func owner(of id: String) async throws -> String {
        try await group(id).ownerId ?? ""
    }

    /// The rules of one direction of a group as sorted rule texts (`tcp 22 from 10.0.0.0/24`).
    public func ruleTexts(_ id: String, _ direction: Direction) async throws -> [String] {
        ConformanceContext.texts(try await group(id).rules(direction), direction)
    }

    /// The rules of one direction as sorted texts.
    public static func texts(_ rules: [Rule], _ direction: Direction) -> [String] {
        rules.map { SourceWriter.rule($0, direction) }.sorted()
    }

    // MARK: - Expectations

    /// Fails unless `condition` holds.
    public func expect(
        _ condition: Bool, _ what: @autoclosure () -> String, fileID: String = #fileID, line: Int = #line
    )
        throws
    {
        if !condition { throw ConformanceFailure(what(), fileID: fileID, line: line) }
    }

    /// Fails unless the values are equal.
    public func expectEqual<T: Equatable>(
        _ actual: T, _ expected: T, _ what: String, fileID: String = #fileID, line: Int = #line
    ) throws {
        if actual != expected {
            throw ConformanceFailure("\(what): expected \(expected), got \(actual)", fileID: fileID, line: line)
        }
    }

    /// Runs `body` and fails unless it throws a BackendError with this code; returns the error.
    @discardableResult
    public func expectError<T>(
        _ code: String, _ what: String, fileID: String = #fileID, line: Int = #line,
        _ body: () async throws -> T
    ) async throws -> BackendError {
        do {
            let value = try await body()
            throw ConformanceFailure(
                "\(what): expected \(code), but the call succeeded with \(value)", fileID: fileID, line: line)
        } catch let error as BackendError {
            if error.code != code {
                throw ConformanceFailure("\(what): expected \(code), got \(error)", fileID: fileID, line: line)
            }
            return error
        }
    }

    /// Fails unless the group's rules of one direction are exactly `expected` (as rule texts, any order).
    public func expectRules(
        _ id: String, _ direction: Direction, _ expected: [String], fileID: String = #fileID, line: Int = #line
    ) async throws {
        let actual = try await ruleTexts(id, direction)
        if actual != expected.sorted() {
            throw ConformanceFailure(
                "\(direction) rules of \(id): expected \(expected.sorted()), got \(actual)", fileID: fileID, line: line)
        }
    }
}
