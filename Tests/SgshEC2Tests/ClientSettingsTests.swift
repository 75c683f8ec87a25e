// Retry mode, attempts and timeouts as the AWS CLI reads them: environment
// over profile for retries, flags over profile for timeouts, 0 for no limit,
// and a message naming the setting and what it takes for bad values.

import Foundation
import SgshEC2
import Testing

@Suite struct ClientSettingsTests {
    static let files = EC2FileReader.files([
        "/home/u/.aws/config": """
        [default]
        region = us-west-2
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = secret-default

        [profile tuned]
        region = eu-west-1
        aws_access_key_id = AKIDTUNED
        aws_secret_access_key = secret-tuned
        retry_mode = adaptive
        max_attempts = 7
        cli_connect_timeout = 2
        cli_read_timeout = 0.5

        [profile forever]
        region = eu-west-1
        aws_access_key_id = AKIDF
        aws_secret_access_key = secret-f
        cli_read_timeout = 0

        [profile bad]
        region = eu-west-1
        aws_access_key_id = AKIDB
        aws_secret_access_key = secret-b
        retry_mode = fast
        cli_read_timeout = soon
        """
    ])

    func resolve(
        _ env: [String: String] = [:], profile: String? = nil, connect: String? = nil, read: String? = nil
    ) throws -> EC2Configuration {
        try EC2Configuration.resolve(
            context: CredentialContext(environment: ["HOME": "/home/u"].merging(env) { $1 }, files: Self.files),
            profile: profile, connectTimeout: connect, readTimeout: read)
    }

    @Test func defaultsAreStandardModeAndTheDefaultTimeouts() throws {
        let configuration = try resolve()
        #expect(configuration.retryPolicy == RetryPolicy(mode: .standard))
        #expect(configuration.retryPolicy.maxAttempts == 3)
        #expect(configuration.timeouts == TransportTimeouts(connect: .seconds(10), read: .seconds(60)))
    }

    @Test func profileSetsModeAttemptsAndTimeouts() throws {
        let configuration = try resolve(profile: "tuned")
        #expect(configuration.retryPolicy.mode == .adaptive)
        #expect(configuration.retryPolicy.maxAttempts == 7)
        #expect(configuration.timeouts == TransportTimeouts(connect: .seconds(2), read: .milliseconds(500)))
    }

    @Test func environmentWinsForRetriesAndFlagsWinForTimeouts() throws {
        let configuration = try resolve(
            ["AWS_RETRY_MODE": "Legacy", "AWS_MAX_ATTEMPTS": "2"], profile: "tuned", connect: "1", read: "3")
        #expect(configuration.retryPolicy.mode == .legacy)
        #expect(configuration.retryPolicy.maxAttempts == 2)
        #expect(configuration.timeouts == TransportTimeouts(connect: .seconds(1), read: .seconds(3)))
        #expect(try resolve(["AWS_RETRY_MODE": "legacy"]).retryPolicy.maxAttempts == 5)
    }

    @Test func zeroMeansNoLimit() throws {
        #expect(try resolve(profile: "forever").timeouts.read == nil)
        #expect(try resolve(connect: "0").timeouts.connect == nil)
        #expect(try resolve(connect: "0").timeouts.attemptDeadline == nil)
    }

    @Test func badValuesNameTheSettingAndWhatItTakes() {
        #expect(throws: EC2ConfigurationError.self) { try resolve(profile: "bad") }
        #expect(
            throws: EC2ConfigurationError.invalidValue(
                name: "retry_mode", value: "fast", expected: "legacy, standard or adaptive")
        ) { try resolve(profile: "bad") }
        #expect(
            throws: EC2ConfigurationError.invalidValue(
                name: "--read-timeout", value: "-1", expected: "a number of seconds, 0 for no limit")
        ) { try resolve(read: "-1") }
        #expect(
            throws: EC2ConfigurationError.invalidValue(
                name: "max_attempts", value: "zero", expected: "a whole number of at least 1")
        ) { try resolve(["AWS_MAX_ATTEMPTS": "zero"]) }
        let text = EC2ConfigurationError.invalidValue(
            name: "--connect-timeout", value: "x", expected: "a number of seconds, 0 for no limit"
        ).description
        #expect(text == "invalid --connect-timeout 'x': give a number of seconds, 0 for no limit")
    }

    @Test func durationsPrintAsSeconds() {
        #expect(TransportTimeouts.text(.seconds(60)) == "60 s")
        #expect(TransportTimeouts.text(.milliseconds(500)) == "0.5 s")
        #expect(TransportTimeouts.text(nil) == "no limit")
        #expect(TransportTimeouts.defaults.description == "connect 10 s, read 60 s")
    }
}
