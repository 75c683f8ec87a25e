// EC2Backend over a recording transport: signing and headers, pagination,
// retries (without real waiting), DryRun, error mapping, and the --debug log
// with a canary secret and token that must never appear in it.

import Foundation
import Logging
import SgshEC2
import SgshModel
import Synchronization
import Testing

/// Collects formatted log lines.
final class CapturedLog: Sendable {
    let lines = Mutex<[String]>([])
    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    func logger(level: Logger.Level = .debug) -> Logger {
        var logger = Logger(label: "test") { _ in CapturingHandler(sink: self) }
        logger.logLevel = level
        return logger
    }

    struct CapturingHandler: LogHandler {
        let sink: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            sink.lines.withLock { $0.append("\(event.level) \(event.message) \(event.metadata ?? [:])") }
        }
    }
}

@Suite struct EC2BackendTests {
    static let canarySecret = "CANARY/SECRET+KEY-0123456789abcdef"
    static let canaryToken = "CANARY-SESSION-TOKEN-fedcba9876543210"

    static func configuration(endpoint: String? = "http://127.0.0.1:5000") -> EC2Configuration {
        EC2Configuration(
            credentials: AWSCredentials(
                accessKeyId: "AKIDTEST", secretAccessKey: canarySecret, sessionToken: canaryToken),
            region: "eu-west-1", endpoint: endpoint)
    }

    static func backend(_ transport: RecordingTransport, logger: Logger = Logger(label: "t"), pageSize: Int? = 1000)
        -> EC2Backend
    {
        EC2Backend(
            configuration: configuration(), transport: transport, logger: logger,
            executor: RetryingExecutor(random: { 0 }, sleep: { _ in }), pageSize: pageSize,
            now: { Date(timeIntervalSince1970: 1_440_938_160) })
    }

    @Test func createSendsASignedFormPostAndReturnsTheId() async throws {
        let transport = RecordingTransport(responses: [
            RecordingTransport.ok("CreateSecurityGroup", "<return>true</return><groupId>sg-0abc</groupId>")
        ])
        let id = try await Self.backend(transport).createSecurityGroup(
            name: "web", description: "Web tier", vpcId: "vpc-1", tags: [Tag(key: "env", value: "prod")], dryRun: false)
        #expect(id == "sg-0abc")
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST" && request.url == "http://127.0.0.1:5000/")
        #expect(request.header("Host") == "127.0.0.1:5000")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded; charset=utf-8")
        #expect(request.header("X-Amz-Date") == "20150830T123600Z")
        #expect(request.header("X-Amz-Security-Token") == Self.canaryToken)
        let authorization = try #require(request.header("Authorization"))
        #expect(
            authorization.hasPrefix(
                "AWS4-HMAC-SHA256 Credential=AKIDTEST/20150830/eu-west-1/ec2/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature="
            ))
        #expect(
            request.formPairs == [
                "Action": "CreateSecurityGroup", "Version": "2016-11-15", "GroupName": "web",
                "GroupDescription": "Web tier",
                "VpcId": "vpc-1", "TagSpecification.1.ResourceType": "security-group",
                "TagSpecification.1.Tag.1.Key": "env",
                "TagSpecification.1.Tag.1.Value": "prod",
            ])
    }

    @Test func describeFollowsNextTokenAcrossPages() async throws {
        let group = { (id: String) in
            "<item><groupId>\(id)</groupId><groupName>\(id)</groupName><groupDescription>d</groupDescription><ipPermissions/><ipPermissionsEgress/></item>"
        }
        let transport = RecordingTransport(responses: [
            RecordingTransport.ok(
                "DescribeSecurityGroups",
                "<securityGroupInfo>\(group("sg-1"))\(group("sg-2"))</securityGroupInfo><nextToken>p2</nextToken>"),
            RecordingTransport.ok("DescribeSecurityGroups", "<securityGroupInfo>\(group("sg-3"))</securityGroupInfo>"),
        ])
        let groups = try await Self.backend(transport, pageSize: 5).describeSecurityGroups(.all)
        #expect(groups.map(\.groupId) == ["sg-1", "sg-2", "sg-3"])
        #expect(transport.requests.count == 2)
        #expect(transport.requests[0].formPairs["MaxResults"] == "5")
        #expect(transport.requests[0].formPairs["NextToken"] == nil)
        #expect(transport.requests[1].formPairs["NextToken"] == "p2")
    }

    @Test func describeByIdsSendsNoMaxResults() async throws {
        let transport = RecordingTransport(responses: [
            RecordingTransport.ok("DescribeSecurityGroups", "<securityGroupInfo/>")
        ])
        _ = try await Self.backend(transport).describeSecurityGroups(SecurityGroupQuery(groupIds: ["sg-1"]))
        #expect(transport.requests[0].formPairs["MaxResults"] == nil)
        #expect(transport.requests[0].formPairs["GroupId.1"] == "sg-1")
    }

    @Test func throttlingIsRetriedAndEachAttemptIsSigned() async throws {
        let transport = RecordingTransport(responses: [
            RecordingTransport.error(503, "RequestLimitExceeded"),
            RecordingTransport.ok("DeleteSecurityGroup", "<return>true</return>"),
        ])
        try await Self.backend(transport).deleteSecurityGroup(groupId: "sg-1", dryRun: false)
        #expect(transport.requests.count == 2)
        #expect(transport.requests.allSatisfy { $0.header("Authorization") != nil })
    }

    @Test func clientErrorsAreNotRetriedAndMapToBackendErrors() async throws {
        let transport = RecordingTransport(responses: [
            RecordingTransport.error(400, "InvalidPermission.Duplicate", "the specified rule already exists")
        ])
        let permission = IPPermission(
            ipProtocol: "tcp", fromPort: 22, toPort: 22, ipRanges: [IPRange(cidrIp: "10.0.0.0/8")])
        await #expect(
            throws: BackendError(
                code: "InvalidPermission.Duplicate", message: "the specified rule already exists", requestID: "req-err")
        ) {
            _ = try await Self.backend(transport).authorize(
                .ingress, groupId: "sg-1", permissions: [permission], tags: [], dryRun: false)
        }
        #expect(transport.requests.count == 1)
    }

    @Test func connectionErrorsAreRetriedThenReportedAsUnavailable() async throws {
        let transport = RecordingTransport { _, _ in
            throw EC2ClientError.transport("connection refused", isTimeout: false)
        }
        do {
            try await Self.backend(transport).deleteSecurityGroup(groupId: "sg-1", dryRun: false)
            Issue.record("expected an error")
        } catch {
            #expect((error as? BackendError)?.category == .unavailable)
        }
        #expect(transport.requests.count == 3)
    }

    @Test func dryRunSendsTheFlagAndReportsDryRunOperation() async throws {
        let transport = RecordingTransport(responses: [
            RecordingTransport.error(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.")
        ])
        do {
            _ = try await Self.backend(transport).createSecurityGroup(
                name: "x", description: "x", vpcId: nil, tags: [], dryRun: true)
            Issue.record("expected DryRunOperation")
        } catch {
            #expect((error as? BackendError)?.category == .dryRunOperation)
        }
        #expect(transport.requests[0].formPairs["DryRun"] == "true")
        #expect(transport.requests.count == 1)
    }

    @Test func nonDryRunCallsOmitTheFlag() async throws {
        let transport = RecordingTransport(responses: [RecordingTransport.ok("CreateTags", "<return>true</return>")])
        try await Self.backend(transport).createTags(
            resourceIds: ["sg-1"], tags: [Tag(key: "a", value: "b")], dryRun: false)
        #expect(transport.requests[0].formPairs["DryRun"] == nil)
    }

    @Test func revokeReportsUnknownPermissionsAndRevokedIds() async throws {
        let transport = RecordingTransport(responses: [
            RecordingTransport.ok(
                "RevokeSecurityGroupEgress",
                "<return>true</return><unknownIpPermissionSet><item><ipProtocol>tcp</ipProtocol><fromPort>1</fromPort><toPort>1</toPort><ipRanges><item><cidrIp>10.0.0.0/8</cidrIp></item></ipRanges></item></unknownIpPermissionSet><revokedSecurityGroupRuleSet><item><securityGroupRuleId>sgr-1</securityGroupRuleId></item></revokedSecurityGroupRuleSet>"
            )
        ])
        let result = try await Self.backend(transport).revoke(
            .egress, groupId: "sg-1", ruleIds: ["sgr-1", "sgr-2"], dryRun: false)
        #expect(result.revokedRuleIds == ["sgr-1"])
        #expect(result.unknownIpPermissions.map(\.ipRanges) == [[IPRange(cidrIp: "10.0.0.0/8")]])
        #expect(transport.requests[0].formPairs["SecurityGroupRuleId.2"] == "sgr-2")
    }

    @Test func debugLogNeverContainsTheSecretOrToken() async throws {
        let log = CapturedLog()
        // The service echoes the canaries back, as a misbehaving proxy might.
        let transport = RecordingTransport(responses: [
            RecordingTransport.error(
                400, "InvalidParameterValue", "bad value \(Self.canarySecret) \(Self.canaryToken)"),
            RecordingTransport.ok("CreateTags", "<return>true</return><echo>\(Self.canarySecret)</echo>"),
        ])
        let backend = Self.backend(transport, logger: log.logger())
        await #expect(throws: BackendError.self) {
            try await backend.createTags(
                resourceIds: ["sg-1"], tags: [Tag(key: "k", value: Self.canarySecret)], dryRun: false)
        }
        try await backend.createTags(resourceIds: ["sg-1"], tags: [Tag(key: "k", value: "v")], dryRun: false)
        let text = log.text
        #expect(text.contains("CreateTags") && text.contains("Authorization: <redacted>"))
        #expect(text.contains("X-Amz-Security-Token: <redacted>"))
        #expect(
            !text.contains("CANARY/SECRET") && !text.contains("CANARY%2FSECRET") && !text.contains("CANARY-SESSION"))
        #expect(!text.contains("Signature="))
    }

    @Test func shutdownReachesTheTransport() async throws {
        let transport = RecordingTransport(responses: [])
        try await Self.backend(transport).shutdown()
        #expect(transport.isShutDown)
    }

    @Test func scopedBackendShutsDownOnReturnAndOnThrow() async throws {
        let first = RecordingTransport(responses: [])
        let value = try await EC2Backend.withBackend(Self.backend(first)) { _ in 7 }
        #expect(value == 7 && first.isShutDown)
        struct Boom: Error {}
        let second = RecordingTransport(responses: [])
        await #expect(throws: Boom.self) {
            try await EC2Backend.withBackend(Self.backend(second)) { _ in throw Boom() }
        }
        #expect(second.isShutDown)
    }

    @Test func displayNameNamesRegionOrEndpoint() {
        let transport = RecordingTransport(responses: [])
        #expect(Self.backend(transport).displayName == "http://127.0.0.1:5000/")
        let real = EC2Backend(configuration: Self.configuration(endpoint: nil), transport: transport)
        #expect(real.displayName == "aws:eu-west-1")
        #expect(real.configuration.endpoint == "https://ec2.eu-west-1.amazonaws.com/")
    }
}
