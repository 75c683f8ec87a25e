// Caches what a provider fetched and fetches again about five minutes before
// the credentials expire (botocore refreshes within its advisory window), so
// a long apply or a REPL session keeps signing with valid credentials.
// Concurrent callers share one fetch. If a refresh fails while the cached
// credentials have not yet expired, the cached ones are still used.

import Foundation
import Logging
import SgshModel

/// The credentials a client signs with, refreshed before they expire.
public actor RefreshingCredentials {
    /// The provider's name (`--debug`, `whoami`).
    public nonisolated let providerName: String
    /// How long before expiry a refresh happens.
    public static let refreshWindow: TimeInterval = 5 * 60
    private let provider: any CredentialProvider
    private let now: @Sendable () -> Date
    private let logger: Logger
    private var cached: AWSCredentials?
    private var inFlight: Task<AWSCredentials, any Error>?

    /// Wraps a provider.
    /// - Parameter now: the clock deciding when to refresh (a fake one in tests).
    public init(
        _ provider: any CredentialProvider, now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "sgsh.credentials")
    ) {
        self.provider = provider
        self.providerName = provider.name
        self.now = now
        self.logger = logger
    }

    /// Long-term credentials that never need a refresh.
    public static func fixed(_ credentials: AWSCredentials, name: String = "explicit") -> RefreshingCredentials {
        RefreshingCredentials(StaticCredentialProvider(name: name, credentials: credentials))
    }

    /// The credentials to sign with now; fetches when there are none or they are about to expire.
    public func current() async throws -> AWSCredentials {
        if let cached, !needsRefresh(cached) { return cached }
        do {
            return try await fetch()
        } catch {
            if let cached, let expiration = cached.expiration, now() < expiration { return cached }
            throw error
        }
    }

    /// Fetches new credentials whatever the cache holds (after an `ExpiredToken` answer).
    @discardableResult public func refresh() async throws -> AWSCredentials {
        cached = nil
        return try await fetch()
    }

    private func needsRefresh(_ credentials: AWSCredentials) -> Bool {
        guard let expiration = credentials.expiration else { return false }
        return now() >= expiration.addingTimeInterval(-Self.refreshWindow)
    }

    private func fetch() async throws -> AWSCredentials {
        if let inFlight { return try await inFlight.value }
        let provider = provider
        let task = Task(executorPreference: PreferredTaskExecutor.current) { try await provider.fetch() }
        inFlight = task
        defer { inFlight = nil }
        let fresh = try await task.value
        cached = fresh
        let until = fresh.expiration.map { " until \(CredentialJSON.iso8601($0))" } ?? ""
        // The key id's last four characters tell keys apart, as the AWS console shows them; the
        // whole id stays out of logs, which get pasted into tickets.
        logger.debug("credentials from \(provider.name) (access key …\(fresh.accessKeyId.suffix(4)))\(until)")
        return fresh
    }
}
