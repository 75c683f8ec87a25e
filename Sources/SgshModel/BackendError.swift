// The one error type backends throw.
//
// An opaque struct with a category (stable, for programs and the DSL) and the
// service's own code and message (for people), modelled on async-http-client's
// HTTPClientError: categories can be added without breaking clients. EC2 error
// codes are mapped to categories in exactly one place, `init(code:message:…)`.

/// An error from a security-group backend.
public struct BackendError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is, independent of the service's wording.
    public struct Category: Hashable, Sendable, CustomStringConvertible {
        private enum Code: String, Hashable, Sendable {
            case notFound, ruleNotFound, duplicate, dependencyViolation, limitExceeded, invalidParameter
            case unauthorized, throttled, unavailable, dryRunOperation, cancelled, service
        }
        private let code: Code
        private init(_ code: Code) { self.code = code }

        /// The group or other resource does not exist.
        public static let notFound = Category(.notFound)
        /// The rule to revoke (or the rule id) does not exist in the group: a revoke that
        /// finds nothing to remove, which a re-run settles by reading the group.
        public static let ruleNotFound = Category(.ruleNotFound)
        /// The rule or group already exists.
        public static let duplicate = Category(.duplicate)
        /// Something still depends on the resource.
        public static let dependencyViolation = Category(.dependencyViolation)
        /// A quota would be exceeded.
        public static let limitExceeded = Category(.limitExceeded)
        /// The request itself is invalid.
        public static let invalidParameter = Category(.invalidParameter)
        /// Credentials are missing, invalid, or lack permission.
        public static let unauthorized = Category(.unauthorized)
        /// The service is throttling requests.
        public static let throttled = Category(.throttled)
        /// The service could not be reached or failed on its side.
        public static let unavailable = Category(.unavailable)
        /// A DryRun request would have succeeded.
        public static let dryRunOperation = Category(.dryRunOperation)
        /// The caller cancelled the operation (Ctrl-C, a cancelled task) before it finished.
        public static let cancelled = Category(.cancelled)
        /// Any other service error; see `code`.
        public static let service = Category(.service)

        public var description: String { code.rawValue }
    }

    /// The category of the failure.
    public let category: Category
    /// The service's error code as sent (`InvalidPermission.Duplicate`).
    public let code: String
    /// The service's message.
    public let message: String
    /// The service's request id, when it sent one.
    public let requestID: String?
    /// True when an attempt of the call got no answer (a reset, a timeout, a cut-off or
    /// unreadable answer), so the service may have applied the call although it failed in the
    /// end: a retry met `InvalidPermission.Duplicate`, or no attempt was answered. The executor
    /// settles such a call by reading the group.
    public var mayHaveTakenEffect = false

    /// Creates an error from a service error code, deriving the category from it.
    public init(code: String, message: String, requestID: String? = nil) {
        self.init(category: BackendError.category(forCode: code), code: code, message: message, requestID: requestID)
    }

    /// Creates an error with an explicit category.
    public init(category: Category, code: String, message: String, requestID: String? = nil) {
        self.category = category
        self.code = code
        self.message = message
        self.requestID = requestID
    }

    /// True when retrying the same request may succeed.
    public var isRetryable: Bool { category == .throttled || category == .unavailable }

    /// `InvalidPermission.Duplicate: the specified rule … already exists`.
    public var description: String { message.isEmpty ? code : "\(code): \(message)" }

    /// Maps an EC2 error code to its category. Keep this the only such table.
    public static func category(forCode rawCode: String) -> Category {
        var code = Substring(rawCode)
        for prefix in ["Client.", "Server."] where code.hasPrefix(prefix) { code = code.dropFirst(prefix.count) }
        switch code {
        case "DryRunOperation": return .dryRunOperation
        case "InvalidPermission.NotFound", "InvalidSecurityGroupRuleId.NotFound": return .ruleNotFound
        case "InvalidPermission.Duplicate", "InvalidGroup.Duplicate": return .duplicate
        case "DependencyViolation", "InvalidGroup.InUse": return .dependencyViolation
        case "UnauthorizedOperation", "AccessDenied", "AccessDeniedException", "AuthFailure", "SignatureDoesNotMatch",
            "MissingAuthenticationToken",
            "InvalidClientTokenId", "IncompleteSignature", "RequestExpired", "InvalidSecurity.RequestHasExpired",
            "OptInRequired", "Blocked":
            return .unauthorized
        case "RequestLimitExceeded", "Throttling", "ThrottlingException", "ThrottledException",
            "RequestThrottledException", "TooManyRequestsException", "RequestThrottled", "SlowDown",
            "EC2ThrottledException", "BandwidthLimitExceeded", "LimitExceededException":
            return .throttled
        case "InternalError", "ServerInternal", "InternalFailure", "ServiceUnavailable", "Unavailable",
            "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete":
            return .unavailable
        default: break
        }
        if code.hasSuffix(".NotFound") { return .notFound }
        if code.hasSuffix("LimitExceeded") { return .limitExceeded }
        if code.hasPrefix("Invalid") || code.hasPrefix("Missing") || code.hasPrefix("Unknown")
            || code == "CannotDelete" || code == "VPCIdNotSpecified"
        {
            return .invalidParameter
        }
        return .service
    }
}
