// Rules without ports on EC2's wire: sent with FromPort=-1/ToPort=-1 (as EC2
// accepts them and moto requires), read back as the same rule in both shapes.

import Foundation
import SgshEC2
import SgshModel
import Testing

@Suite struct PortlessWireTests {
    static func rule(_ proto: IPProtocol, _ ports: PortSpec, _ cidr: String) throws -> Rule {
        try Rule(ipProtocol: proto, ports: ports, peer: .cidr(CIDR(cidr)!))
    }

    @Test(arguments: [
        (IPProtocol.all, PortSpec.none, "-1"), (.number(50), .none, "50"),
        (.icmp, .icmp(ICMPSpec(type: -1, code: -1)!), "icmp"),
        (.icmpv6, .icmp(ICMPSpec(type: -1, code: -1)!), "icmpv6"),
    ])
    func portlessRulesAreSentWithMinusOnePorts(_ proto: IPProtocol, _ ports: PortSpec, _ wire: String) async throws {
        let transport = RecordingTransport(responses: [
            RecordingTransport.ok("AuthorizeSecurityGroupIngress", "<return>true</return>"),
            RecordingTransport.ok("RevokeSecurityGroupIngress", "<return>true</return>"),
        ])
        let backend = EC2BackendTests.backend(transport)
        let permissions = IPPermission.grouping([try Self.rule(proto, ports, "192.0.2.0/24")])
        _ = try await backend.authorize(.ingress, groupId: "sg-1", permissions: permissions, tags: [], dryRun: false)
        _ = try await backend.revoke(.ingress, groupId: "sg-1", permissions: permissions, dryRun: false)
        for request in transport.requests {
            let pairs = request.formPairs
            #expect(pairs["IpPermissions.1.IpProtocol"] == wire)
            #expect(pairs["IpPermissions.1.FromPort"] == "-1" && pairs["IpPermissions.1.ToPort"] == "-1", "\(pairs)")
        }
        #expect(transport.requests.count == 2)
    }

    @Test func tcpWithoutPortsStaysWithoutPortsSoEC2ReportsIt() async throws {
        let transport = RecordingTransport(responses: [
            RecordingTransport.error(400, "InvalidParameterValue")
        ])
        let backend = EC2BackendTests.backend(transport)
        await expectBackendError("InvalidParameterValue", .invalidParameter) {
            _ = try await backend.authorize(
                .ingress, groupId: "sg-1",
                permissions: [IPPermission(ipProtocol: "tcp", ipRanges: [IPRange(cidrIp: "10.0.0.0/8")])], tags: [],
                dryRun: false)
        }
        #expect(transport.requests.first?.formPairs["IpPermissions.1.FromPort"] == nil)
    }

    @Test(arguments: ["-1", "50", "icmpv6"])
    func bothShapesReadBackAsTheSameRule(_ wire: String) throws {
        let bare = IPPermission(ipProtocol: wire, ipRanges: [IPRange(cidrIp: "192.0.2.0/24")])
        let explicit = IPPermission(
            ipProtocol: wire, fromPort: -1, toPort: -1, ipRanges: [IPRange(cidrIp: "192.0.2.0/24")])
        #expect(try bare.rules().map(\.key) == explicit.rules().map(\.key))
    }
}
