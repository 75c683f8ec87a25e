// The seam between the EC2 client and the network.
//
// The client builds, signs and retries plain request values; a transport only
// moves bytes. Production uses `AsyncHTTPTransport`; tests use a transport
// that records requests and returns canned responses or faults.

/// Sends HTTP requests. Implementations throw `EC2ClientError.transport` when no
/// response arrived (so the retry policy can tell connection errors apart).
public protocol HTTPTransport: Sendable {
    /// Sends one request and returns the complete response.
    func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse
    /// Releases connections and threads; the transport is unusable afterwards.
    func shutdown() async throws
}
