// The error EC2 sends (`<Response><Errors><Error>`), and the single mapping of
// every client-side failure to `BackendError`.

import Foundation
import SgshModel

/// An error response from the EC2 Query API.
public struct EC2Error: Error, Hashable, Sendable, CustomStringConvertible {
    /// The error code (`InvalidGroup.NotFound`).
    public var code: String
    /// The message.
    public var message: String
    /// The `RequestID` of the response, when present.
    public var requestID: String?
    /// The HTTP status of the response.
    public var httpStatus: Int

    /// Creates an error.
    public init(code: String, message: String, requestID: String? = nil, httpStatus: Int) {
        self.code = code
        self.message = message
        self.requestID = requestID
        self.httpStatus = httpStatus
    }

    /// `InvalidGroup.NotFound: The security group 'sg-1' does not exist (HTTP 400)`.
    public var description: String { "\(code): \(message) (HTTP \(httpStatus))" }

    /// Reads an error body. Falls back to a code derived from the status when the body
    /// is not an EC2 error envelope (e.g. a proxy's HTML page).
    public static func parse(_ body: [UInt8], httpStatus: Int) -> EC2Error {
        if let root = try? XMLNode.parse(body) {
            let error = root.child("Errors")?.child("Error") ?? root.child("Error")
            if let error, let code = error.string("Code") {
                let requestID = root.string("RequestID") ?? root.string("RequestId") ?? root.string("requestId")
                return EC2Error(
                    code: code.trimmed, message: error.string("Message")?.trimmed ?? "", requestID: requestID?.trimmed,
                    httpStatus: httpStatus)
            }
        }
        let code =
            switch httpStatus {
            case 500: "InternalError"
            case 502, 504: "ServiceUnavailable"
            case 503: "Unavailable"
            case 403: "UnauthorizedOperation"
            default: "HTTP\(httpStatus)"
            }
        let snippet = String(decoding: body.prefix(200), as: UTF8.self)
        return EC2Error(code: code, message: "HTTP \(httpStatus) without an EC2 error body: \(snippet)", httpStatus: httpStatus)
    }
}

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

extension BackendError {
    /// The one mapping from EC2 client failures to backend errors: service errors keep
    /// their code (the category comes from `BackendError.category(forCode:)`),
    /// transport failures are `unavailable`, unreadable responses `service`.
    public static func from(_ error: any Error) -> BackendError {
        switch error {
        case let error as BackendError: return error
        case let error as EC2Error:
            return BackendError(code: error.code, message: error.message, requestID: error.requestID)
        case let error as EC2ClientError:
            switch error {
            case .transport:
                return BackendError(category: .unavailable, code: "ConnectionError", message: error.description)
            case .malformedResponse:
                return BackendError(category: .service, code: "MalformedResponse", message: error.description)
            }
        default:
            return BackendError(category: .service, code: "ClientError", message: "\(error)")
        }
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
