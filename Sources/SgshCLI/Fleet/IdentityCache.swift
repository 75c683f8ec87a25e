// Whose credentials a target uses, asked once per set of credentials: every
// region of an account (and every target of a profile) shares one
// GetCallerIdentity, as they share one AssumeRole, so a fleet's calls grow
// with its accounts, not with accounts × regions.

import SgshEC2
import SgshModel

actor IdentityCache {
    private var answers: [ObjectIdentifier: Task<CallerIdentity, any Error>] = [:]

    /// The identity of `credentials`, asking `fetch` only for the first target that needs it.
    /// A failure is not kept: the next target asks again.
    func identity(
        of credentials: RefreshingCredentials, _ fetch: @escaping @Sendable () async throws -> CallerIdentity
    ) async throws -> CallerIdentity {
        let key = ObjectIdentifier(credentials)
        if let answer = answers[key] { return try await answer.value }
        let task = Task { try await fetch() }
        answers[key] = task
        do {
            return try await task.value
        } catch {
            answers[key] = nil
            throw error
        }
    }
}
