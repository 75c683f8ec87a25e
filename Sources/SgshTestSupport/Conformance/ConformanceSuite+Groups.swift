// Scenarios for CreateSecurityGroup and DeleteSecurityGroup.

import SgshModel

extension ConformanceSuite {
    static let groups: [ConformanceScenario] = [
        ConformanceScenario("create-and-describe-group", source: "moto 1") { c in
            let id = try await c.createGroup("web", description: "test")
            try c.expect(ResourceID.isGroupID(id), "new group id \(id) should look like sg-…")
            let group = try await c.group(id)
            try c.expectEqual(group.groupName, c.name("web"), "group name")
            try c.expectEqual(group.description, "test", "group description")
            try c.expect(group.vpcId.map { ResourceID.isVPCID($0) } ?? false, "group should be in a VPC")
            let all = try await c.backend.describeSecurityGroups(.all)
            try c.expect(all.contains { $0.groupId == id }, "listing all groups should include \(id)")
            try c.expect(all.contains { $0.groupName == "default" }, "listing all groups should include 'default'")
        },
        ConformanceScenario("create-duplicate-name-fails", source: "moto 1, 4") { c in
            try await c.createGroup("dup")
            try await c.expectError("InvalidGroup.Duplicate", "second group with the same name") {
                try await c.createGroup("dup", description: "n/a")
            }
        },
        ConformanceScenario("create-without-description-fails", source: "moto 2") { c in
            try await c.expectError("MissingParameter", "group with an empty description") {
                try await c.createGroup("nodesc", description: "")
            }
        },
        ConformanceScenario(
            "create-group-named-default-is-reserved", source: "EC2-FACTS §3",
            motoDiffers:
                "moto has no InvalidGroup.Reserved; it answers InvalidGroup.Duplicate (the VPC's default group exists)"
        ) { c in
            try await c.expectError("InvalidGroup.Reserved", "group named 'default'") {
                try await c.backend.createSecurityGroup(
                    name: "default", description: "x", vpcId: nil, tags: [], dryRun: false)
            }
        },
        ConformanceScenario(
            "create-invalid-group-names-fail", source: "EC2-FACTS §3",
            motoDiffers: "moto does not validate group names (not measured)"
        ) { c in
            try await c.expectError("InvalidParameterValue", "name starting with sg-") {
                try await c.backend.createSecurityGroup(
                    name: "sg-\(c.suffix)", description: "x", vpcId: nil, tags: [], dryRun: false)
            }
            try await c.expectError("InvalidParameterValue", "name of 256 characters") {
                try await c.backend.createSecurityGroup(
                    name: String(repeating: "n", count: 256), description: "x", vpcId: nil, tags: [], dryRun: false)
            }
            try await c.expectError("InvalidParameterValue", "description with a character EC2 rejects") {
                try await c.createGroup("baddesc", description: "caf\u{e9} <menu>")
            }
        },
        ConformanceScenario("create-dry-run-creates-nothing", source: "moto 1") { c in
            try await c.expectError("DryRunOperation", "dry-run create") {
                try await c.backend.createSecurityGroup(
                    name: c.name("dry"), description: "dry", vpcId: nil, tags: [], dryRun: true)
            }
            let found = try await c.groupIds(filters: [("group-name", [c.name("dry")])])
            try c.expect(found.isEmpty, "a dry-run create must not create the group, found \(found)")
        },
        ConformanceScenario("create-with-tags", source: "moto 26") { c in
            let id = try await c.createGroup("tagged", tags: [Tag(key: "Team", value: "web-\(c.suffix)")])
            try c.expectEqual(try await c.group(id).tags, [Tag(key: "Team", value: "web-\(c.suffix)")], "tags")
        },
        ConformanceScenario("vpc-has-a-default-group", source: "moto 3, 34") { c in
            let id = try await c.createGroup("probe")
            let vpc = try await c.group(id).vpcId ?? ""
            let defaults = try await c.backend.describeSecurityGroups(
                SecurityGroupQuery(filters: [
                    .init(name: "group-name", values: ["default"]), .init(name: "vpc-id", values: [vpc]),
                ]))
            try c.expectEqual(defaults.count, 1, "default groups in \(vpc)")
            try c.expectEqual(defaults.first?.vpcId, vpc, "default group's VPC")
        },
        ConformanceScenario(
            "delete-default-group-fails", source: "EC2-FACTS §3",
            motoDiffers: "moto deletes the default group (200)"
        ) { c in
            let id = try await c.createGroup("probe")
            let vpc = try await c.group(id).vpcId ?? ""
            let defaults = try await c.backend.describeSecurityGroups(
                SecurityGroupQuery(filters: [
                    .init(name: "group-name", values: ["default"]), .init(name: "vpc-id", values: [vpc]),
                ]))
            guard let group = defaults.first else { throw ConformanceFailure("no default group in \(vpc)") }
            try await c.expectError("CannotDelete", "deleting the default group") {
                try await c.backend.deleteSecurityGroup(groupId: group.groupId, dryRun: false)
            }
        },
        ConformanceScenario("delete-group", source: "moto 7, 8") { c in
            let keep = try await c.createGroup("keep")
            let gone = try await c.createGroup("gone")
            try await c.backend.deleteSecurityGroup(groupId: gone, dryRun: false)
            try await c.expectError("InvalidGroup.NotFound", "describing a deleted group") {
                try await c.backend.describeSecurityGroups(SecurityGroupQuery(groupIds: [gone]))
            }
            _ = try await c.group(keep)
        },
        ConformanceScenario("delete-unknown-group-fails", source: "moto 7") { c in
            try await c.expectError("InvalidGroup.NotFound", "deleting an unknown group") {
                try await c.backend.deleteSecurityGroup(groupId: unknownGroupId, dryRun: false)
            }
        },
        ConformanceScenario("delete-dry-run-keeps-group", source: "moto 7") { c in
            let id = try await c.createGroup("dry-delete")
            try await c.expectError("DryRunOperation", "dry-run delete") {
                try await c.backend.deleteSecurityGroup(groupId: id, dryRun: true)
            }
            _ = try await c.group(id)
        },
        ConformanceScenario(
            "delete-referenced-group-fails", source: "EC2-FACTS §3",
            motoDiffers: "moto deletes it (200) and leaves the other group's rule dangling"
        ) { c in
            let app = try await c.createGroup("app")
            let db = try await c.createGroup("db")
            try await c.authorize(.ingress, db, permission("tcp", 5432, 5432, groups: [app]))
            try await c.expectError("DependencyViolation", "deleting a group another group's rule references") {
                try await c.backend.deleteSecurityGroup(groupId: app, dryRun: false)
            }
            _ = try await c.group(app)
            try await c.revoke(.ingress, db, permission("tcp", 5432, 5432, groups: [app]))
            try await c.backend.deleteSecurityGroup(groupId: app, dryRun: false)
        },
        ConformanceScenario("delete-self-referencing-group", source: "EC2-FACTS §3") { c in
            let id = try await c.createGroup("self")
            try await c.authorize(.ingress, id, permission("-1", groups: [id]))
            try await c.backend.deleteSecurityGroup(groupId: id, dryRun: false)
            let left = try await c.groupIds(filters: [("group-id", [id])])
            try c.expect(left.isEmpty, "the group should be gone")
        },
    ]
}
