// Network interfaces in the local store: just enough of EC2's to make group
// teardown honest. An interface has an id, a description, a type, the groups
// it uses and, optionally, the instance it is attached to; while one uses a
// group, DeleteSecurityGroup fails with DependencyViolation, as on EC2. The
// local backend has no instances, Lambdas or load balancers, so interfaces
// are made with `createNetworkInterface` (EC2's CreateNetworkInterface, with
// the attachment given directly) by tests and embedders.

import GRDB
import SgshModel

extension LocalBackend {
    /// CreateNetworkInterface: an interface using `groupIds` (which must exist, at most 5, and be
    /// in one VPC), optionally shown as attached to `instanceId` or made by `requesterId`.
    /// - Returns: the interface's id (`eni-…`).
    public func createNetworkInterface(
        groupIds: [String], description: String = "", interfaceType: String = "interface",
        requesterId: String? = nil, instanceId: String? = nil
    ) async throws -> String {
        guard !groupIds.isEmpty else {
            throw BackendError(code: "MissingParameter", message: "a network interface needs at least one group")
        }
        guard groupIds.count <= 5 else {
            throw BackendError(
                code: "SecurityGroupsPerInterfaceLimitExceeded",
                message: "You have exceeded the maximum number of security groups per interface")
        }
        return try await write { db in
            let vpcs = Set(try groupIds.map { try self.group(db, id: $0).vpcId })
            guard vpcs.count == 1 else {
                throw BackendError(
                    code: "InvalidParameterCombination", message: "the security groups must be in one VPC")
            }
            let id = LocalBackend.newID("eni")
            try db.execute(
                sql: """
                    INSERT INTO network_interface (id, description, interface_type, requester_id, instance_id)
                    VALUES (?, ?, ?, ?, ?)
                    """, arguments: [id, description, interfaceType, requesterId, instanceId])
            for (position, group) in groupIds.enumerated() {
                try db.execute(
                    sql: "INSERT INTO network_interface_group (interface_id, group_id, position) VALUES (?, ?, ?)",
                    arguments: [id, group, position])
            }
            return id
        }
    }

    /// ModifyNetworkInterfaceAttribute with SecurityGroupIds: the interface uses exactly these
    /// groups afterwards (1 to 5, existing, in the interface's VPC), all-or-nothing.
    public func modifyNetworkInterfaceGroups(networkInterfaceId: String, groupIds: [String]) async throws {
        guard !groupIds.isEmpty, groupIds.count <= 5 else {
            throw BackendError(
                code: groupIds.isEmpty ? "MissingParameter" : "SecurityGroupsPerInterfaceLimitExceeded",
                message: "a network interface uses 1 to 5 security groups, not \(groupIds.count)")
        }
        try await write { db in
            let current = try String.fetchAll(
                db, sql: "SELECT group_id FROM network_interface_group WHERE interface_id = ?",
                arguments: [networkInterfaceId])
            guard let first = current.first else {
                throw BackendError(
                    code: "InvalidNetworkInterfaceID.NotFound",
                    message: "The networkInterface ID '\(networkInterfaceId)' does not exist")
            }
            let vpc = try self.group(db, id: first).vpcId
            for id in groupIds where try self.group(db, id: id).vpcId != vpc {
                throw BackendError(
                    code: "InvalidParameterCombination",
                    message: "the security group \(id) is not in the network interface's VPC \(vpc)")
            }
            try db.execute(
                sql: "DELETE FROM network_interface_group WHERE interface_id = ?", arguments: [networkInterfaceId])
            var seen: Set<String> = []
            for (position, group) in groupIds.filter({ seen.insert($0).inserted }).enumerated() {
                try db.execute(
                    sql: "INSERT INTO network_interface_group (interface_id, group_id, position) VALUES (?, ?, ?)",
                    arguments: [networkInterfaceId, group, position])
            }
        }
    }

    /// DeleteNetworkInterface.
    public func deleteNetworkInterface(id: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM network_interface WHERE id = ?", arguments: [id])
            guard db.changesCount == 1 else {
                throw BackendError(
                    code: "InvalidNetworkInterfaceID.NotFound",
                    message: "The networkInterface ID '\(id)' does not exist")
            }
        }
    }

    /// DescribeNetworkInterfaces filtered by `group-id`, in creation order.
    public func describeNetworkInterfaces(groupIds: [String]) async throws -> [NetworkInterface] {
        guard !groupIds.isEmpty else { return [] }
        return try await read { db in
            let marks = Array(repeating: "?", count: groupIds.count).joined(separator: ", ")
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, description, interface_type, requester_id, instance_id FROM network_interface
                    WHERE id IN (SELECT interface_id FROM network_interface_group WHERE group_id IN (\(marks)))
                    ORDER BY seq
                    """, arguments: StatementArguments(groupIds))
            return try rows.map { row in
                let id: String = row["id"]
                let groups = try String.fetchAll(
                    db, sql: "SELECT group_id FROM network_interface_group WHERE interface_id = ? ORDER BY position",
                    arguments: [id])
                let instance: String? = row["instance_id"]
                return NetworkInterface(
                    networkInterfaceId: id, description: row["description"], interfaceType: row["interface_type"],
                    status: instance != nil || row["requester_id"] as String? != nil ? "in-use" : "available",
                    requesterId: row["requester_id"], groupIds: groups, attachedInstanceId: instance)
            }
        }
    }
}
