// Legacy and adaptive retry modes against botocore as the reference
// (Fixtures/golden/gen-retry-modes.py): legacy mode's decisions per status,
// code and attempt; the adaptive limiter replayed over three traces on a fake
// clock; and the retry loop in adaptive mode waiting for tokens after
// throttling.

import Foundation
import SgshModel
import Synchronization
import Testing

@testable import SgshEC2

@Suite struct LegacyRetryModeTests {
    struct File: Decodable {
        struct Case: Decodable {
            var http_status: Int
            var error_code: String?
            var retryable_by_attempt: [String: Bool]
        }
        var max_attempts_default: Int
        var cases: [Case]
        var connection_error_retryable_by_attempt: [String: Bool]
        var delay_with_random_one_by_attempt: [String: Double]
    }

    static func file() throws -> File { try Vectors.json(File.self, "golden/retry-legacy-classification.json") }

    @Test func everyCaseDecidesAsBotocore() throws {
        let file = try Self.file()
        let policy = RetryPolicy(mode: .legacy)
        #expect(policy.maxAttempts == file.max_attempts_default)
        #expect(file.cases.count == 41)
        for golden in file.cases {
            let failure = RetryableFailure.service(httpStatus: golden.http_status, code: golden.error_code)
            for (attempt, expected) in golden.retryable_by_attempt {
                #expect(
                    policy.shouldRetry(failure, attempt: try #require(Int(attempt))) == expected,
                    "\(golden.http_status) \(golden.error_code ?? "nil") attempt \(attempt)")
            }
        }
        for (attempt, expected) in file.connection_error_retryable_by_attempt {
            #expect(policy.shouldRetry(.connection(isTimeout: false), attempt: try #require(Int(attempt))) == expected)
        }
    }

    @Test func backoffDoublesWithoutACap() throws {
        let policy = RetryPolicy(mode: .legacy)
        for (attempt, delay) in try Self.file().delay_with_random_one_by_attempt {
            #expect(policy.delay(afterAttempt: try #require(Int(attempt)), random: 1) == delay)
        }
        #expect(RetryPolicy(mode: .standard).delay(afterAttempt: 7, random: 1) == 20)
    }

    @Test func legacyModeSpendsNoRetryQuota() async {
        let quota = RetryQuota(capacity: 4)
        let attempts = Mutex(0)
        let executor = RetryingExecutor(
            policy: RetryPolicy(mode: .legacy), quota: quota, random: { 0 }, sleep: { _ in })
        await #expect(throws: RetryingExecutorTests.Failure(status: 503, code: "RequestLimitExceeded")) {
            try await executor.run(classify: RetryingExecutorTests.classify) { _ -> Int in
                attempts.withLock { $0 += 1 }
                throw RetryingExecutorTests.Failure(status: 503, code: "RequestLimitExceeded")
            }
        }
        #expect(attempts.withLock { $0 } == 5)
        #expect(quota.available == 4)
    }
}

/// A clock tests move by hand; sleeping moves it.
final class SecondsClock: Sendable {
    private let time = Mutex(0.0)
    var now: Double { time.withLock { $0 } }
    func set(_ value: Double) { time.withLock { $0 = value } }
    func advance(_ seconds: Double) { time.withLock { $0 += seconds } }
}

@Suite struct AdaptiveRateLimiterTests {
    struct File: Decodable {
        struct Trace: Decodable {
            var name: String
            var events: [Event]
        }
        struct Event: Decodable {
            var kind: String
            var t: Double
            var wait: Double?
            var throttled: Bool?
            var measured: Double?
            var allowed: Double?
            var enabled: Bool?
        }
        var traces: [Trace]
    }

    static func file() throws -> File { try Vectors.json(File.self, "golden/retry-adaptive-limiter.json") }

    @Test(arguments: 0..<3)
    func replaysBotocoreTrace(_ index: Int) throws {
        let traces = try Self.file().traces
        try #require(traces.count == 3)
        let trace = traces[index]
        let clock = SecondsClock()
        let limiter = AdaptiveRateLimiter(now: { clock.now })
        var throttles = 0
        for (number, event) in trace.events.enumerated() {
            clock.set(event.t)
            let context = "\(trace.name), event \(number) at \(event.t)"
            if event.kind == "send" {
                var waited = 0.0
                while let wait = limiter.requestToken() {
                    waited += wait
                    clock.advance(wait)
                }
                // Within two minimum waits: where the capacity lands a rounding error below one
                // token, one side may take one extra 1 µs step.
                #expect(abs(waited - (event.wait ?? -1)) < 2.5e-6, "\(context): waited \(waited)")
            } else {
                let throttled = try #require(event.throttled)
                if throttled { throttles += 1 }
                limiter.record(throttled: throttled)
                #expect(abs(limiter.measuredRate - (event.measured ?? -1)) < 1e-6, "\(context): measured")
                #expect(abs(limiter.allowedRate - (event.allowed ?? -1)) < 1e-6, "\(context): allowed")
                #expect(limiter.isEnabled == event.enabled, "\(context)")
            }
        }
        // The traces are only worth replaying if they exercise what they are named after.
        #expect((throttles > 0) == (index > 0))
    }

    @Test func offUntilTheFirstThrottlingThenItMakesRequestsWait() {
        let clock = SecondsClock()
        let limiter = AdaptiveRateLimiter(now: { clock.now })
        for step in 0..<10 {
            clock.set(Double(step) * 0.1)
            #expect(limiter.requestToken() == nil)
            limiter.record(throttled: false)
        }
        #expect(!limiter.isEnabled)
        clock.set(1.0)
        limiter.record(throttled: true)
        #expect(limiter.isEnabled)
        // The bucket starts empty at the reduced rate: the next request waits for a token.
        let wait = limiter.requestToken()
        #expect(wait != nil && wait! > 0)
        #expect(limiter.allowedRate < 10)
    }
}

@Suite struct AdaptiveRetryingExecutorTests {
    @Test func throttlingSlowsTheFollowingRequestsDown() async throws {
        let clock = SecondsClock()
        let sleeps = Mutex<[Double]>([])
        let executor = RetryingExecutor(
            policy: RetryPolicy(mode: .adaptive), random: { 0 },
            sleep: { seconds in
                sleeps.withLock { $0.append(seconds) }
                clock.advance(seconds)
            },
            rateLimiter: AdaptiveRateLimiter(now: { clock.now }))
        // Ten quick successes: no waiting while nothing was throttled.
        for _ in 0..<10 {
            clock.advance(0.05)
            _ = try await executor.run(classify: RetryingExecutorTests.classify) { _ in 1 }
        }
        #expect(sleeps.withLock { $0 }.isEmpty)
        // One throttling answer, retried at once (random 0), and the retry waits for a token.
        let attempts = Mutex(0)
        clock.advance(0.05)
        _ = try await executor.run(classify: RetryingExecutorTests.classify) { _ -> Int in
            let attempt = attempts.withLock {
                $0 += 1; return $0
            }
            if attempt == 1 { throw RetryingExecutorTests.Failure(status: 503, code: "RequestLimitExceeded") }
            return 1
        }
        #expect(attempts.withLock { $0 } == 2)
        #expect(executor.rateLimiter?.isEnabled == true)
        let waitedAfterThrottle = sleeps.withLock { $0.reduce(0, +) }
        #expect(waitedAfterThrottle > 0)
        // Ten more requests now take at least ten tokens' worth of time at the reduced rate.
        let start = clock.now
        for _ in 0..<10 { _ = try await executor.run(classify: RetryingExecutorTests.classify) { _ in 1 } }
        let rate = try #require(executor.rateLimiter?.allowedRate)
        #expect(clock.now - start >= 9 / max(rate, 1) * 0.5)
        #expect(clock.now - start > 0.5)
    }

    @Test func otherModesHaveNoLimiter() {
        #expect(RetryingExecutor(policy: RetryPolicy(mode: .standard)).rateLimiter == nil)
        #expect(RetryingExecutor(policy: RetryPolicy(mode: .legacy)).rateLimiter == nil)
        #expect(RetryingExecutor(policy: RetryPolicy(mode: .adaptive)).rateLimiter != nil)
    }
}

/// AWS_RETRY_MODE reaches the backend a command opens: its retry loop is the mode's.
@Suite struct RetryModeWiringTests {
    static func backend(_ environment: [String: String], transport: RecordingTransport) throws -> EC2Backend {
        let configuration = try EC2Configuration.resolve(
            context: CredentialContext(
                environment: [
                    "AWS_ACCESS_KEY_ID": "AKIDWIRE", "AWS_SECRET_ACCESS_KEY": "wire-secret", "AWS_REGION": "eu-west-1",
                    "AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "AWS_MAX_ATTEMPTS": "1",
                ].merging(environment) { $1 }, files: .files([:])))
        return EC2Backend(configuration: configuration, transport: transport)
    }

    @Test func adaptiveModeSwitchesTheLimiterOnAtTheFirstThrottling() async throws {
        let transport = RecordingTransport(responses: [RecordingTransport.error(503, "RequestLimitExceeded")])
        let backend = try Self.backend(["AWS_RETRY_MODE": "adaptive"], transport: transport)
        let limiter = try #require(backend.executor.rateLimiter)
        #expect(!limiter.isEnabled)
        await #expect(throws: BackendError.self) { _ = try await backend.describeSecurityGroups(.all) }
        #expect(transport.requests.count == 1)
        #expect(limiter.isEnabled)
    }

    @Test func standardAndLegacyModesHaveNoLimiter() throws {
        let transport = RecordingTransport(responses: [RecordingTransport.ok("DescribeSecurityGroups", "")])
        #expect(try Self.backend([:], transport: transport).executor.rateLimiter == nil)
        let legacy = try Self.backend(["AWS_RETRY_MODE": "legacy", "AWS_MAX_ATTEMPTS": ""], transport: transport)
        #expect(legacy.executor.rateLimiter == nil)
        #expect(legacy.executor.policy == RetryPolicy(mode: .legacy))
    }
}
