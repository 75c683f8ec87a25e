// The production transport: one shared async-http-client HTTPClient (so
// connections are pooled and reused across calls), TLS by default via the
// URL scheme, a connect timeout on the client and a whole-request deadline per
// call. Every failure without a response becomes `EC2ClientError.transport`.

import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// An `HTTPTransport` backed by async-http-client.
public final class AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    private let requestTimeout: TimeAmount
    private let maxResponseBytes: Int
    private let ownsClient: Bool

    /// Creates the transport and its client.
    /// - Parameters:
    ///   - connectTimeout: how long to wait for a TCP/TLS connection.
    ///   - requestTimeout: how long one attempt may take in all, including the body.
    public init(
        connectTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(60),
        maxResponseBytes: Int = 64 << 20
    ) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(
            connect: .nanoseconds(Int64(connectTimeout.nanoseconds)),
            read: .nanoseconds(Int64(requestTimeout.nanoseconds)))
        configuration.redirectConfiguration = .disallow
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.requestTimeout = .nanoseconds(Int64(requestTimeout.nanoseconds))
        self.maxResponseBytes = maxResponseBytes
        ownsClient = true
    }

    /// A transport over async-http-client's process-wide shared client, for the few
    /// credential requests (STS, SSO, container, instance metadata) that are made before
    /// or beside the main transport; it needs no shutdown.
    public init(sharedWithRequestTimeout requestTimeout: Duration = .seconds(30), maxResponseBytes: Int = 1 << 20) {
        client = HTTPClient.shared
        self.requestTimeout = .nanoseconds(Int64(requestTimeout.nanoseconds))
        self.maxResponseBytes = maxResponseBytes
        ownsClient = false
    }

    public func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        outgoing.body = .bytes(request.body)
        do {
            let timeout = request.timeout.map { TimeAmount.nanoseconds(Int64($0.nanoseconds)) } ?? requestTimeout
            let response = try await client.execute(outgoing, timeout: timeout)
            let body = try await response.body.collect(upTo: maxResponseBytes)
            return HTTPTransportResponse(
                status: Int(response.status.code), headers: response.headers.map { (name: $0.name, value: $0.value) },
                body: Array(body.readableBytesView))
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as HTTPClientError {
            let isTimeout = error == .connectTimeout || error == .readTimeout || error == .deadlineExceeded
            throw EC2ClientError.transport(String(describing: error), isTimeout: isTimeout)
        } catch {
            throw EC2ClientError.transport(String(describing: error), isTimeout: false)
        }
    }

    public func shutdown() async throws {
        guard ownsClient else { return }
        try await client.shutdown()
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
