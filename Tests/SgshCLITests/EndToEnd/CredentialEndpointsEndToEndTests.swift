// The credential providers moto does not serve, end to end on the binary
// against loopback servers the test starts (LoopbackHelper.credentialServer):
// IMDSv2 (answering, refusing the token PUT, hanging past the timeout), the
// container endpoint and the IAM Identity Center portal; and web identity
// through moto's AssumeRoleWithWebIdentity (no IAM auth). EC2 and STS are the
// shared moto. Every run is checked for leaked secrets with --debug on.

import Foundation
import Testing

@Suite struct CredentialEndpointsEndToEndTests {
    static func serverSecrets(_ tag: String) -> [String] {
        ["srv-secret-\(tag)-canary", "srv-token-\(tag)-canary"]
    }

    static let missingCredentials =
        "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials), or add aws_access_key_id/aws_secret_access_key to profile 'default' in ~/.aws/credentials, or choose a profile with --profile or AWS_PROFILE"

    /// EC2 and STS on the shared moto; no static keys anywhere.
    static func environment(_ extra: [String: String]) throws -> [String: String] {
        ["AWS_ENDPOINT_URL": try MotoEndToEnd.endpoint(), "AWS_REGION": "us-east-1"].merging(extra) { $1 }
    }

    @Test func instanceMetadataV2AnswersAndTheRunUsesItsRole() async throws {
        let dir = try TemporaryDirectory()
        try await LoopbackHelper.with(script: LoopbackHelper.credentialServer, ["imds"], in: dir) { server in
            let env = try Self.environment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.info["endpoint"]!])
            let result = try await runSgsh(["whoami", "--debug"], environment: env, in: dir)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("credentials  instance metadata (IMDSv2)\n"), "\(result)")
            #expect(result.stderr.contains("credentials from instance metadata (IMDSv2) (access key …IMDS)"))
            let requests = server.requests
            #expect(requests.first?["method"] == "PUT" && requests.first?["path"] == "/latest/api/token")
            #expect(requests.first?["x-aws-ec2-metadata-token-ttl-seconds"] == "21600")
            #expect(
                requests.dropFirst().map { $0["path"] ?? "" } == [
                    "/latest/meta-data/iam/security-credentials/",
                    "/latest/meta-data/iam/security-credentials/web-role",
                ])
            #expect(requests.dropFirst().allSatisfy { $0["x-aws-ec2-metadata-token"] == "imds-session-token-canary" })
            CredentialE2E.expectNoSecrets(result, Self.serverSecrets("imds") + ["imds-session-token-canary"])
        }
    }

    @Test func aRefusedTokenRequestIsReportedAndIMDSv1IsNeverTried() async throws {
        let dir = try TemporaryDirectory()
        try await LoopbackHelper.with(script: LoopbackHelper.credentialServer, ["imds-refuse"], in: dir) { server in
            let env = try Self.environment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.info["endpoint"]!])
            let result = try await runSgsh(
                ["--backend", "aws", "--debug", "-c", "print 1"], environment: env, in: dir)
            #expect(result.status == 1)
            #expect(
                result.stderr.contains(
                    "instance metadata refused the IMDSv2 token request (HTTP 403); sgsh does not use IMDSv1"),
                "\(result)")
            #expect(result.stderr.hasSuffix("sgsh: error: \(Self.missingCredentials)\n"), "\(result)")
            #expect(server.requests.map { $0["method"] ?? "" } == ["PUT"])
        }
    }

    @Test func aHangingInstanceMetadataTimesOutIntoTheMissingCredentialsLine() async throws {
        let dir = try TemporaryDirectory()
        try await LoopbackHelper.with(script: LoopbackHelper.credentialServer, ["imds-hang"], in: dir) { server in
            let env = try Self.environment([
                "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.info["endpoint"]!, "AWS_METADATA_SERVICE_TIMEOUT": "1",
            ])
            let result = try await runSgsh(["--backend", "aws", "-c", "print 1"], environment: env, in: dir)
            #expect(
                result
                    == ProcessResult(
                        stdout: "",
                        stderr: "sgsh: error: \(Self.missingCredentials)\n",
                        status: 1))
            #expect(server.requests.map { $0["method"] ?? "" } == ["PUT"])
        }
    }

    @Test func containerCredentialsSendTheTokenFromItsFile() async throws {
        let dir = try TemporaryDirectory()
        let token = "container-auth-canary-5b2f"
        try await LoopbackHelper.with(script: LoopbackHelper.credentialServer, ["container", token], in: dir) {
            server in
            let tokenFile = try dir.write("pod-token", token + "\n")
            let env = try Self.environment([
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.info["endpoint"]! + "/v1/credentials",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile, "AWS_EC2_METADATA_DISABLED": "true",
            ])
            let result = try await runSgsh(["whoami", "--debug"], environment: env, in: dir)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("credentials  container credentials\n"))
            #expect(server.requests.map { $0["path"] ?? "" } == ["/v1/credentials"])
            #expect(server.requests.first?["authorization"] == token)
            CredentialE2E.expectNoSecrets(result, Self.serverSecrets("container") + [token])

            let plain = try await runSgsh(
                ["whoami"],
                environment: env.merging(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://192.0.2.1/creds"]) { $1 },
                in: dir)
            #expect(plain.status == 1)
            #expect(plain.stderr.contains("AWS_CONTAINER_CREDENTIALS_FULL_URI (must be https, or http to a loopback"))
        }
    }

    static let ssoConfig = """
        [profile dev]
        sso_session = corp
        sso_account_id = 123456789012
        sso_role_name = Admin

        [sso-session corp]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = eu-central-1
        """

    @Test func ssoExchangesTheCachedTokenAndAnExpiredOneSaysToLogIn() async throws {
        let dir = try TemporaryDirectory()
        let token = "sso-access-token-canary-91c"
        try await LoopbackHelper.with(script: LoopbackHelper.credentialServer, ["sso", token], in: dir) { server in
            try CredentialE2E.writeAWSFile("config", Self.ssoConfig, in: dir)
            let cache = ".aws/sso/cache/\(try await CredentialE2E.sha1Hex("corp", in: dir)).json"
            try dir.write(cache, #"{"accessToken": "\#(token)", "expiresAt": "2099-01-01T00:00:00Z"}"#)
            let env = try Self.environment([
                "AWS_ENDPOINT_URL_SSO": server.info["endpoint"]!, "AWS_EC2_METADATA_DISABLED": "true",
            ])
            let result = try await runSgsh(["whoami", "--debug", "--profile", "dev"], environment: env, in: dir)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("credentials  IAM Identity Center (profile dev)\n"))
            #expect(
                server.requests.first?["path"] == "/federation/credentials?role_name=Admin&account_id=123456789012")
            #expect(server.requests.first?["x-amz-sso_bearer_token"] == token)
            CredentialE2E.expectNoSecrets(result, Self.serverSecrets("sso") + [token])

            try dir.write(cache, #"{"accessToken": "\#(token)", "expiresAt": "2020-01-01T00:00:00Z"}"#)
            let expired = try await runSgsh(["whoami", "--profile", "dev"], environment: env, in: dir)
            #expect(
                expired.stderr
                    == "sgsh: error: the IAM Identity Center (SSO) token for profile 'dev' has expired: run 'aws sso login --profile dev'\n",
                "\(expired)")
            #expect(expired.status == 1)
        }
    }

    @Test func webIdentityAssumesTheRoleThroughMoto() async throws {
        let dir = try TemporaryDirectory()
        let token = "eyJweb-identity-token-canary.payload.signature"
        let tokenFile = try dir.write("oidc-token", token)
        let env = try Self.environment([
            "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/GitHubActions",
            "AWS_ROLE_SESSION_NAME": "gha-run-7", "AWS_EC2_METADATA_DISABLED": "true",
        ])
        let result = try await runSgsh(["whoami", "--debug"], environment: env, in: dir)
        #expect(result.status == 0, "\(result)")
        #expect(
            result.stdout.contains("credentials  web identity (role arn:aws:iam::123456789012:role/GitHubActions)\n"))
        #expect(result.stdout.contains("assumed-role/GitHubActions/gha-run-7"), "\(result)")
        #expect(result.stderr.contains("Action=AssumeRoleWithWebIdentity"))
        CredentialE2E.expectNoSecrets(result, [token])
    }
}
