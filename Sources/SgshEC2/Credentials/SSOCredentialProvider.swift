// IAM Identity Center: the access token the AWS CLI cached at `aws sso login`
// (~/.aws/sso/cache/<sha1>.json, where the hash is of the sso_session name,
// or of the start URL for legacy profiles) is exchanged at the portal's
// GetRoleCredentials (GET /federation/credentials with the
// x-amz-sso_bearer_token header). sgsh never logs in itself: a missing or
// expired token says to run `aws sso login`.

import Crypto
import Foundation

struct SSOCredentialProvider: CredentialProvider {
    let name: String
    let profile: String
    /// The sso_session name, or nil for a legacy profile.
    let sessionName: String?
    let startURL: String
    let ssoRegion: String
    let accountId: String
    let roleName: String
    let context: CredentialContext

    /// The cache file's name: the hex SHA-1 of the session name (or legacy start URL).
    static func cacheFileName(sessionName: String?, startURL: String) -> String {
        let digest = Insecure.SHA1.hash(data: Array((sessionName ?? startURL).utf8))
        return digest.map { String(format: "%02x", $0) }.joined() + ".json"
    }

    /// The portal endpoint: AWS_ENDPOINT_URL_SSO > AWS_ENDPOINT_URL > portal.sso.<region>.amazonaws.com.
    var portal: String {
        let url =
            context.env("AWS_ENDPOINT_URL_SSO") ?? context.env("AWS_ENDPOINT_URL")
            ?? "https://portal.sso.\(ssoRegion).amazonaws.com"
        return url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    func fetch() async throws -> AWSCredentials {
        let login = "run 'aws sso login --profile \(profile)'"
        let path =
            context.expandingHome("~/.aws/sso/cache/")
            + Self.cacheFileName(
                sessionName: sessionName, startURL: startURL)
        guard let text = context.files.read(path),
            let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let token = object["accessToken"] as? String, !token.isEmpty
        else { throw CredentialError("no IAM Identity Center (SSO) token for profile '\(profile)': \(login)") }
        guard let expiresAt = (object["expiresAt"] as? String).flatMap(CredentialJSON.parseDate),
            context.now() < expiresAt
        else {
            throw CredentialError("the IAM Identity Center (SSO) token for profile '\(profile)' has expired: \(login)")
        }

        let query =
            "role_name=\(SigV4Signer.percentEncode(roleName, keepSlash: false))&account_id=\(SigV4Signer.percentEncode(accountId, keepSlash: false))"
        let response: HTTPTransportResponse
        do {
            response = try await context.transport.send(
                HTTPTransportRequest(
                    method: "GET", url: "\(portal)/federation/credentials?\(query)",
                    headers: [(name: "x-amz-sso_bearer_token", value: token)], body: []))
        } catch {
            throw CredentialError(
                "cannot reach the IAM Identity Center portal \(portal): \(EC2ClientError.reason(of: error))")
        }
        context.logger.debug("SSO GetRoleCredentials \(roleName)@\(accountId): HTTP \(response.status)")
        if response.status == 401 || response.status == 403 {
            throw CredentialError(
                "IAM Identity Center refused the SSO token for profile '\(profile)' (HTTP \(response.status)): \(login)"
            )
        }
        guard response.status == 200,
            let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let role = object["roleCredentials"] as? [String: Any],
            let key = role["accessKeyId"] as? String, let secret = role["secretAccessKey"] as? String
        else {
            throw CredentialError(
                "IAM Identity Center GetRoleCredentials for \(roleName) in \(accountId) failed (HTTP \(response.status))"
            )
        }
        let expiration = (role["expiration"] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue / 1000) }
        return AWSCredentials(
            accessKeyId: key, secretAccessKey: secret, sessionToken: role["sessionToken"] as? String,
            expiration: expiration)
    }
}
