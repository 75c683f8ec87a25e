// The seam between the EC2 client and the network.
//
// The client builds, signs and retries plain request values; a transport only
// moves bytes. Production uses `AsyncHTTPTransport`; tests use a transport
// that records requests and returns canned responses or faults.

/// An HTTP request as the transport sends it.
public struct HTTPTransportRequest: Sendable {
    /// `POST`.
    public var method: String
    /// The full URL (`https://ec2.eu-west-1.amazonaws.com/`).
    public var url: String
    /// Headers in order, including the signed Host header.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: [UInt8]

    /// Creates a request.
    public init(method: String, url: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }
}

/// An HTTP response as the transport received it.
public struct HTTPTransportResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The headers.
    public var headers: [(name: String, value: String)]
    /// The whole body.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Sends HTTP requests. Implementations throw `EC2ClientError.transport` when no
/// response arrived (so the retry policy can tell connection errors apart).
public protocol HTTPTransport: Sendable {
    /// Sends one request and returns the complete response.
    func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse
    /// Releases connections and threads; the transport is unusable afterwards.
    func shutdown() async throws
}
