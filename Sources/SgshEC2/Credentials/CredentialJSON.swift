// The JSON shapes credentials arrive in (credential_process, the container
// endpoint, instance metadata) and the timestamps they carry.

import Foundation

enum CredentialJSON {
    /// Reads `{"AccessKeyId", "SecretAccessKey", "Token"|"SessionToken", "Expiration"}`.
    /// - Parameter source: names the source in the error message (never the content).
    static func credentials(_ data: [UInt8], source: String) throws(CredentialError) -> AWSCredentials {
        guard let object = try? JSONSerialization.jsonObject(with: Data(data)) as? [String: Any] else {
            throw CredentialError("\(source) did not answer with a JSON object")
        }
        guard let key = object["AccessKeyId"] as? String, !key.isEmpty,
            let secret = object["SecretAccessKey"] as? String, !secret.isEmpty
        else { throw CredentialError("\(source) answered without AccessKeyId and SecretAccessKey") }
        let token = (object["SessionToken"] as? String) ?? (object["Token"] as? String)
        var expiration: Date?
        if let text = object["Expiration"] as? String {
            guard let date = parseDate(text) else {
                throw CredentialError("\(source) answered an unreadable Expiration '\(text)'")
            }
            expiration = date
        }
        return AWSCredentials(
            accessKeyId: key, secretAccessKey: secret, sessionToken: token?.isEmpty == true ? nil : token,
            expiration: expiration)
    }

    /// ISO 8601 with or without fractional seconds; `…UTC` as older AWS CLIs wrote it.
    static func parseDate(_ text: String) -> Date? {
        var text = text.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("UTC") { text = String(text.dropLast(3)) + "Z" }
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    static func iso8601(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
