// The account guard of the aws backend: before a plan or run, STS
// GetCallerIdentity says which account the credentials act on; the report's
// Backend line names that account (BackendTarget), and --expect-account (or
// SGSH_EXPECT_ACCOUNT) refuses any other account before anything is planned.

import SgshEC2
import SgshModel

enum AWSIdentityCheck {
    /// Whose credentials the backend uses, after checking the expected account; nil when EC2
    /// goes to a custom endpoint and STS has none (nothing to ask).
    /// - Throws: `CLIError` when there are no credentials, the identity cannot be read or is the wrong account.
    static func verify(_ backend: EC2Backend, expected: String?) async throws -> CallerIdentity? {
        do {
            _ = try await backend.configuration.credentials.current()
        } catch {
            throw CLIError("\(error)")
        }
        guard backend.configuration.stsEndpointMatchesEC2 else {
            guard let expected else { return nil }
            throw CLIError(
                "cannot check --expect-account \(expected): EC2 goes to \(backend.configuration.endpoint) but STS has no endpoint there; set AWS_ENDPOINT_URL_STS (or AWS_ENDPOINT_URL)"
            )
        }
        let identity: CallerIdentity
        do {
            identity = try await backend.callerIdentity()
        } catch {
            throw CLIError(
                error.category == .unauthorized && error.code == "CredentialsUnavailable" ? error.message : "\(error)")
        }
        if let expected, identity.account != expected {
            throw CLIError(
                "the credentials (\(backend.configuration.credentialSource)) act on account \(identity.account), not the expected \(expected): nothing was planned; check --profile/AWS_PROFILE or --expect-account/SGSH_EXPECT_ACCOUNT"
            )
        }
        return identity
    }
}
