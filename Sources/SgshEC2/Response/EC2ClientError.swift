/// A failure of the client itself rather than of the service.
public enum EC2ClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The request could not be sent or no response arrived (connect, read, TLS).
    case transport(String, isTimeout: Bool)
    /// A 2xx response whose body could not be read.
    case malformedResponse(action: String, detail: String)

    public var description: String {
        switch self {
        case .transport(let detail, _): "could not reach EC2: \(detail)"
        case .malformedResponse(let action, let detail): "unreadable \(action) response: \(detail)"
        }
    }
}
