// The default credential chain: which provider answers for which settings, in
// botocore's order, and what each provider sends (over a recording transport,
// with in-memory files, a fake clock and injected prompt and process runner).

import Foundation
import Logging
import SgshEC2
import Testing

@Suite struct CredentialChainTests {
    static let home = "/home/u"

    static func context(
        _ env: [String: String], files: [String: String] = [:],
        transport: RecordingTransport = RecordingTransport(
            responses: []), clock: FakeClock = FakeClock(), prompt: (@Sendable (String) -> String?)? = nil,
        runProcess: @escaping @Sendable (String) async throws -> ProcessOutput = { _ in
            ProcessOutput(status: 127, stdout: [], stderr: "not in this test")
        }, logger: Logger = Logger(label: "t")
    ) -> CredentialContext {
        CredentialContext(
            environment: ["HOME": home, "AWS_REGION": "eu-west-1"].merging(env) { $1 }, files: .files(files),
            transport: transport, now: clock.function, prompt: prompt, runProcess: runProcess, logger: logger)
    }

    static func resolve(_ context: CredentialContext, profile: String? = nil) throws -> EC2Configuration {
        try EC2Configuration.resolve(context: context, profile: profile)
    }

    static let roleChainConfig = """
        [profile admin]
        role_arn = arn:aws:iam::111111111111:role/Admin
        source_profile = jump
        role_session_name = admin-session
        external_id = ext-42
        duration_seconds = 1800

        [profile jump]
        role_arn = arn:aws:iam::222222222222:role/Jump
        source_profile = base

        [profile loop-a]
        role_arn = arn:aws:iam::1:role/A
        source_profile = loop-b

        [profile loop-b]
        role_arn = arn:aws:iam::1:role/B
        source_profile = loop-a

        [profile mfa]
        role_arn = arn:aws:iam::1:role/Mfa
        source_profile = base
        mfa_serial = arn:aws:iam::1:mfa/me

        [profile from-env]
        role_arn = arn:aws:iam::1:role/FromEnv
        credential_source = Environment
        """

    static let baseCredentials = "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n"

    static var roleFiles: [String: String] {
        ["\(home)/.aws/config": roleChainConfig, "\(home)/.aws/credentials": baseCredentials]
    }

    @Test func twoStepRoleChainSignsEachStepWithThePreviousCredentials() async throws {
        let transport = RecordingTransport { request, index in
            STSFake.credentialsXML("AssumeRole", key: index == 0 ? "ASIAJUMP" : "ASIAADMIN")
        }
        let config = try Self.resolve(Self.context([:], files: Self.roleFiles, transport: transport), profile: "admin")
        #expect(config.credentialSource.hasPrefix("assume-role (profile admin"))
        let credentials = try await config.credentials.current()
        #expect(credentials.accessKeyId == "ASIAADMIN")
        #expect(credentials.expiration == CredentialTestDates.year2099)
        let requests = transport.requests
        try #require(requests.count == 2)
        #expect(requests[0].formPairs["RoleArn"] == "arn:aws:iam::222222222222:role/Jump")
        #expect(requests[0].signingKeyId == "AKIDBASE")
        #expect(requests[0].url == "https://sts.eu-west-1.amazonaws.com/")
        #expect(requests[1].formPairs["RoleArn"] == "arn:aws:iam::111111111111:role/Admin")
        #expect(requests[1].signingKeyId == "ASIAJUMP")
        #expect(requests[1].formPairs["RoleSessionName"] == "admin-session")
        #expect(requests[1].formPairs["ExternalId"] == "ext-42")
        #expect(requests[1].formPairs["DurationSeconds"] == "1800")
        #expect(requests[1].formPairs["Version"] == "2011-06-15")
        #expect(requests[1].header("Authorization")?.contains("/eu-west-1/sts/aws4_request") == true)
    }

    @Test func sourceProfileCyclesAreRefused() {
        #expect(throws: EC2ConfigurationError.self) {
            try Self.resolve(Self.context([:], files: Self.roleFiles), profile: "loop-a")
        }
        do {
            _ = try Self.resolve(Self.context([:], files: Self.roleFiles), profile: "loop-a")
        } catch {
            #expect("\(error)".contains("loop-a -> loop-b -> loop-a"), "\(error)")
        }
    }

    @Test func mfaWithoutATerminalRefusesClearly() async throws {
        let transport = RecordingTransport(responses: [STSFake.credentialsXML("AssumeRole", key: "ASIAMFA")])
        let config = try Self.resolve(Self.context([:], files: Self.roleFiles, transport: transport), profile: "mfa")
        await #expect(throws: CredentialError.self) { try await config.credentials.current() }
        do {
            _ = try await config.credentials.current()
        } catch {
            #expect("\(error)".contains("no terminal") && "\(error)".contains("arn:aws:iam::1:mfa/me"), "\(error)")
        }
        #expect(transport.requests.isEmpty)
    }

    @Test func mfaCodeFromThePromptIsSentAndNotLogged() async throws {
        let log = CapturedLog()
        let transport = RecordingTransport(responses: [STSFake.credentialsXML("AssumeRole", key: "ASIAMFA")])
        let context = Self.context(
            [:], files: Self.roleFiles, transport: transport, prompt: { _ in "123456" }, logger: log.logger())
        let config = try Self.resolve(context, profile: "mfa")
        #expect(try await config.credentials.current().accessKeyId == "ASIAMFA")
        #expect(transport.requests.first?.formPairs["SerialNumber"] == "arn:aws:iam::1:mfa/me")
        #expect(transport.requests.first?.formPairs["TokenCode"] == "123456")
        #expect(!log.text.contains("123456") && !log.text.contains("base-secret") && !log.text.contains("token-of-"))
        #expect(log.text.contains("credentials from assume-role"))
    }

    @Test func credentialSourceEnvironmentSignsWithEnvironmentKeys() async throws {
        let transport = RecordingTransport(responses: [STSFake.credentialsXML("AssumeRole", key: "ASIAENV")])
        let context = Self.context(
            ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "s"], files: Self.roleFiles,
            transport: transport)
        let config = try Self.resolve(context, profile: "from-env")
        #expect(try await config.credentials.current().accessKeyId == "ASIAENV")
        #expect(transport.requests.first?.signingKeyId == "AKIDENV")
    }

    @Test func webIdentityFromTheEnvironmentIsUnsignedAndTheTokenIsRedacted() async throws {
        let log = CapturedLog()
        let transport = RecordingTransport(responses: [
            STSFake.credentialsXML("AssumeRoleWithWebIdentity", key: "ASIAWEB")
        ])
        let context = Self.context(
            [
                "AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/token", "AWS_ROLE_ARN": "arn:aws:iam::3:role/CI",
                "AWS_ROLE_SESSION_NAME": "gha",
            ], files: ["/var/run/token": "eyJ-web-identity-canary\n"], transport: transport, logger: log.logger())
        let config = try Self.resolve(context)
        #expect(config.credentialSource == "web identity (role arn:aws:iam::3:role/CI)")
        #expect(try await config.credentials.current().accessKeyId == "ASIAWEB")
        let request = try #require(transport.requests.first)
        #expect(request.header("Authorization") == nil)
        #expect(request.formPairs["WebIdentityToken"] == "eyJ-web-identity-canary")
        #expect(request.formPairs["RoleSessionName"] == "gha")
        #expect(log.text.contains("AssumeRoleWithWebIdentity"))
        #expect(!log.text.contains("eyJ-web-identity-canary") && !log.text.contains("secret-of-ASIAWEB"))
    }

    @Test func webIdentityWinsOverStaticKeysInFilesButNotOverEnvironmentKeys() throws {
        let env = ["AWS_WEB_IDENTITY_TOKEN_FILE": "/t", "AWS_ROLE_ARN": "arn:aws:iam::3:role/CI"]
        let files = ["\(Self.home)/.aws/credentials": "[default]\naws_access_key_id=A\naws_secret_access_key=B\n"]
        #expect(try Self.resolve(Self.context(env, files: files)).credentialSource.hasPrefix("web identity"))
        let withKeys = env.merging(["AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "S"]) { $1 }
        #expect(try Self.resolve(Self.context(withKeys, files: files)).credentialSource == "environment")
    }

    static let ssoConfig = """
        [profile dev]
        sso_session = corp
        sso_account_id = 123456789012
        sso_role_name = Admin
        region = eu-west-1

        [sso-session corp]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = eu-central-1

        [profile legacy]
        sso_start_url = https://legacy.awsapps.com/start
        sso_region = us-east-1
        sso_account_id = 210987654321
        sso_role_name = ReadOnly
        """

    /// The AWS CLI's cache-file name, computed independently (Python's hashlib).
    static func sha1Hex(_ text: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", "import hashlib,sys; print(hashlib.sha1(sys.argv[1].encode()).hexdigest())", text,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try? process.run()
        process.waitUntilExit()
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func ssoExchangesTheCachedTokenAtThePortal() async throws {
        let clock = FakeClock()
        let cache = "\(Self.home)/.aws/sso/cache/\(Self.sha1Hex("corp")).json"
        let transport = RecordingTransport { _, _ in
            HTTPTransportResponse(
                status: 200,
                body: Array(
                    #"{"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"sso-secret","sessionToken":"sso-token","expiration":1700003600000}}"#
                        .utf8))
        }
        let files = [
            "\(Self.home)/.aws/config": Self.ssoConfig,
            cache: #"{"accessToken": "sso-access-canary", "expiresAt": "2099-01-01T00:00:00Z"}"#,
        ]
        let config = try Self.resolve(
            Self.context([:], files: files, transport: transport, clock: clock), profile: "dev")
        #expect(config.credentialSource == "IAM Identity Center (profile dev)")
        let credentials = try await config.credentials.current()
        #expect(credentials.accessKeyId == "ASIASSO")
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_700_003_600))
        let request = try #require(transport.requests.first)
        #expect(request.method == "GET")
        #expect(
            request.url
                == "https://portal.sso.eu-central-1.amazonaws.com/federation/credentials?role_name=Admin&account_id=123456789012"
        )
        #expect(request.header("x-amz-sso_bearer_token") == "sso-access-canary")
    }

    @Test func ssoWithoutOrWithAnExpiredTokenSaysToLogIn() async throws {
        let cache = "\(Self.home)/.aws/sso/cache/\(Self.sha1Hex("https://legacy.awsapps.com/start")).json"
        for files in [
            ["\(Self.home)/.aws/config": Self.ssoConfig],
            [
                "\(Self.home)/.aws/config": Self.ssoConfig,
                cache: #"{"accessToken": "old", "expiresAt": "2020-01-01T00:00:00UTC"}"#,
            ],
        ] {
            let config = try Self.resolve(Self.context([:], files: files), profile: "legacy")
            do {
                _ = try await config.credentials.current()
                Issue.record("expected an SSO login message")
            } catch {
                #expect("\(error)".contains("run 'aws sso login --profile legacy'"), "\(error)")
            }
        }
    }

    @Test func credentialProcessIsRunAndItsFailureReportsStatusAndStderrButNotStdout() async throws {
        let files = [
            "\(Self.home)/.aws/config": "[profile tool]\ncredential_process = /opt/get-creds --role x\n"
        ]
        let good = Self.context(
            [:], files: files,
            runProcess: { command in
                #expect(command == "/opt/get-creds --role x")
                return ProcessOutput(
                    status: 0,
                    stdout: Array(
                        #"{"Version": 1, "AccessKeyId": "ASIAPROC", "SecretAccessKey": "proc-secret", "SessionToken": "proc-token", "Expiration": "2099-01-01T00:00:00Z"}"#
                            .utf8), stderr: "")
            })
        let config = try Self.resolve(good, profile: "tool")
        #expect(config.credentialSource == "credential_process (profile tool)")
        let credentials = try await config.credentials.current()
        #expect(credentials.accessKeyId == "ASIAPROC" && credentials.expiration == CredentialTestDates.year2099)

        let bad = Self.context(
            [:], files: files,
            runProcess: { _ in
                ProcessOutput(status: 3, stdout: Array("proc-secret-on-stdout".utf8), stderr: "token expired, log in\n")
            })
        do {
            _ = try await Self.resolve(bad, profile: "tool").credentials.current()
            Issue.record("expected a failure")
        } catch {
            let text = "\(error)"
            #expect(text.contains("exited with status 3") && text.contains("token expired, log in"), "\(text)")
            #expect(!text.contains("proc-secret-on-stdout"))
        }
    }

    @Test func containerFullURIMustBeHTTPSOrLoopback() throws {
        for allowed in ["http://127.0.0.1:8080/creds", "https://creds.example.com/x", "http://169.254.170.23/v1"] {
            let config = try Self.resolve(Self.context(["AWS_CONTAINER_CREDENTIALS_FULL_URI": allowed]))
            #expect(config.credentialSource == "container credentials")
        }
        #expect(throws: EC2ConfigurationError.self) {
            try Self.resolve(Self.context(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://example.com/creds"]))
        }
    }

    @Test func containerSendsTheAuthorizationTokenFromItsFile() async throws {
        let transport = RecordingTransport { _, _ in
            HTTPTransportResponse(
                status: 200,
                body: Array(
                    #"{"AccessKeyId":"ASIACTR","SecretAccessKey":"c","Token":"t","Expiration":"2099-01-01T00:00:00Z"}"#
                        .utf8))
        }
        let context = Self.context(
            [
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "/var/run/pod-token",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": "ignored",
            ], files: ["/var/run/pod-token": "pod-token-canary\n"], transport: transport)
        #expect(try await Self.resolve(context).credentials.current().accessKeyId == "ASIACTR")
        let request = try #require(transport.requests.first)
        #expect(request.url == "http://169.254.170.2/v2/credentials/abc")
        #expect(request.header("Authorization") == "pod-token-canary")
    }

    @Test func instanceMetadataUsesIMDSv2AndRefusesIMDSv1() async throws {
        let transport = RecordingTransport { request, _ in
            switch (request.method, request.url) {
            case ("PUT", "http://127.0.0.1:1/latest/api/token"):
                #expect(request.header("X-aws-ec2-metadata-token-ttl-seconds") == "21600")
                return HTTPTransportResponse(status: 200, body: Array("imds-token".utf8))
            case ("GET", "http://127.0.0.1:1/latest/meta-data/iam/security-credentials/"):
                #expect(request.header("X-aws-ec2-metadata-token") == "imds-token")
                return HTTPTransportResponse(status: 200, body: Array("web-role\n".utf8))
            case ("GET", "http://127.0.0.1:1/latest/meta-data/iam/security-credentials/web-role"):
                return HTTPTransportResponse(
                    status: 200,
                    body: Array(
                        #"{"Code":"Success","AccessKeyId":"ASIAIMDS","SecretAccessKey":"i","Token":"t","Expiration":"2099-01-01T00:00:00Z"}"#
                            .utf8))
            default:
                return HTTPTransportResponse(status: 404, body: [])
            }
        }
        let env = ["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:1"]
        let config = try Self.resolve(Self.context(env, transport: transport))
        #expect(config.credentialSource == "instance metadata (IMDSv2)")
        #expect(try await config.credentials.current().accessKeyId == "ASIAIMDS")
        #expect(transport.requests.allSatisfy { $0.timeout == .seconds(1) })

        let refusing = RecordingTransport(responses: [HTTPTransportResponse(status: 403, body: [])])
        let refused = try Self.resolve(Self.context(env, transport: refusing))
        do {
            _ = try await refused.credentials.current()
            Issue.record("expected a refusal")
        } catch {
            #expect(
                "\(error)".hasPrefix("no AWS credentials found"),
                "as the last resort a refusal is no credentials: \(error)")
        }
        #expect(refusing.requests.count == 1)
    }

    @Test func stsEndpointPrecedence() throws {
        let keys = ["AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "S"]
        #expect(try Self.resolve(Self.context(keys)).stsEndpoint == "https://sts.eu-west-1.amazonaws.com/")
        #expect(
            try Self.resolve(Self.context(keys.merging(["AWS_ENDPOINT_URL": "http://127.0.0.1:9"]) { $1 }))
                .stsEndpoint == "http://127.0.0.1:9/")
        #expect(
            try Self.resolve(
                Self.context(
                    keys.merging([
                        "AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_ENDPOINT_URL_STS": "http://127.0.0.1:8",
                    ]) {
                        $1
                    })
            ).stsEndpoint == "http://127.0.0.1:8/")
    }
}

enum CredentialTestDates {
    static let year2099 = ISO8601DateFormatter().date(from: "2099-01-01T00:00:00Z")
}
