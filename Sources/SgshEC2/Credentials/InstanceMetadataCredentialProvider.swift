// EC2 instance role credentials, IMDSv2 only: PUT /latest/api/token with a
// TTL header, then the role name and the role's credentials with the token.
// A refused token request is never followed by IMDSv1: it is reported when a
// profile's credential_source asked for instance metadata, and logged under
// --debug when instance metadata was only the chain's last resort.
// Timeouts are short (AWS_METADATA_SERVICE_TIMEOUT, 1 s by default) so a
// laptop without instance metadata does not hang; when instance metadata is
// only the chain's last resort and does not answer at all, the result is the
// usual "no AWS credentials found" line.

import Foundation

struct InstanceMetadataCredentialProvider: CredentialProvider {
    let name = "instance metadata (IMDSv2)"
    /// The profile named in the "no credentials" message.
    let profile: String
    /// True when a profile's credential_source asked for it (then every failure is reported as such).
    let explicit: Bool
    let context: CredentialContext

    /// The endpoint: AWS_EC2_METADATA_SERVICE_ENDPOINT or the link-local address.
    var endpoint: String {
        let url = context.env("AWS_EC2_METADATA_SERVICE_ENDPOINT") ?? "http://169.254.169.254"
        return url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    var timeout: Duration {
        let seconds = context.env("AWS_METADATA_SERVICE_TIMEOUT").flatMap(Double.init) ?? 1
        return .milliseconds(Int64(max(seconds, 0.1) * 1000))
    }

    /// AWS_EC2_METADATA_DISABLED=true turns the provider off.
    static func isDisabled(_ context: CredentialContext) -> Bool {
        context.env("AWS_EC2_METADATA_DISABLED")?.lowercased() == "true"
    }

    func fetch() async throws -> AWSCredentials {
        let tokenResponse = try await send(
            "PUT", "/latest/api/token", [(name: "X-aws-ec2-metadata-token-ttl-seconds", value: "21600")])
        guard tokenResponse.status == 200, !tokenResponse.body.isEmpty else {
            let refusal =
                "instance metadata refused the IMDSv2 token request (HTTP \(tokenResponse.status)); sgsh does not use IMDSv1"
            context.logger.debug("\(refusal)")
            // As the chain's last resort, a refusal means "no credentials here" (botocore returns none too).
            throw explicit ? CredentialError(refusal) : CredentialError.none(profile: profile)
        }
        let token = [(name: "X-aws-ec2-metadata-token", value: String(decoding: tokenResponse.body, as: UTF8.self))]
        let roles = try await send("GET", "/latest/meta-data/iam/security-credentials/", token)
        let role = String(decoding: roles.body, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init)
        guard roles.status == 200, let role, !role.isEmpty else {
            throw CredentialError("instance metadata has no IAM role for this instance (HTTP \(roles.status))")
        }
        let credentials = try await send("GET", "/latest/meta-data/iam/security-credentials/\(role)", token)
        guard credentials.status == 200 else {
            throw CredentialError(
                "instance metadata did not give the credentials of role \(role) (HTTP \(credentials.status))")
        }
        return try CredentialJSON.credentials(credentials.body, source: "instance metadata")
    }

    private func send(_ method: String, _ path: String, _ headers: [(name: String, value: String)]) async throws
        -> HTTPTransportResponse
    {
        do {
            let response = try await context.transport.send(
                HTTPTransportRequest(method: method, url: endpoint + path, headers: headers, body: [], timeout: timeout)
            )
            context.logger.debug("instance metadata \(method) \(path): HTTP \(response.status)")
            return response
        } catch {
            context.logger.debug("instance metadata \(method) \(path): \(error)")
            if explicit {
                throw CredentialError(
                    "instance metadata at \(endpoint) did not answer: \(EC2ClientError.reason(of: error))")
            }
            throw CredentialError.none(profile: profile)
        }
    }
}
