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
