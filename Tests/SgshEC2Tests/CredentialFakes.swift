// Fakes for credential tests: a clock that tests move, canned STS answers,
// and a context over in-memory files and a recording transport.

import Foundation
import SgshEC2
import Synchronization

final class FakeClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_700_000_000)) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    var function: @Sendable () -> Date { { self.now } }
}

/// Counts fetches and answers credentials that expire an hour after the clock's now.
final class CountingProvider: CredentialProvider {
    let name = "counting"
    let clock: FakeClock
    private let count = Mutex(0)
    init(clock: FakeClock) { self.clock = clock }
    var fetches: Int { count.withLock { $0 } }
    func fetch() async throws -> AWSCredentials {
        let n = count.withLock { value in
            value += 1
            return value
        }
        return AWSCredentials(
            accessKeyId: "ASIA\(n)", secretAccessKey: "secret-\(n)", sessionToken: "token-\(n)",
            expiration: clock.now.addingTimeInterval(3600))
    }
}

enum STSFake {
    static func credentialsXML(_ action: String, key: String, expiration: String = "2099-01-01T00:00:00Z")
        -> HTTPTransportResponse
    {
        HTTPTransportResponse(
            status: 200,
            body: Array(
                """
                <\(action)Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><\(action)Result>
                <Credentials><AccessKeyId>\(key)</AccessKeyId><SecretAccessKey>secret-of-\(key)</SecretAccessKey>
                <SessionToken>token-of-\(key)</SessionToken><Expiration>\(expiration)</Expiration></Credentials>
                </\(action)Result></\(action)Response>
                """.utf8))
    }

    static func callerIdentity(account: String, arn: String) -> HTTPTransportResponse {
        HTTPTransportResponse(
            status: 200,
            body: Array(
                "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>\(arn)</Arn><UserId>AID</UserId><Account>\(account)</Account></GetCallerIdentityResult></GetCallerIdentityResponse>"
                    .utf8))
    }
}

extension HTTPTransportRequest {
    /// The access key id in the SigV4 Authorization header, if signed.
    var signingKeyId: String? {
        guard let authorization = header("Authorization"), let range = authorization.range(of: "Credential=") else {
            return nil
        }
        return String(authorization[range.upperBound...].prefix { $0 != "/" })
    }
}
