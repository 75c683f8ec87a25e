// RevokeSecurityGroupIngress answered with success and the rules EC2 did not
// find (a default VPC's answer to a revoke of rules that are not there; moto
// answers InvalidPermission.NotFound instead). The client must hand the
// executor both the unknown rules and whether an earlier attempt of the call
// went unanswered: then the unknown rules may be that attempt's own work.

import Foundation
import SgshEC2
import SgshModel
import Testing

@Suite struct RevokeUnknownPermissionsParsingTests {
    static let requested = [
        IPPermission(
            ipProtocol: "tcp", fromPort: 23, toPort: 23, ipRanges: [IPRange(cidrIp: "0.0.0.0/0")]),
        IPPermission(
            ipProtocol: "tcp", fromPort: 21, toPort: 21, ipRanges: [IPRange(cidrIp: "0.0.0.0/0")]),
    ]

    static func fixture() throws -> HTTPTransportResponse {
        HTTPTransportResponse(
            status: 200, body: Array(try Vectors.data("responses/revoke-ingress-unknown-permissions.xml")))
    }

    static func unknownRules(_ result: RevokeResult) throws -> [String] {
        try result.unknownIpPermissions.flatMap { try $0.rules() }.map { "\($0)" }.sorted()
    }

    @Test func theUnknownPermissionsOfAFirstAttemptAreParsed() async throws {
        let transport = RecordingTransport(responses: [try Self.fixture()])
        let result = try await EC2BackendTests.backend(transport).revoke(
            .ingress, groupId: "sg-1", permissions: Self.requested, dryRun: false)
        #expect(try Self.unknownRules(result).count == 2)
        #expect(result.unknownIpPermissions.map(\.fromPort) == [23, 21])
        #expect(result.unknownIpPermissions.allSatisfy { $0.ipRanges == [IPRange(cidrIp: "0.0.0.0/0")] })
        #expect(!result.afterUnansweredAttempt, "one attempt, answered")
        #expect(transport.requests.count == 1)
    }

    /// The first attempt timed out (it may have revoked the rules); the retry's answer lists them
    /// as unknown, and says it follows an unanswered attempt.
    @Test func aRetryAfterAnUnansweredAttemptSaysSo() async throws {
        let fixture = try Self.fixture()
        let transport = RecordingTransport { _, index in
            guard index > 0 else { throw EC2ClientError.transport("read timed out", isTimeout: true) }
            return fixture
        }
        let result = try await EC2BackendTests.backend(transport).revoke(
            .ingress, groupId: "sg-1", permissions: Self.requested, dryRun: false)
        #expect(transport.requests.count == 2)
        #expect(result.afterUnansweredAttempt)
        #expect(result.unknownIpPermissions.map(\.fromPort) == [23, 21])
    }

    /// `<return>false</return>` with no list: nothing matched, so every requested permission is
    /// reported unknown, for the executor to settle by reading.
    @Test func returnFalseWithoutAListMeansNothingMatched() async throws {
        let transport = RecordingTransport(responses: [
            RecordingTransport.ok("RevokeSecurityGroupIngress", "<return>false</return>")
        ])
        let result = try await EC2BackendTests.backend(transport).revoke(
            .ingress, groupId: "sg-1", permissions: Self.requested, dryRun: false)
        #expect(result.unknownIpPermissions == Self.requested)
    }

    @Test func aPlainSuccessReportsNothingUnknown() async throws {
        let transport = RecordingTransport(responses: [
            RecordingTransport.ok("RevokeSecurityGroupIngress", "<return>true</return>")
        ])
        let result = try await EC2BackendTests.backend(transport).revoke(
            .ingress, groupId: "sg-1", permissions: Self.requested, dryRun: false)
        #expect(result.unknownIpPermissions.isEmpty && !result.afterUnansweredAttempt)
    }
}
