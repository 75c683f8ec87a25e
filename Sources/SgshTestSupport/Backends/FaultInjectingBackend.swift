// A backend decorator that makes chosen mutating calls (or every read) fail, for
// testing the planner's error path and the executor's rollback: "the 3rd mutating call fails with this BackendError".
// A failing call is not forwarded, as a failed EC2 call changes nothing. It can
// also cancel the calling task right after a chosen call succeeds, which makes
// cancellation tests deterministic (no timing involved).

import SgshModel
import Synchronization

/// Forwards calls to a base backend, failing or cancelling at chosen mutating calls.
public final class FaultInjectingBackend: SecurityGroupBackend {
    /// What to do at a given mutating call.
    public enum Fault: Sendable {
        /// Throw this error instead of forwarding the call.
        case fail(BackendError)
        /// Forward the call, then cancel the apply that `canceller` started (as Ctrl-C would).
        case cancelAfter(TaskCanceller)
        /// Forward the call, then throw this error marked `mayHaveTakenEffect`: the answer was
        /// lost and the SDK's retry met the call's own echo (`InvalidPermission.Duplicate`).
        case applyThenLoseAnswer(BackendError)
        /// As `applyThenLoseAnswer`, and the next `failingReads` describe calls time out too
        /// (`RequestTimeout`), as when the network drops for a while: the read that would settle
        /// the call cannot.
        case applyThenLoseAnswerAndReads(BackendError, failingReads: Int)
        /// Forward the call, lose its answer, and forward it again, as the SDK's retry does; the
        /// retry's answer is returned (a revoke's marked `afterUnansweredAttempt`, its
        /// `UnknownIpPermissions` listing what the first attempt removed, as EC2 answers).
        case applyTwiceLosingFirstAnswer
    }

    /// The backend calls are forwarded to.
    public let base: any SecurityGroupBackend
    private let faults: [Int: Fault]
    private let readFault: BackendError?
    private let state = Mutex<(count: Int, log: [BackendMethod], failingReads: Int, repeated: Bool)>((0, [], 0, false))

    /// - Parameters:
    ///   - base: the backend calls are forwarded to.
    ///   - faults: by 1-based number of the mutating call (counted across all mutating methods).
    ///   - readFault: an error every describe call throws, if given.
    public init(_ base: any SecurityGroupBackend, faults: [Int: Fault], readFault: BackendError? = nil) {
        self.base = base
        self.faults = faults
        self.readFault = readFault
    }

    /// Fails the `n`th mutating call (1-based) with `error`.
    public convenience init(_ base: any SecurityGroupBackend, failingCall n: Int, with error: BackendError) {
        self.init(base, faults: [n: .fail(error)])
    }

    public var displayName: String { base.displayName }

    /// The number of mutating calls made so far (failed ones included).
    public var mutatingCalls: Int { state.withLock { $0.count } }

    /// The mutating methods called so far, in order.
    public var log: [BackendMethod] { state.withLock { $0.log } }

    /// Counts a mutating call and runs it, applying the fault planned for it.
    private func mutating<T>(_ method: BackendMethod, _ body: () async throws -> T) async throws -> T {
        let number = state.withLock { state in
            state.repeated = false
            state.count += 1
            state.log.append(method)
            return state.count
        }
        switch faults[number] {
        case .fail(let error)?:
            throw error
        case .cancelAfter(let canceller)?:
            let result = try await body()
            canceller.cancel()
            return result
        case .applyThenLoseAnswer(var error)?:
            _ = try await body()
            error.mayHaveTakenEffect = true
            throw error
        case .applyTwiceLosingFirstAnswer?:
            _ = try? await body()
            state.withLock { $0.repeated = true }
            return try await body()
        case .applyThenLoseAnswerAndReads(var error, let reads)?:
            _ = try await body()
            state.withLock { $0.failingReads = reads }
            error.mayHaveTakenEffect = true
            throw error
        case nil:
            return try await body()
        }
    }

    public func createSecurityGroup(
        name: String, description: String, vpcId: String?, tags: [Tag], dryRun: Bool
    ) async throws -> String {
        try await mutating(.createSecurityGroup) {
            try await base.createSecurityGroup(
                name: name, description: description, vpcId: vpcId, tags: tags, dryRun: dryRun)
        }
    }

    public func deleteSecurityGroup(groupId: String, dryRun: Bool) async throws {
        try await mutating(.deleteSecurityGroup) {
            try await base.deleteSecurityGroup(groupId: groupId, dryRun: dryRun)
        }
    }

    /// Throws the read fault, or a timeout while reads are failing after a lost answer.
    private func failIfReadsFail() throws {
        if let readFault { throw readFault }
        let failing = state.withLock { state in
            defer { state.failingReads = max(state.failingReads - 1, 0) }
            return state.failingReads > 0
        }
        if failing {
            var timeout = BackendError(category: .unavailable, code: "RequestTimeout", message: "no answer (injected)")
            timeout.mayHaveTakenEffect = true
            throw timeout
        }
    }

    public func describeSecurityGroups(_ query: SecurityGroupQuery) async throws -> [SecurityGroup] {
        try failIfReadsFail()
        return try await base.describeSecurityGroups(query)
    }

    public func authorize(
        _ direction: Direction, groupId: String, permissions: [IPPermission], tags: [Tag], dryRun: Bool
    ) async throws -> [SecurityGroupRule] {
        try await mutating(.authorize) {
            try await base.authorize(direction, groupId: groupId, permissions: permissions, tags: tags, dryRun: dryRun)
        }
    }

    public func revoke(
        _ direction: Direction, groupId: String, permissions: [IPPermission], dryRun: Bool
    ) async throws -> RevokeResult {
        var result = try await mutating(.revoke) {
            try await base.revoke(direction, groupId: groupId, permissions: permissions, dryRun: dryRun)
        }
        if state.withLock({ $0.repeated }) { result.afterUnansweredAttempt = true }
        return result
    }

    public func revoke(
        _ direction: Direction, groupId: String, ruleIds: [String], dryRun: Bool
    ) async throws -> RevokeResult {
        try await mutating(.revokeByRuleIds) {
            try await base.revoke(direction, groupId: groupId, ruleIds: ruleIds, dryRun: dryRun)
        }
    }

    public func describeSecurityGroupRules(groupIds: [String], taggedWith: String?) async throws
        -> [SecurityGroupRule]
    {
        if let readFault { throw readFault }
        return try await base.describeSecurityGroupRules(groupIds: groupIds, taggedWith: taggedWith)
    }

    public func describeSecurityGroupRules(groupId: String?, ruleIds: [String]) async throws -> [SecurityGroupRule] {
        try failIfReadsFail()
        return try await base.describeSecurityGroupRules(groupId: groupId, ruleIds: ruleIds)
    }

    public func describeManagedPrefixLists(ids: [String]) async throws -> [ManagedPrefixList] {
        try failIfReadsFail()
        return try await base.describeManagedPrefixLists(ids: ids)
    }

    public func updateRuleDescriptions(_ direction: Direction, groupId: String, permissions: [IPPermission])
        async throws
    {
        try await mutating(.updateRuleDescriptions) {
            try await base.updateRuleDescriptions(direction, groupId: groupId, permissions: permissions)
        }
    }

    public func modifySecurityGroupRules(groupId: String, updates: [SecurityGroupRuleUpdate]) async throws {
        try await mutating(.modifySecurityGroupRules) {
            try await base.modifySecurityGroupRules(groupId: groupId, updates: updates)
        }
    }

    public func createTags(resourceIds: [String], tags: [Tag], dryRun: Bool) async throws {
        try await mutating(.createTags) {
            try await base.createTags(resourceIds: resourceIds, tags: tags, dryRun: dryRun)
        }
    }

    public func deleteTags(resourceIds: [String], tags: [TagSelector], dryRun: Bool) async throws {
        try await mutating(.deleteTags) {
            try await base.deleteTags(resourceIds: resourceIds, tags: tags, dryRun: dryRun)
        }
    }

    public func describeNetworkInterfaces(groupIds: [String]) async throws -> [NetworkInterface] {
        try failIfReadsFail()
        return try await base.describeNetworkInterfaces(groupIds: groupIds)
    }

    public func modifyNetworkInterfaceGroups(networkInterfaceId: String, groupIds: [String]) async throws {
        try await mutating(.modifyNetworkInterfaceGroups) {
            try await base.modifyNetworkInterfaceGroups(networkInterfaceId: networkInterfaceId, groupIds: groupIds)
        }
    }
}
