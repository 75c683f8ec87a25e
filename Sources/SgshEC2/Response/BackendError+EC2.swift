// The single mapping of every EC2 client failure to BackendError.

import SgshModel

extension BackendError {
    /// The one mapping from EC2 client failures to backend errors: service errors keep
    /// their code (the category comes from `BackendError.category(forCode:)`),
    /// transport failures are `unavailable`, unreadable responses `service`.
    public static func from(_ error: any Error) -> BackendError {
        switch error {
        case let error as BackendError: return error
        case let error as EC2Error:
            var mapped = BackendError(code: error.code, message: error.message, requestID: error.requestID)
            mapped.mayHaveTakenEffect = error.afterUnansweredAttempt
            return mapped
        case let error as EC2ClientError:
            // No answer, or a 2xx one that could not be read: the call may have been applied.
            var mapped =
                switch error {
                case .transport, .unreachable:
                    BackendError(category: .unavailable, code: "ConnectionError", message: error.description)
                case .malformedResponse:
                    BackendError(category: .service, code: "MalformedResponse", message: error.description)
                }
            mapped.mayHaveTakenEffect = true
            return mapped
        case let error as CredentialError:
            return BackendError(category: .unauthorized, code: "CredentialsUnavailable", message: error.description)
        case let error as EC2ConfigurationError:
            return BackendError(category: .unauthorized, code: "CredentialsUnavailable", message: error.description)
        case is CancellationError:
            // Ctrl-C in the REPL: said in words, not as `CancellationError()` (issue 17).
            return BackendError(category: .service, code: "Cancelled", message: "cancelled before AWS answered")
        default:
            return BackendError(category: .service, code: "ClientError", message: "\(error)")
        }
    }
}
