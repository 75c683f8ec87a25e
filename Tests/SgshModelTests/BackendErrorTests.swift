import SgshModel
import Testing

@Suite struct BackendErrorTests {
    @Test(arguments: [
        ("DryRunOperation", BackendError.Category.dryRunOperation),
        ("InvalidPermission.Duplicate", .duplicate), ("InvalidGroup.Duplicate", .duplicate),
        ("DependencyViolation", .dependencyViolation), ("InvalidGroup.InUse", .dependencyViolation),
        ("UnauthorizedOperation", .unauthorized), ("AuthFailure", .unauthorized),
        ("SignatureDoesNotMatch", .unauthorized), ("RequestExpired", .unauthorized), ("OptInRequired", .unauthorized),
        ("RequestLimitExceeded", .throttled), ("Throttling", .throttled), ("ThrottlingException", .throttled),
        ("InternalError", .unavailable), ("ServiceUnavailable", .unavailable), ("Unavailable", .unavailable),
        ("InvalidGroup.NotFound", .notFound), ("InvalidPermission.NotFound", .ruleNotFound),
        ("InvalidGroupId.NotFound", .notFound), ("InvalidVpcID.NotFound", .notFound),
        ("RulesPerSecurityGroupLimitExceeded", .limitExceeded), ("SecurityGroupLimitExceeded", .limitExceeded),
        ("InvalidParameterValue", .invalidParameter), ("InvalidGroupId.Malformed", .invalidParameter),
        ("MissingParameter", .invalidParameter), ("UnknownParameter", .invalidParameter),
        ("CannotDelete", .invalidParameter), ("VPCIdNotSpecified", .invalidParameter),
        ("SomethingNew", .service), ("", .service),
        // The SOAP-era prefixes are stripped before matching.
        ("Client.InvalidPermission.Duplicate", .duplicate), ("Client.UnauthorizedOperation", .unauthorized),
        ("Server.InternalError", .unavailable), ("Client.InvalidGroup.NotFound", .notFound),
        ("Server.Unavailable", .unavailable), ("Client.RequestLimitExceeded", .throttled),
    ])
    func mapsCodesToCategories(code: String, category: BackendError.Category) {
        #expect(BackendError.category(forCode: code) == category)
        #expect(BackendError(code: code, message: "m").category == category)
    }

    @Test func onlyThrottlingAndUnavailabilityAreRetryable() {
        #expect(BackendError(code: "RequestLimitExceeded", message: "").isRetryable)
        #expect(BackendError(code: "InternalError", message: "").isRetryable)
        #expect(!BackendError(code: "InvalidGroup.NotFound", message: "").isRetryable)
        #expect(!BackendError(code: "UnauthorizedOperation", message: "").isRetryable)
    }

    @Test func describesWithCodeAndMessage() {
        #expect(
            BackendError(code: "InvalidGroup.NotFound", message: "no such group").description
                == "InvalidGroup.NotFound: no such group")
        #expect(BackendError(code: "Throttling", message: "").description == "Throttling")
    }
}
