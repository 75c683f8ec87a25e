// Keeps secrets out of --debug output: the Authorization and session-token
// headers are replaced wholesale, and any text logged is scrubbed of the
// secret key and session token in case a service or proxy echoes them.

import Foundation

/// Redacts credentials from what the backend logs.
struct LogRedactor: Sendable {
    private let secrets: [String]

    init(credentials: AWSCredentials?) {
        self.init(secrets: [credentials?.secretAccessKey, credentials?.sessionToken].compactMap { $0 })
    }

    /// Redacts any strings (a web-identity token, an SSO access token) besides keys.
    init(secrets: [String]) {
        self.secrets = secrets.filter { $0.count >= 4 }
    }

    static let redactedHeaders: Set<String> = ["authorization", "x-amz-security-token"]

    /// One `Name: value` line per header, secrets replaced by `<redacted>`.
    func headers(_ headers: [(name: String, value: String)]) -> String {
        headers.map { header in
            Self.redactedHeaders.contains(header.name.lowercased())
                ? "\(header.name): <redacted>" : "\(header.name): \(scrub(header.value))"
        }.joined(separator: "\n")
    }

    /// The text with every occurrence of a secret replaced by `<redacted>`.
    func scrub(_ text: String) -> String {
        var out = text
        for secret in secrets where out.contains(secret) { out = out.replacingAll(secret, with: "<redacted>") }
        // The body is form-encoded, so a secret could also appear percent-encoded.
        for secret in secrets {
            let encoded = SigV4Signer.percentEncode(secret, keepSlash: false)
            if encoded != secret, out.contains(encoded) { out = out.replacingAll(encoded, with: "<redacted>") }
        }
        return out
    }
}
