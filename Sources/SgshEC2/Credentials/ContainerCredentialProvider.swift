// Container credentials (ECS tasks, EKS Pod Identity):
// AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is a path on 169.254.170.2;
// AWS_CONTAINER_CREDENTIALS_FULL_URI is any URL botocore allows — https, or
// http to a loopback address or the ECS/EKS link-local hosts — so a
// credential request never leaves the machine in clear text. The
// Authorization header comes from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE
// (read on every fetch) or AWS_CONTAINER_AUTHORIZATION_TOKEN.

import Foundation

struct ContainerCredentialProvider: CredentialProvider {
    let name = "container credentials"
    let url: String
    let context: CredentialContext

    /// Hosts a plain-http full URI may name (botocore's ContainerMetadataFetcher).
    static let allowedHTTPHosts: Set<String> = [
        "localhost", "169.254.170.2", "169.254.170.23", "[fd00:ec2::23]", "[::1]",
    ]

    /// The URL from the environment, or nil when neither variable is set.
    /// - Throws: when a full URI is plain http to a host outside the allowed ones.
    static func url(context: CredentialContext) throws(EC2ConfigurationError) -> String? {
        if let relative = context.env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            return "http://169.254.170.2" + (relative.hasPrefix("/") ? relative : "/" + relative)
        }
        guard let full = context.env("AWS_CONTAINER_CREDENTIALS_FULL_URI") else { return nil }
        if full.hasPrefix("https://"), EC2Endpoint.host(of: full)?.isEmpty == false { return full }
        guard full.hasPrefix("http://"), let host = EC2Endpoint.host(of: full)?.lowercased(),
            allowedHTTPHosts.contains(host) || host.hasPrefix("127.")
        else {
            throw .invalidSetting(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI (must be https, or http to a loopback or ECS/EKS link-local host)",
                full)
        }
        return full
    }

    func fetch() async throws -> AWSCredentials {
        var headers: [(name: String, value: String)] = [(name: "Accept", value: "application/json")]
        if let file = context.env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            guard let token = context.files.read(file)?.trimmingCharacters(in: .whitespacesAndNewlines) else {
                throw CredentialError("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(file)")
            }
            headers.append((name: "Authorization", value: token))
        } else if let token = context.env("AWS_CONTAINER_AUTHORIZATION_TOKEN") {
            headers.append((name: "Authorization", value: token))
        }
        let response: HTTPTransportResponse
        do {
            response = try await context.transport.send(
                HTTPTransportRequest(method: "GET", url: url, headers: headers, body: [], timeout: .seconds(5)))
        } catch {
            throw CredentialError(
                "cannot reach the container credentials endpoint \(url): \(EC2ClientError.reason(of: error))")
        }
        context.logger.debug("container credentials \(url): HTTP \(response.status)")
        guard response.status == 200 else {
            throw CredentialError("the container credentials endpoint \(url) answered HTTP \(response.status)")
        }
        return try CredentialJSON.credentials(response.body, source: "the container credentials endpoint")
    }
}
