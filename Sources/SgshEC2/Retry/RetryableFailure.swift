/// What went wrong with one attempt, as the retry decision sees it.
public enum RetryableFailure: Hashable, Sendable {
    /// The service answered with an error status and, usually, an error code.
    case service(httpStatus: Int, code: String?)
    /// No response: connection refused/reset, TLS failure, or a timeout.
    case connection(isTimeout: Bool)
}

extension RetryableFailure: CustomStringConvertible {
    /// `HTTP 503 RequestLimitExceeded`, `no response`, `timed out`.
    public var description: String {
        switch self {
        case .service(let status, let code): "HTTP \(status)" + (code.map { " \($0)" } ?? "")
        case .connection(let isTimeout): isTimeout ? "timed out" : "no response"
        }
    }

    /// True for a service answer with a throttling code (what adaptive mode slows down for).
    public var isThrottling: Bool {
        guard case .service(_, let code) = self else { return false }
        return RetryPolicy.isThrottling(code: code)
    }
}
