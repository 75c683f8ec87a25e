// Response decoding against the golden XML bodies (botocore's EC2QueryParser
// results) and the error cases of botocore's ec2 output protocol suite.

import Foundation
import SgshModel
import Testing

@testable import SgshEC2

@Suite struct EC2ResponseParsingTests {
    struct File: Decodable { var cases: [Case] }
    struct Case: Decodable {
        var id: String
        var operation: String
        var http_status: Int
        var xml: String
        var expected: JSONValue
        var expected_request_id: String?
    }

    static func cases() throws -> [Case] { try Vectors.json(File.self, "golden/ec2-sg-response-parsing.json").cases }

    @Test func goldenFileHasAllTwentyFourCases() throws {
        #expect(try Self.cases().count == 24)
    }

    @Test(arguments: 0..<24)
    func goldenCaseDecodesAsExpected(_ index: Int) throws {
        let all = try Self.cases()
        try #require(index < all.count)
        let golden = all[index]
        let body = Array(golden.xml.utf8)
        let expected = try JSONReader(golden.expected, context: golden.id)
        if golden.http_status != 200 {
            let error = EC2Error.parse(body, httpStatus: golden.http_status)
            let envelope = try JSONReader(expected.value("Error"), context: "\(golden.id).Error")
            #expect(error.code == (try envelope.string("Code")), "\(golden.id)")
            #expect(error.message == (try envelope.string("Message")), "\(golden.id)")
            try envelope.finish()
            #expect(error.requestID == golden.expected_request_id, "\(golden.id)")
            #expect(error.httpStatus == golden.http_status)
            try expected.finish()
            return
        }
        let response = try EC2Response(parsing: body, action: golden.operation)
        #expect(response.requestID == golden.expected_request_id, "\(golden.id)")
        switch golden.operation {
        case "DescribeSecurityGroups":
            let page = response.securityGroupsPage()
            #expect(page.items == (try expected.array("SecurityGroups").map(Botocore.securityGroup)), "\(golden.id)")
            #expect(page.nextToken == (try expected.string("NextToken")))
        case "DescribeSecurityGroupRules":
            let page = response.securityGroupRulesPage()
            #expect(page.items == (try expected.array("SecurityGroupRules").map(Botocore.securityGroupRule)))
            #expect(page.nextToken == (try expected.string("NextToken")))
        case "CreateSecurityGroup":
            let created = try response.createdGroup()
            #expect(created.groupId == (try expected.string("GroupId")))
            #expect(created.securityGroupArn == (try expected.string("SecurityGroupArn")))
            #expect(created.tags == (try Botocore.tags(expected.array("Tags"))))
        case "DeleteSecurityGroup":
            #expect(response.returnValue == (try expected.bool("Return")))
            #expect(response.groupId == (try expected.string("GroupId")))
        case "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress":
            #expect(response.returnValue == (try expected.bool("Return")))
            #expect(
                response.authorizedRules() == (try expected.array("SecurityGroupRules").map(Botocore.securityGroupRule))
            )
        case "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress":
            let revoked = response.revoked()
            #expect(revoked.returnValue == (try expected.bool("Return")))
            #expect(
                revoked.unknownIpPermissions == (try expected.array("UnknownIpPermissions").map(Botocore.ipPermission)))
            #expect(
                revoked.revokedRules
                    == (try expected.array("RevokedSecurityGroupRules").map(Botocore.securityGroupRule)))
            #expect(revoked.result.revokedRuleIds == revoked.revokedRules.map(\.securityGroupRuleId))
        default:
            Issue.record("no check for \(golden.operation)")
        }
        try expected.finish()
    }

    /// The category each golden error maps to through `BackendError.from`.
    static let errorCategories: [String: BackendError.Category] = [
        "apiref-error-example": .notFound, "err-duplicate": .duplicate, "err-perm-notfound": .ruleNotFound,
        "err-group-notfound": .notFound, "err-groupid-malformed": .invalidParameter,
        "err-dependency": .dependencyViolation, "err-rules-limit": .limitExceeded, "err-duplicate-group": .duplicate,
        "err-invalid-param": .invalidParameter, "err-dryrun": .dryRunOperation, "err-unauthorized": .unauthorized,
        "err-throttle": .throttled, "err-auth": .unauthorized,
    ]

    @Test func everyGoldenErrorMapsToItsBackendCategory() throws {
        let errors = try Self.cases().filter { $0.http_status != 200 }
        #expect(Set(errors.map(\.id)) == Set(Self.errorCategories.keys))
        for golden in errors {
            let error = EC2Error.parse(Array(golden.xml.utf8), httpStatus: golden.http_status)
            let mapped = BackendError.from(error)
            #expect(mapped.category == Self.errorCategories[golden.id], "\(golden.id)")
            #expect(mapped.code == error.code && mapped.message == error.message && mapped.requestID == error.requestID)
        }
    }

    @Test func wrongRootElementIsMalformed() {
        #expect(throws: EC2ClientError.self) {
            try EC2Response(parsing: Array("<CreateTagsResponse/>".utf8), action: "DeleteTags")
        }
        #expect(throws: EC2ClientError.self) {
            try EC2Response(parsing: Array("<a><b></a>".utf8), action: "DeleteTags")
        }
    }

    @Test func nonXMLErrorBodyFallsBackToStatus() {
        let error = EC2Error.parse(Array("<html>Bad Gateway</html>".utf8), httpStatus: 502)
        #expect(error.code == "ServiceUnavailable" && error.httpStatus == 502)
        #expect(BackendError.from(error).category == .unavailable)
        #expect(BackendError.from(EC2ClientError.transport("refused", isTimeout: false)).category == .unavailable)
    }

    @Test func unreachableAndCancelledReadAsWords() {
        let unreachable = BackendError.from(
            EC2ClientError.unreachable(
                service: "EC2", endpoint: "http://127.0.0.1:9/", reason: "connection refused", isTimeout: false,
                attempts: 3))
        #expect(unreachable.category == .unavailable)
        #expect(
            unreachable.description
                == "ConnectionError: could not reach EC2 at http://127.0.0.1:9/: connection refused; gave up after 3 attempts"
        )
        let timedOut = EC2ClientError.unreachable(
            service: "STS", endpoint: "http://127.0.0.1:9/", reason: "no answer within 1 s", isTimeout: true,
            attempts: 1)
        #expect(timedOut.description == "STS at http://127.0.0.1:9/ timed out: no answer within 1 s")
        let cancelled = BackendError.from(CancellationError())
        #expect(cancelled.description == "Cancelled: cancelled before AWS answered")
    }
}

/// The error cases of botocore's ec2 output protocol suite: the
/// `<Response><Errors><Error>` envelope with code, message and RequestID.
@Suite struct BotocoreEC2OutputErrorTests {
    struct Suite: Decodable { var cases: [Case] }
    struct Case: Decodable {
        struct Response: Decodable {
            var status_code: Int
            var body: String
        }
        var id: String?
        var errorCode: String?
        var errorMessage: String?
        var response: Response
    }

    @Test(arguments: ["Ec2InvalidGreetingError", "Ec2ComplexError"])
    func errorEnvelopeDecodes(_ id: String) throws {
        let suites = try Vectors.json([Suite].self, "protocol/botocore/output/ec2.json")
        let found = try #require(suites.flatMap(\.cases).first { $0.id == id })
        let error = EC2Error.parse(Array(found.response.body.utf8), httpStatus: found.response.status_code)
        #expect(error.code == found.errorCode)
        if let message = found.errorMessage { #expect(error.message == message) }
        #expect(error.message == "Hi")
        #expect(error.requestID == "foo-id")
        #expect(error.httpStatus == 400)
    }

    @Test func suiteHasExactlyTheseErrorCases() throws {
        let suites = try Vectors.json([Suite].self, "protocol/botocore/output/ec2.json")
        #expect(
            Set(suites.flatMap(\.cases).filter { $0.errorCode != nil }.compactMap(\.id))
                == ["Ec2InvalidGreetingError", "Ec2ComplexError"])
    }
}
