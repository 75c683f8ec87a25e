// credential_process: runs the profile's command and reads the JSON it prints
// (Version 1; Expiration honoured, so it runs again before then). On failure
// the exit code and the process's stderr are reported; its stdout, which may
// hold a secret, never is.

import Foundation

struct ProcessCredentialProvider: CredentialProvider {
    let name: String
    let profile: String
    let command: String
    let context: CredentialContext

    func fetch() async throws -> AWSCredentials {
        let output: ProcessOutput
        do {
            output = try await context.runProcess(command)
        } catch {
            throw CredentialError("cannot run credential_process of profile '\(profile)': \(error)")
        }
        let source = "credential_process of profile '\(profile)'"
        guard output.status == 0 else {
            let stderr = output.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            throw CredentialError(
                "\(source) exited with status \(output.status)" + (stderr.isEmpty ? "" : ": \(stderr.prefix(2_000))"))
        }
        if let object = try? JSONSerialization.jsonObject(with: Data(output.stdout)) as? [String: Any] {
            guard (object["Version"] as? NSNumber)?.intValue == 1 else {
                throw CredentialError("\(source) printed JSON without \"Version\": 1")
            }
        }
        return try CredentialJSON.credentials(output.stdout, source: source)
    }
}
