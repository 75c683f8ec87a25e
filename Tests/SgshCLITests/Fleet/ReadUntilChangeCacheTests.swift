// A fleet target's reads are answered again from what they returned, until
// the first change: then every read goes to the backend.

import SgshLocal
import SgshModel
import SgshTestSupport
import Testing

@testable import SgshCLI

@Suite struct ReadUntilChangeCacheTests {
    @Test func aReadByIdIsAnsweredFromTheLastReadUntilAChange() async throws {
        let counting = CountingBackend(LocalBackend.inMemory())
        let id = try await counting.createSecurityGroup(
            name: "web", description: "web", vpcId: nil, tags: [], dryRun: false)
        counting.reset()
        let cache = ReadUntilChangeCache(counting)

        let byName = try await cache.describeSecurityGroups(SecurityGroupQuery(groupNames: ["web"]))
        #expect(byName.map(\.groupId) == [id])
        _ = try await cache.describeSecurityGroups(SecurityGroupQuery(groupIds: [id]))
        #expect(counting.readCalls == 1)
        // An id never read goes to the backend.
        await #expect(throws: (any Error).self) {
            try await cache.describeSecurityGroups(SecurityGroupQuery(groupIds: [id, "sg-0000000000000dead"]))
        }
        #expect(counting.readCalls == 2)

        let rule = IPPermission(ipProtocol: "tcp", fromPort: 22, toPort: 22, ipRanges: [IPRange(cidrIp: "10.0.0.0/8")])
        try await cache.authorize(.ingress, groupId: id, permissions: [rule], tags: [], dryRun: false)
        let after = try await cache.describeSecurityGroups(SecurityGroupQuery(groupIds: [id]))
        #expect(counting.readCalls == 3)
        #expect(after.first?.ipPermissions.count == 1)
    }
}
