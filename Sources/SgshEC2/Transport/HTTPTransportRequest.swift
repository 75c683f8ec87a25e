/// An HTTP request as the transport sends it.
public struct HTTPTransportRequest: Sendable {
    /// `POST`, `GET` or `PUT`.
    public var method: String
    /// The full URL (`https://ec2.eu-west-1.amazonaws.com/`).
    public var url: String
    /// Headers in order, including the signed Host header.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: [UInt8]
    /// A deadline for this request shorter than the transport's own (instance metadata: 1 s).
    public var timeout: Duration?

    /// Creates a request.
    public init(
        method: String, url: String, headers: [(name: String, value: String)], body: [UInt8], timeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }
}
