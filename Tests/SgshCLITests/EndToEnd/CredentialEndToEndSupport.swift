// Shared pieces of the credential end-to-end tests: ~/.aws files in the
// test's HOME, a secret canary check, and an independent boto3 reader of the
// group names on the IAM-authenticated moto.

import Foundation
import Testing

enum CredentialE2E {
    /// Writes `~/.aws/<name>` under the test's HOME.
    static func writeAWSFile(_ name: String, _ text: String, in dir: TemporaryDirectory) throws {
        try FileManager.default.createDirectory(atPath: dir.path(".aws/sso/cache"), withIntermediateDirectories: true)
        try dir.write(".aws/\(name)", text)
    }

    /// Fails when any secret (or a 24-character piece of one) shows in the run's output.
    static func expectNoSecrets(
        _ result: ProcessResult, _ secrets: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let output = result.stdout + result.stderr
        for secret in secrets where !secret.isEmpty {
            #expect(!output.contains(secret), "a secret leaked: \(result)", sourceLocation: sourceLocation)
            if secret.count > 24 {
                #expect(!output.contains(String(secret.prefix(24))), sourceLocation: sourceLocation)
            }
        }
        #expect(output.firstMatch(of: /[0-9a-f]{64}/) == nil, "a signature leaked", sourceLocation: sourceLocation)
    }

    /// The hex SHA-1 the AWS CLI names SSO cache files by, computed by Python's hashlib.
    static func sha1Hex(_ text: String, in dir: TemporaryDirectory) async throws -> String {
        let result = try await startProcess(
            "/usr/bin/env",
            ["python3", "-c", "import hashlib,sys; print(hashlib.sha1(sys.argv[1].encode()).hexdigest())", text],
            environment: MotoEndToEnd.pythonEnvironment, in: dir
        ).finished()
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The security-group names on a moto, read with boto3 and the given keys (not sgsh).
    static func groupNames(endpoint: String, key: String, secret: String, in dir: TemporaryDirectory) async throws
        -> Set<String>
    {
        let script = """
            import sys, boto3
            ec2 = boto3.client("ec2", endpoint_url=sys.argv[1], region_name="us-east-1",
                               aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3])
            print("\\n".join(g["GroupName"] for g in ec2.describe_security_groups()["SecurityGroups"]))
            """
        let result = try await startProcess(
            "/usr/bin/env", ["python3", "-c", script, endpoint, key, secret],
            environment: MotoEndToEnd.pythonEnvironment, in: dir
        ).finished()
        guard result.status == 0 else { throw MotoEndToEnd.ReaderFailed(result: result) }
        return Set(result.stdout.split(separator: "\n").map(String.init))
    }
}
