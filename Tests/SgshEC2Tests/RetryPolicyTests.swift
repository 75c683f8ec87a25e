// Standard-mode retry decisions against botocore's table, plus the retry
// quota and the retry loop with injected randomness and sleeping.

import Foundation
import SgshEC2
import Synchronization
import Testing

@Suite struct RetryPolicyTests {
    struct File: Decodable {
        struct Quota: Decodable {
            var initial_capacity: Int
            var retry_cost: Int
            var timeout_retry_cost: Int
            var no_retry_increment: Int
        }
        var max_attempts_default: Int
        var max_delay_by_attempt: [String: Double]
        var retry_quota: Quota
        var throttling_error_codes: [String]
        var transient_error_codes: [String]
        var transient_status_codes: [Int]
        var cases: [Case]
    }
    struct Case: Decodable {
        var http_status: Int
        var error_code: String?
        var retryable_by_attempt: [String: Bool]
        var is_throttling_code: Bool
    }

    static func file() throws -> File { try Vectors.json(File.self, "golden/retry-standard-classification.json") }

    @Test func goldenHasAllThirtyThreeCases() throws {
        #expect(try Self.file().cases.count == 33)
    }

    @Test(arguments: 0..<33)
    func goldenCaseClassifiesAsBotocore(_ index: Int) throws {
        let file = try Self.file()
        try #require(index < file.cases.count)
        let golden = file.cases[index]
        let policy = RetryPolicy()
        let failure = RetryableFailure.service(httpStatus: golden.http_status, code: golden.error_code)
        #expect(golden.retryable_by_attempt.count == 3)
        for (attempt, expected) in golden.retryable_by_attempt {
            let number = try #require(Int(attempt))
            #expect(
                policy.shouldRetry(failure, attempt: number) == expected,
                "\(golden.http_status) \(golden.error_code ?? "nil") attempt \(attempt)")
        }
        #expect(RetryPolicy.isThrottling(code: golden.error_code) == golden.is_throttling_code)
    }

    @Test func goldenConstantsMatch() throws {
        let file = try Self.file()
        #expect(RetryPolicy().maxAttempts == file.max_attempts_default)
        #expect(RetryPolicy.throttlingCodes == Set(file.throttling_error_codes))
        #expect(RetryPolicy.transientCodes == Set(file.transient_error_codes))
        #expect(RetryPolicy.transientStatuses == Set(file.transient_status_codes))
        #expect(RetryQuota.initialCapacity == file.retry_quota.initial_capacity)
        #expect(RetryQuota.retryCost == file.retry_quota.retry_cost)
        #expect(RetryQuota.timeoutRetryCost == file.retry_quota.timeout_retry_cost)
        #expect(RetryQuota.noRetryIncrement == file.retry_quota.no_retry_increment)
        for (attempt, cap) in file.max_delay_by_attempt {
            let number = try #require(Int(attempt))
            #expect(RetryPolicy().delay(afterAttempt: number, random: 1.0) == cap, "attempt \(attempt)")
            #expect(RetryPolicy().delay(afterAttempt: number, random: 0.25) == cap * 0.25)
        }
    }

    @Test func connectionErrorsRetryButNotOnTheLastAttempt() {
        let policy = RetryPolicy()
        #expect(policy.shouldRetry(.connection(isTimeout: false), attempt: 1))
        #expect(policy.shouldRetry(.connection(isTimeout: true), attempt: 2))
        #expect(!policy.shouldRetry(.connection(isTimeout: true), attempt: 3))
    }

    @Test func quotaChargesRetriesAndRefundsSuccesses() {
        let quota = RetryQuota()
        #expect(quota.acquire(after: .service(httpStatus: 503, code: "RequestLimitExceeded")) == 5)
        #expect(quota.available == 495)
        #expect(quota.acquire(after: .connection(isTimeout: true)) == 10)
        #expect(quota.available == 485)
        quota.release(lastRetryCost: 10)
        #expect(quota.available == 495)
        quota.release(lastRetryCost: nil)
        #expect(quota.available == 496)
        quota.release(lastRetryCost: 5)
        quota.release(lastRetryCost: 5)
        #expect(quota.available == 500)  // never above the initial capacity
    }

    @Test func exhaustedQuotaStopsRetrying() {
        let quota = RetryQuota()
        for _ in 0..<100 { _ = quota.acquire(after: .service(httpStatus: 500, code: nil)) }
        #expect(quota.available == 0)
        #expect(quota.acquire(after: .service(httpStatus: 500, code: nil)) == nil)
        let small = RetryQuota(capacity: 9)
        #expect(small.acquire(after: .connection(isTimeout: true)) == nil)
        #expect(small.acquire(after: .connection(isTimeout: false)) == 5)
    }
}

@Suite struct RetryingExecutorTests {
    struct Failure: Error, Equatable { let status: Int; let code: String? }
    static func classify(_ error: any Error) -> RetryableFailure? {
        (error as? Failure).map { .service(httpStatus: $0.status, code: $0.code) }
    }

    final class Recorder: Sendable {
        let delays = Mutex<[Double]>([])
        let attempts = Mutex<[Int]>([])
    }

    func executor(_ recorder: Recorder, quota: RetryQuota = RetryQuota()) -> RetryingExecutor {
        RetryingExecutor(
            quota: quota, random: { 0.5 }, sleep: { seconds in recorder.delays.withLock { $0.append(seconds) } })
    }

    @Test func throttledRequestIsRetriedTwiceWithJitteredBackoff() async {
        let recorder = Recorder()
        let quota = RetryQuota()
        await #expect(throws: Failure(status: 503, code: "RequestLimitExceeded")) {
            try await executor(recorder, quota: quota).run(classify: Self.classify) { attempt -> Int in
                recorder.attempts.withLock { $0.append(attempt) }
                throw Failure(status: 503, code: "RequestLimitExceeded")
            }
        }
        #expect(recorder.attempts.withLock { $0 } == [1, 2, 3])
        #expect(recorder.delays.withLock { $0 } == [0.5, 1.0])
        #expect(quota.available == 490)
    }

    @Test func clientErrorIsNotRetried() async {
        let recorder = Recorder()
        await #expect(throws: Failure(status: 400, code: "InvalidPermission.Duplicate")) {
            try await executor(recorder).run(classify: Self.classify) { attempt -> Int in
                recorder.attempts.withLock { $0.append(attempt) }
                throw Failure(status: 400, code: "InvalidPermission.Duplicate")
            }
        }
        #expect(recorder.attempts.withLock { $0 } == [1])
        #expect(recorder.delays.withLock { $0 }.isEmpty)
    }

    @Test func successAfterRetryRefundsItsCost() async throws {
        let recorder = Recorder()
        let quota = RetryQuota()
        let value = try await executor(recorder, quota: quota).run(classify: Self.classify) { attempt -> Int in
            recorder.attempts.withLock { $0.append(attempt) }
            if attempt == 1 { throw Failure(status: 500, code: "InternalError") }
            return 42
        }
        #expect(value == 42)
        #expect(recorder.attempts.withLock { $0 } == [1, 2])
        #expect(quota.available == 500)
    }

    @Test func emptyQuotaReturnsTheFirstError() async {
        let recorder = Recorder()
        let quota = RetryQuota(capacity: 4)
        await #expect(throws: Failure(status: 503, code: nil)) {
            try await executor(recorder, quota: quota).run(classify: Self.classify) { attempt -> Int in
                recorder.attempts.withLock { $0.append(attempt) }
                throw Failure(status: 503, code: nil)
            }
        }
        #expect(recorder.attempts.withLock { $0 } == [1])
    }
}
