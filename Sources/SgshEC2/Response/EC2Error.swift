// The error EC2 sends (`<Response><Errors><Error>`); `BackendError+EC2.swift`
// maps it (and every other client failure) to BackendError.

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
    /// True when an earlier attempt of the same request got no answer: it may have been applied.
    public var afterUnansweredAttempt = false

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
        return EC2Error(
            code: code, message: "HTTP \(httpStatus) without an EC2 error body: \(snippet)", httpStatus: httpStatus)
    }
}
