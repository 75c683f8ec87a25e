// A run with --debug against moto logs every request and response, and never
// the secret key, the session token or the request signature.

import Foundation
import Testing

@Suite struct SecretRedactionEndToEndTests {
    static let secretKey = "sgshCanarySecretKey/7f3b9c2e4d6a8b0c1e3f5a7b9d"
    static let sessionToken = "sgshCanarySessionToken+IQoJb3JpZ2luX2VjEHoaCXVzLWVhc3QtMSJGMEQCIF9canary=="

    @Test func debugOutputHasTheRequestsButNoSecrets() async throws {
        let endpoint = try MotoEndToEnd.endpoint()
        let dir = try TemporaryDirectory()
        let name = "debug-\(MotoEndToEnd.uniqueSuffix())"
        let environment = [
            "AWS_ACCESS_KEY_ID": "AKIASGSHCANARY000001", "AWS_SECRET_ACCESS_KEY": Self.secretKey,
            "AWS_SESSION_TOKEN": Self.sessionToken, "AWS_REGION": "us-east-1",
        ]
        let result = try await runSgsh(
            [
                "--backend", "aws", "--debug", "--endpoint-url", endpoint, "-c",
                "let g = sg create \"\(name)\" \"debug run\"\nsg $g ingress allow tcp 22 from 10.0.0.0/8 \"ssh\"",
            ], environment: environment, in: dir)
        #expect(result.status == 0, "\(result)")

        // The debug log shows the requests and responses...
        for action in ["DescribeSecurityGroups", "CreateSecurityGroup", "AuthorizeSecurityGroupIngress"] {
            #expect(result.stderr.contains("Action=\(action)&"), "no \(action) request logged")
        }
        #expect(result.stderr.contains("<CreateSecurityGroupResponse"))
        #expect(result.stderr.contains("Authorization: <redacted>"))

        // ...and no secret, nor a piece of one, nor the signature.
        let output = result.stdout + result.stderr
        for secret in [Self.secretKey, Self.sessionToken] {
            #expect(!output.contains(secret))
            #expect(!output.contains(String(secret.prefix(24))))
            #expect(!output.contains(String(secret.suffix(24))))
            // Percent-encoded, as a form body or query would carry it.
            let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? secret
            #expect(!output.contains(encoded))
        }
        #expect(!output.contains("Signature="))
        // A SigV4 signature is 64 hex digits; no such run appears anywhere.
        #expect(output.firstMatch(of: /[0-9a-f]{64}/) == nil)
    }
}
