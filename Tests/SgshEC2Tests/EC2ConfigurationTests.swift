// Credential, region and endpoint resolution from an environment dictionary
// and in-memory ~/.aws files.

import Foundation
import SgshEC2
import Testing

@Suite struct EC2ConfigurationTests {
    static let home = ["HOME": "/home/u"]
    static let credentialsPath = "/home/u/.aws/credentials"
    static let configPath = "/home/u/.aws/config"
    static let files = EC2FileReader.files([
        credentialsPath: """
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = secret-default

        # a comment
        [dev]
        aws_access_key_id=AKIDDEV
        aws_secret_access_key=secret-dev
        aws_session_token = token-dev
        """,
        configPath: """
        [default]
        region = us-west-2

        [profile dev]
        region = eu-central-1
        s3 =
          max_concurrent_requests = 2

        [profile cfgonly]
        aws_access_key_id = AKIDCFG
        aws_secret_access_key = secret-cfg
        region = ap-south-1
        endpoint_url = http://127.0.0.1:4566

        [profile noregion]
        aws_access_key_id = AKIDNR
        aws_secret_access_key = secret-nr
        """,
    ])

    func resolve(
        _ env: [String: String], profile: String? = nil, region: String? = nil, endpoint: String? = nil,
        files: EC2FileReader = EC2ConfigurationTests.files
    ) throws -> EC2Configuration {
        try EC2Configuration.resolve(
            environment: Self.home.merging(env) { $1 }, profile: profile, region: region, endpointURL: endpoint,
            fileSystem: files)
    }

    @Test func environmentCredentialsAndRegion() async throws {
        let config = try resolve([
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "secret-env", "AWS_SESSION_TOKEN": "tok",
            "AWS_REGION": "eu-west-1",
        ])
        #expect(
            try await config.credentials.current()
                == AWSCredentials(accessKeyId: "AKIDENV", secretAccessKey: "secret-env", sessionToken: "tok"))
        #expect(config.region == "eu-west-1")
        #expect(config.endpoint == "https://ec2.eu-west-1.amazonaws.com/")
        #expect(!config.isCustomEndpoint)
        #expect(config.credentialSource == "environment")
        #expect(config.description == "aws:eu-west-1")
    }

    @Test func defaultProfileFromFiles() async throws {
        let config = try resolve([:])
        #expect(try await config.credentials.current().accessKeyId == "AKIDDEFAULT")
        #expect(try await config.credentials.current().sessionToken == nil)
        #expect(config.region == "us-west-2")
        #expect(config.profile == "default")
    }

    @Test func awsProfileSelectsCredentialsAndConfigSection() async throws {
        let config = try resolve(["AWS_PROFILE": "dev"])
        #expect(
            try await config.credentials.current()
                == AWSCredentials(accessKeyId: "AKIDDEV", secretAccessKey: "secret-dev", sessionToken: "token-dev"))
        #expect(config.region == "eu-central-1")
        #expect(config.credentialSource.contains("profile dev"))
    }

    @Test func environmentKeysWinOverAwsProfileButNotOverExplicitProfile() async throws {
        let env = ["AWS_PROFILE": "dev", "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "s"]
        #expect(try await resolve(env).credentials.current().accessKeyId == "AKIDENV")
        #expect(try await resolve(env, profile: "dev").credentials.current().accessKeyId == "AKIDDEV")
    }

    @Test func credentialsFromConfigFileProfile() async throws {
        let config = try resolve([:], profile: "cfgonly")
        #expect(try await config.credentials.current().accessKeyId == "AKIDCFG")
        #expect(config.region == "ap-south-1")
        #expect(config.endpoint == "http://127.0.0.1:4566/")
        #expect(config.isCustomEndpoint)
    }

    @Test func regionPrecedence() throws {
        #expect(try resolve(["AWS_REGION": "r1", "AWS_DEFAULT_REGION": "r2"], region: "r0").region == "r0")
        #expect(try resolve(["AWS_REGION": "r1", "AWS_DEFAULT_REGION": "r2"]).region == "r1")
        #expect(try resolve(["AWS_DEFAULT_REGION": "r2"]).region == "r2")
        #expect(try resolve([:]).region == "us-west-2")
        #expect(try resolve(["AWS_REGION": "cn-north-1"]).endpoint == "https://ec2.cn-north-1.amazonaws.com.cn/")
    }

    @Test func endpointPrecedence() throws {
        let env = ["AWS_ENDPOINT_URL_EC2": "http://127.0.0.1:5001", "AWS_ENDPOINT_URL": "http://127.0.0.1:5002/"]
        #expect(try resolve(env, endpoint: "http://127.0.0.1:5000").endpoint == "http://127.0.0.1:5000/")
        #expect(try resolve(env).endpoint == "http://127.0.0.1:5001/")
        #expect(try resolve(["AWS_ENDPOINT_URL": "http://127.0.0.1:5002/"]).endpoint == "http://127.0.0.1:5002/")
        #expect(throws: EC2ConfigurationError.invalidEndpoint("127.0.0.1:5000")) {
            try resolve([:], endpoint: "127.0.0.1:5000")
        }
    }

    @Test func customFilePathsFromEnvironment() async throws {
        let files = EC2FileReader.files(["/tmp/creds": "[default]\naws_access_key_id=A\naws_secret_access_key=B\n"])
        let config = try resolve(["AWS_SHARED_CREDENTIALS_FILE": "/tmp/creds", "AWS_REGION": "x"], files: files)
        #expect(try await config.credentials.current().accessKeyId == "A")
    }

    @Test func missingCredentialsNamesWhatToSet() throws {
        #expect(throws: EC2ConfigurationError.missingCredentials(profile: "default")) {
            try resolve(["AWS_REGION": "eu-west-1", "AWS_EC2_METADATA_DISABLED": "true"], files: .files([:]))
        }
        // Without the switch, instance metadata is the last resort (CredentialChainTests).
        #expect(
            try resolve(["AWS_REGION": "eu-west-1"], files: .files([:])).credentialSource.contains("instance metadata"))
        let text = EC2ConfigurationError.missingCredentials(profile: "default").description
        #expect(
            text.contains("AWS_ACCESS_KEY_ID") && text.contains("AWS_SECRET_ACCESS_KEY") && text.contains("--profile"))
    }

    @Test func missingRegionNamesWhatToSet() {
        #expect(throws: EC2ConfigurationError.missingRegion(profile: "noregion")) {
            try resolve([:], profile: "noregion")
        }
        let text = EC2ConfigurationError.missingRegion(profile: "noregion").description
        #expect(text.contains("--region") && text.contains("AWS_REGION"))
    }

    @Test func unknownOrIncompleteProfilesAreErrors() {
        #expect(throws: EC2ConfigurationError.self) { try resolve([:], profile: "nope") }
        #expect(throws: EC2ConfigurationError.self) { try resolve(["AWS_PROFILE": "nope"]) }
        #expect(
            throws: EC2ConfigurationError.incompleteCredentials(
                "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        ) {
            try resolve(["AWS_ACCESS_KEY_ID": "A"])
        }
    }

    @Test func maxAttemptsFromEnvironment() throws {
        #expect(try resolve(["AWS_MAX_ATTEMPTS": "5"]).retryPolicy.maxAttempts == 5)
        #expect(try resolve([:]).retryPolicy.maxAttempts == 3)
        #expect(throws: EC2ConfigurationError.self) { try resolve(["AWS_MAX_ATTEMPTS": "zero"]) }
    }

    @Test func localReaderReadsRealFiles() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sgsh-ec2-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n".write(
            to: directory.appendingPathComponent(".aws/credentials"), atomically: true, encoding: .utf8)
        let config = try EC2Configuration.resolve(
            environment: ["HOME": directory.path, "AWS_REGION": "eu-west-1"], fileSystem: .local)
        #expect(try await config.credentials.current().accessKeyId == "AKIDFILE")
        #expect(EC2FileReader.local.read(directory.appendingPathComponent("missing").path) == nil)
    }

    @Test func localReaderReadsALargeFileWholeAndAFolderAsAbsent() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sgsh-ec2-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // More than one read's worth (16 KiB), with a multi-byte character across the reads.
        let text = (0..<3_000).map { "[profile p\($0)]\nregion = eu-west-1 é\n" }.joined()
        let file = directory.appendingPathComponent("config")
        try text.write(to: file, atomically: true, encoding: .utf8)
        #expect(EC2FileReader.local.read(file.path) == text)
        #expect(EC2FileReader.local.read(directory.path) == nil)
    }

    @Test func descriptionNeverShowsSecrets() throws {
        let config = try resolve(["AWS_PROFILE": "dev"])
        #expect(!"\(config)".contains("secret-dev") && !"\(config)".contains("token-dev"))
    }
}
