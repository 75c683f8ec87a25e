// The production transport: one shared async-http-client HTTPClient (so
// connections are pooled and reused across calls), TLS by default via the
// URL scheme, connect and read timeouts on the client and a whole-attempt
// deadline per call. Every failure without a response becomes
// `EC2ClientError.transport` with a reason in words (TransportFailureReason).
//
// The client (and the event loop threads under it) is made at the first
// request, not with the transport: a run that sends nothing (`-c 'print 1'`,
// a script with an error, credentials from the environment that need no STS)
// never pays for it.

import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// An `HTTPTransport` backed by async-http-client.
public final class AsyncHTTPTransport: HTTPTransport {
    /// The client once made; nil before the first request.
    private let made = Mutex<HTTPClient?>(nil)
    private let makeClient: @Sendable () -> HTTPClient
    private let timeouts: TransportTimeouts
    private let attemptDeadline: Duration?
    private let maxResponseBytes: Int
    private let ownsClient: Bool
    private let logger: Logger?

    /// Creates the transport and its client.
    /// - Parameters:
    ///   - timeouts: the connect timeout, and the read timeout (no bytes for that long ends the
    ///     attempt); one attempt in all is bounded by `timeouts.attemptDeadline`.
    ///   - logger: where the network library's own error text goes (`--debug`).
    public init(timeouts: TransportTimeouts = .defaults, maxResponseBytes: Int = 64 << 20, logger: Logger? = nil) {
        makeClient = { HTTPClient(eventLoopGroupProvider: .singleton, configuration: Self.configuration(timeouts)) }
        self.timeouts = timeouts
        attemptDeadline = timeouts.attemptDeadline
        self.maxResponseBytes = maxResponseBytes
        self.logger = logger
        ownsClient = true
    }

    /// The client configuration: the timeouts, no redirects, and no silent reconnect loop: the
    /// retry policy decides about retries (with backoff, quota and a message), while the
    /// pool's own loop would make a refused connection wait out the whole connect timeout
    /// before failing (issue 17).
    private static func configuration(_ timeouts: TransportTimeouts) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(
            connect: timeouts.connect.map { .nanoseconds($0.nanoseconds) } ?? .hours(24),
            read: timeouts.read.map { .nanoseconds($0.nanoseconds) })
        configuration.redirectConfiguration = .disallow
        configuration.connectionPool.retryConnectionEstablishment = false
        // No spans: sgsh bootstraps no tracer, and the no-op tracer's span around each request
        // still cost 0.24 M instructions a request (a task-local scope; 8.4 M in a 35-call apply).
        configuration.tracing.tracer = nil
        return configuration
    }

    /// The process-wide client of credential requests; never shut down, like `HTTPClient.shared`.
    private static let credentialClient = HTTPClient(
        eventLoopGroupProvider: .singleton, configuration: configuration(.defaults))

    /// Creates the transport with a connect timeout and a read timeout.
    public convenience init(connectTimeout: Duration, requestTimeout: Duration, maxResponseBytes: Int = 64 << 20) {
        self.init(
            timeouts: TransportTimeouts(connect: connectTimeout, read: requestTimeout),
            maxResponseBytes: maxResponseBytes)
    }

    /// A transport over one process-wide client, for the few
    /// credential requests (STS, SSO, container, instance metadata) that are made before
    /// or beside the main transport; it needs no shutdown.
    public init(sharedWithRequestTimeout requestTimeout: Duration = .seconds(30), maxResponseBytes: Int = 1 << 20) {
        makeClient = { Self.credentialClient }
        timeouts = .defaults
        attemptDeadline = requestTimeout
        self.maxResponseBytes = maxResponseBytes
        self.logger = nil
        ownsClient = false
    }

    /// The client, made at the first call.
    private var client: HTTPClient {
        made.withLock { made in
            if let client = made { return client }
            let client = makeClient()
            made = client
            return client
        }
    }

    public func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        outgoing.body = .bytes(request.body)
        // A request's own deadline (instance metadata: 1 s) is shorter than the transport's.
        let deadline = request.timeout ?? attemptDeadline
        do {
            let response = try await client.execute(
                outgoing, timeout: deadline.map { .nanoseconds($0.nanoseconds) } ?? .hours(24))
            let body = try await response.body.collect(upTo: maxResponseBytes)
            return HTTPTransportResponse(
                status: Int(response.status.code), headers: response.headers.map { (name: $0.name, value: $0.value) },
                body: Array(body.readableBytesView))
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as HTTPClientError where error == .cancelled {
            throw CancellationError()
        } catch {
            logger?.debug("\(request.method) \(request.url) failed: \(String(reflecting: error))")
            let reason = TransportFailureReason(error, timeouts: timeouts, deadline: deadline)
            throw EC2ClientError.transport(reason.text, isTimeout: reason.isTimeout)
        }
    }

    public func shutdown() async throws {
        // A client never made has nothing to close.
        guard ownsClient, let client = made.withLock({ $0 }) else { return }
        try await client.shutdown()
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
