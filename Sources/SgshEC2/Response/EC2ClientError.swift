/// A failure of the client itself rather than of the service.
public enum EC2ClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The request could not be sent or no response arrived (connect, read, TLS).
    case transport(String, isTimeout: Bool)
    /// No attempt got a response from a service endpoint: the last attempt's reason, how many were made.
    case unreachable(service: String, endpoint: String, reason: String, isTimeout: Bool, attempts: Int)
    /// A 2xx response whose body could not be read.
    case malformedResponse(action: String, detail: String)

    public var description: String {
        switch self {
        case .transport(let detail, _): "could not reach EC2: \(detail)"
        case .unreachable(let service, let endpoint, let reason, let isTimeout, let attempts):
            (isTimeout
                ? "\(service) at \(endpoint) timed out: \(reason)"
                : "could not reach \(service) at \(endpoint): \(reason)")
                + (attempts == 1 ? "" : "; gave up after \(attempts) attempts")
        case .malformedResponse(let action, let detail): "unreadable \(action) response: \(detail)"
        }
    }
}

extension EC2ClientError {
    /// Why a request to some endpoint got no answer, in words, for messages that name the
    /// endpoint themselves (credential endpoints): `connection refused`, `no answer within 1 s`.
    public static func reason(of error: any Error) -> String {
        switch error {
        case EC2ClientError.transport(let reason, _): reason
        case EC2ClientError.unreachable(_, _, let reason, _, _): reason
        case is CancellationError: "cancelled"
        default: "\(error)"
        }
    }
}
