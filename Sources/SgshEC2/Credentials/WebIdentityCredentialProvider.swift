// Web identity (GitHub Actions and GitLab OIDC, EKS IRSA): the token file is
// read on every fetch (the platform rotates it) and exchanged through STS
// AssumeRoleWithWebIdentity, which is sent unsigned. The token is a secret:
// it is redacted from --debug and never named in messages.

import Foundation

struct WebIdentityCredentialProvider: CredentialProvider {
    let name: String
    let tokenFile: String
    let roleArn: String
    let sessionName: String?
    let durationSeconds: Int?
    let region: String
    let endpoint: String
    let context: CredentialContext

    func fetch() async throws -> AWSCredentials {
        guard let token = context.files.read(tokenFile)?.trimmingCharacters(in: .whitespacesAndNewlines),
            !token.isEmpty
        else { throw CredentialError("cannot read the web identity token file \(tokenFile)") }
        let sts = STSClient(region: region, endpoint: endpoint, credentials: nil, context: context)
        do {
            return try await sts.assumeRoleWithWebIdentity(
                roleArn: roleArn,
                sessionName: sessionName ?? "sgsh-session-\(Int(context.now().timeIntervalSince1970))",
                token: token, durationSeconds: durationSeconds)
        } catch let error as EC2Error {
            throw CredentialError(
                "STS AssumeRoleWithWebIdentity of \(roleArn) failed: \(error.code): \(error.message.replacingAll(token, with: "<redacted>"))"
            )
        } catch let error as EC2ClientError {
            throw CredentialError("STS AssumeRoleWithWebIdentity of \(roleArn) failed: \(error)")
        }
    }
}
