import SgshKit
import SgshLocal
import SgshModel
import Testing

/// The boto3-style resource over the local store, end to end.
@Suite struct SecurityGroupResourceLocalTests {
    @Test func resourceLifecycleOverTheLocalStore() async throws {
        let backend = LocalBackend.inMemory()
        let id = try await backend.createSecurityGroup(
            name: "web", description: "web tier", vpcId: nil, tags: [], dryRun: false)
        var group = backend.securityGroup(id: id)
        try await group.load()
        #expect(group.groupName == "web" && group.description == "web tier")
        #expect(group.vpcId == (try await backend.defaultVPCId()))
        #expect(group.ownerId == backend.ownerId)
        #expect(group.ipPermissions.isEmpty)
        #expect(group.ipPermissionsEgress == [IPPermission(ipProtocol: "-1", ipRanges: [IPRange(cidrIp: "0.0.0.0/0")])])

        let https = IPPermission(
            ipProtocol: "tcp", fromPort: 443, toPort: 443,
            ipRanges: [IPRange(cidrIp: "0.0.0.0/0"), IPRange(cidrIp: "10.0.0.0/8")])
        let added = try await group.authorizeIngress(permissions: [https], tags: [Tag(key: "Purpose", value: "https")])
        #expect(added.return && added.rules.count == 2)
        #expect(added.rules.allSatisfy { $0.tags == [Tag(key: "Purpose", value: "https")] })
        #expect(group.ipPermissions.isEmpty, "attributes change only on reload, as in boto3")
        try await group.reload()
        #expect(group.ipPermissions == [https])

        let stale = IPPermission(
            ipProtocol: "tcp", fromPort: 443, toPort: 443,
            ipRanges: [IPRange(cidrIp: "0.0.0.0/0"), IPRange(cidrIp: "192.0.2.0/24")])
        let revoked = try await group.revokeIngress(permissions: [stale])
        #expect(revoked.return)
        #expect(
            revoked.unknownIpPermissions == [
                IPPermission(ipProtocol: "tcp", fromPort: 443, toPort: 443, ipRanges: [IPRange(cidrIp: "192.0.2.0/24")])
            ])
        try await group.createTags([Tag(key: "Name", value: "web")])
        try await group.reload()
        #expect(group.tags == [Tag(key: "Name", value: "web")])
        #expect(try group.data?.rules(.ingress).map { SourceWriter.rule($0, .ingress) } == ["tcp 443 from 10.0.0.0/8"])

        let dryRun = await #expect(throws: BackendError.self) { try await group.delete(dryRun: true) }
        #expect(dryRun?.code == "DryRunOperation")
        try await group.delete()
        let gone = await #expect(throws: BackendError.self) { try await group.reload() }
        #expect(gone?.code == "InvalidGroup.NotFound")
        #expect(group.availableSubresources == [])
    }
}
