// Credentials that expire during a run: refreshed about five minutes before
// expiry (fake clock), and an ExpiredToken answer triggers exactly one
// refresh and one more try.

import Foundation
import SgshEC2
import SgshModel
import Testing

@Suite struct RefreshingCredentialsTests {
    @Test func credentialsAreReusedUntilFiveMinutesBeforeExpiryThenRefreshed() async throws {
        let clock = FakeClock()
        let provider = CountingProvider(clock: clock)
        let credentials = RefreshingCredentials(provider, now: clock.function)
        #expect(try await credentials.current().accessKeyId == "ASIA1")
        clock.advance(3600 - 301)
        #expect(try await credentials.current().accessKeyId == "ASIA1")
        clock.advance(2)
        #expect(try await credentials.current().accessKeyId == "ASIA2")
        #expect(provider.fetches == 2)
    }

    @Test func aBackendRefreshesBetweenCallsWhenTheClockPassesTheWindow() async throws {
        let clock = FakeClock()
        let provider = CountingProvider(clock: clock)
        let configuration = EC2Configuration(
            credentials: RefreshingCredentials(provider, now: clock.function), region: "eu-west-1",
            endpoint: "http://127.0.0.1:5000", profile: nil, retryPolicy: RetryPolicy(),
            stsEndpoint: "http://127.0.0.1:5000/", context: CredentialContext(environment: [:], files: .files([:])))
        let transport = RecordingTransport(responses: [
            RecordingTransport.ok("DeleteSecurityGroup", "<return>true</return>")
        ])
        let backend = EC2Backend(
            configuration: configuration, transport: transport,
            executor: RetryingExecutor(random: { 0 }, sleep: { _ in }), now: clock.function)
        try await backend.deleteSecurityGroup(groupId: "sg-1", dryRun: false)
        clock.advance(3500)
        try await backend.deleteSecurityGroup(groupId: "sg-2", dryRun: false)
        #expect(transport.requests.map(\.signingKeyId) == ["ASIA1", "ASIA2"])
        #expect(transport.requests.map { $0.header("X-Amz-Security-Token") } == ["token-1", "token-2"])
    }

    @Test func expiredTokenTriggersOneRefreshAndOneRetry() async throws {
        let clock = FakeClock()
        let provider = CountingProvider(clock: clock)
        let configuration = EC2Configuration(
            credentials: RefreshingCredentials(provider, now: clock.function), region: "eu-west-1",
            endpoint: "http://127.0.0.1:5000", profile: nil, retryPolicy: RetryPolicy(),
            stsEndpoint: "http://127.0.0.1:5000/", context: CredentialContext(environment: [:], files: .files([:])))
        let transport = RecordingTransport(responses: [
            RecordingTransport.error(400, "ExpiredToken"),
            RecordingTransport.ok("DeleteSecurityGroup", "<return>true</return>"),
        ])
        let backend = EC2Backend(
            configuration: configuration, transport: transport,
            executor: RetryingExecutor(random: { 0 }, sleep: { _ in }), now: clock.function)
        try await backend.deleteSecurityGroup(groupId: "sg-1", dryRun: false)
        #expect(transport.requests.map(\.signingKeyId) == ["ASIA1", "ASIA2"])

        // A second ExpiredToken after the refresh is reported, not retried again.
        let always = RecordingTransport(responses: [RecordingTransport.error(400, "ExpiredToken")])
        let stuck = EC2Backend(
            configuration: configuration, transport: always,
            executor: RetryingExecutor(random: { 0 }, sleep: { _ in }), now: clock.function)
        await expectBackendError("ExpiredToken", BackendError.category(forCode: "ExpiredToken")) {
            try await stuck.deleteSecurityGroup(groupId: "sg-1", dryRun: false)
        }
        #expect(always.requests.count == 2)
    }
}
