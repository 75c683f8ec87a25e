// A profile with `role_arn`: STS AssumeRole signed with the credentials of
// its source (`source_profile`, which may itself assume a role, or
// `credential_source`). `mfa_serial` asks for a code on the terminal and
// refuses clearly when there is none.

import Foundation

struct AssumeRoleCredentialProvider: CredentialProvider {
    let name: String
    let profile: String
    let source: any CredentialProvider
    let roleArn: String
    let sessionName: String?
    let externalId: String?
    let durationSeconds: Int?
    let mfaSerial: String?
    let region: String
    let endpoint: String
    let context: CredentialContext

    func fetch() async throws -> AWSCredentials {
        let sourceCredentials = try await source.fetch()
        var tokenCode: String?
        if let mfaSerial {
            guard let prompt = context.prompt else {
                throw CredentialError(
                    "profile '\(profile)' needs an MFA code (mfa_serial \(mfaSerial)) but there is no terminal to ask on: run sgsh in a terminal, or use a profile without mfa_serial"
                )
            }
            guard let code = prompt("Enter MFA code for \(mfaSerial): ")?.trimmingASCIIWhitespace(), !code.isEmpty
            else { throw CredentialError("no MFA code was entered for profile '\(profile)'") }
            tokenCode = code
        }
        let sts = STSClient(
            region: region, endpoint: endpoint,
            credentials: .fixed(sourceCredentials, name: source.name), context: context)
        do {
            return try await sts.assumeRole(
                roleArn: roleArn,
                sessionName: sessionName ?? "sgsh-session-\(Int(context.now().timeIntervalSince1970))",
                externalId: externalId, durationSeconds: durationSeconds, serialNumber: mfaSerial,
                tokenCode: tokenCode)
        } catch let error as EC2Error {
            throw CredentialError(
                "profile '\(profile)': STS AssumeRole of \(roleArn) failed: \(error.code): \(error.message)")
        } catch let error as EC2ClientError {
            throw CredentialError("profile '\(profile)': STS AssumeRole of \(roleArn) failed: \(error)")
        }
    }
}
