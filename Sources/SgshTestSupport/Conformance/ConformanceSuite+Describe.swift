// Scenarios for DescribeSecurityGroups: ids, names and filters.
//
// On a shared server other runs' groups may match a filter too, so each
// scenario checks only which of its own groups come back.

import SgshModel

extension ConformanceSuite {
    static let describe: [ConformanceScenario] = [
        ConformanceScenario("describe-by-name", source: "moto 10, 13") { c in
            let id = try await c.createGroup("byname")
            let groups = try await c.backend.describeSecurityGroups(SecurityGroupQuery(groupNames: [c.name("byname")]))
            try c.expectEqual(groups.map(\.groupId), [id], "groups named \(c.name("byname"))")
        },
        ConformanceScenario("describe-unknown-name-fails", source: "moto 13") { c in
            try await c.expectError("InvalidGroup.NotFound", "describing an unknown name") {
                try await c.backend.describeSecurityGroups(SecurityGroupQuery(groupNames: [c.name("does-not-exist")]))
            }
        },
        ConformanceScenario("describe-unknown-id-fails", source: "moto 32") { c in
            try await c.expectError("InvalidGroup.NotFound", "describing an unknown id") {
                try await c.backend.describeSecurityGroups(SecurityGroupQuery(groupIds: [unknownGroupId]))
            }
        },
        ConformanceScenario(
            "describe-malformed-id-fails", source: "EC2-FACTS §4",
            motoDiffers: "moto answers InvalidGroup.NotFound for a malformed id"
        ) { c in
            try await c.expectError("InvalidGroupId.Malformed", "describing id 'sg-xyz'") {
                try await c.backend.describeSecurityGroups(SecurityGroupQuery(groupIds: ["sg-xyz"]))
            }
        },
        ConformanceScenario("describe-ids-with-vpc-filter", source: "moto 32") { c in
            let one = try await c.createGroup("one")
            try await c.createGroup("two")
            let vpc = try await c.group(one).vpcId ?? ""
            let groups = try await c.backend.describeSecurityGroups(
                SecurityGroupQuery(groupIds: [one], filters: [.init(name: "vpc-id", values: [vpc])]))
            try c.expectEqual(groups.map(\.groupId), [one], "ids ∩ vpc-id filter")
        },
        ConformanceScenario("filter-description-with-wildcards", source: "moto 13, 39") { c in
            let one = try await c.createGroup("d1", description: "conformance \(c.suffix) first")
            let two = try await c.createGroup("d2", description: "conformance other second")
            let exact = try await c.groupIds(filters: [("description", ["conformance \(c.suffix) first"])])
            try c.expect(exact.contains(one) && !exact.contains(two), "description filter matched \(exact)")
            let wild = try await c.groupIds(filters: [("description", ["*\(c.suffix)*"])])
            try c.expect(wild.contains(one) && !wild.contains(two), "wildcard description filter matched \(wild)")
        },
        ConformanceScenario("filter-group-name-is-exact", source: "moto 50") { c in
            let one = try await c.createGroup("test-1")
            let others = [try await c.createGroup("test-12"), try await c.createGroup("test-13")]
            let found = try await c.groupIds(filters: [("group-name", [c.name("test-1")])])
            try c.expectEqual(found, [one], "group-name filter (others: \(others))")
        },
        ConformanceScenario("filter-group-id", source: "EC2-FACTS §6") { c in
            let one = try await c.createGroup("gid1")
            let two = try await c.createGroup("gid2")
            try c.expectEqual(
                try await c.groupIds(filters: [("group-id", [one, two])]), [one, two], "group-id filter")
        },
        ConformanceScenario("filter-tags", source: "moto 15, 26, 27") { c in
            let one = try await c.createGroup("tag1")
            let two = try await c.createGroup("tag2")
            try await c.backend.createTags(
                resourceIds: [one], tags: [Tag(key: "Env-\(c.suffix)", value: "random \(c.suffix) things")],
                dryRun: false)
            let byValue = try await c.groupIds(filters: [("tag:Env-\(c.suffix)", ["random \(c.suffix) things"])])
            try c.expectEqual(byValue, [one], "tag:K=V filter")
            let none = try await c.groupIds(filters: [("tag:Env-\(c.suffix)", ["unknown"])])
            try c.expect(none.isEmpty, "tag filter with another value matched \(none)")
            let byKey = try await c.groupIds(filters: [("tag-key", ["Env-\(c.suffix)"])])
            try c.expectEqual(byKey, [one], "tag-key filter")
            let wild = try await c.groupIds(filters: [("tag-value", ["*\(c.suffix)*"])])
            try c.expect(wild.contains(one) && !wild.contains(two), "wildcard tag-value filter matched \(wild)")
        },
        ConformanceScenario("filter-ip-permission-cidr", source: "moto 40, 41") { c in
            let one = try await c.createGroup("cidr1")
            let two = try await c.createGroup("cidr2")
            try await c.authorize(.ingress, one, tcp(7357, nil, "10.250.0.0/16", "10.251.0.0/16"))
            try await c.authorize(.ingress, two, tcp(7357, nil, "10.250.1.0/24", "10.251.0.0/16"))
            let ingress = try await c.groupIds(filters: [("ip-permission.cidr", ["10.250.0.0/16"])])
            try c.expect(ingress.contains(one) && !ingress.contains(two), "ip-permission.cidr matched \(ingress)")
            try await c.authorize(.egress, one, tcp(7357, nil, "10.90.0.0/16"))
            try await c.authorize(.egress, two, tcp(7357, nil, "10.91.0.0/16"))
            let egress = try await c.groupIds(filters: [("egress.ip-permission.cidr", ["10.90.0.0/16"])])
            try c.expect(egress.contains(one) && !egress.contains(two), "egress.ip-permission.cidr matched \(egress)")
        },
        ConformanceScenario("filter-ip-permission-ports", source: "moto 28, 42, 47") { c in
            let one = try await c.createGroup("ports1")
            let two = try await c.createGroup("ports2")
            let port = 20000 + Int.random(in: 0..<20000)
            try await c.authorize(.ingress, one, tcp(port, port + 7, "0.0.0.0/0"))
            try await c.authorize(.egress, one, tcp(port + 1, port + 9, "10.0.0.0/8"))
            try await c.authorize(.egress, two, tcp(port + 2, port + 3, "10.0.0.0/8"))
            let from = try await c.groupIds(filters: [("ip-permission.from-port", [String(port)])])
            try c.expect(from.contains(one) && !from.contains(two), "ip-permission.from-port matched \(from)")
            let egressFrom = try await c.groupIds(filters: [("egress.ip-permission.from-port", [String(port + 1)])])
            try c.expect(
                egressFrom.contains(one) && !egressFrom.contains(two), "egress from-port matched \(egressFrom)")
            let egressTo = try await c.groupIds(filters: [("egress.ip-permission.to-port", [String(port + 9)])])
            try c.expect(egressTo.contains(one) && !egressTo.contains(two), "egress to-port matched \(egressTo)")
        },
        ConformanceScenario("filter-egress-group-id-not-name", source: "moto 43, 44, 45") { c in
            let sg1 = try await c.createGroup("sg1")
            let sg2 = try await c.createGroup("sg2")
            let sg3 = try await c.createGroup("sg3")
            let sg4 = try await c.createGroup("sg4")
            try await c.authorize(.egress, sg1, permission("tcp", 443, 443, groups: [sg3]))
            try await c.authorize(.egress, sg2, permission("tcp", 443, 443, groups: [sg4]))
            let byId = try await c.groupIds(filters: [("egress.ip-permission.group-id", [sg3])])
            try c.expectEqual(byId, [sg1], "egress.ip-permission.group-id")
            let byName = try await c.groupIds(filters: [("egress.ip-permission.group-name", [c.name("sg3")])])
            try c.expect(byName.isEmpty, "a rule made by id must not match by group name, matched \(byName)")
        },
        ConformanceScenario("filter-ip-permission-group-id", source: "moto 48") { c in
            let sg1 = try await c.createGroup("ref1")
            let sg2 = try await c.createGroup("ref2")
            try await c.authorize(.ingress, sg1, permission("tcp", 31337, 31337, groups: [sg2]))
            try c.expectEqual(try await c.groupIds(filters: [("ip-permission.group-id", [sg2])]), [sg1], "filter")
        },
        ConformanceScenario("filter-egress-protocol", source: "moto 46") { c in
            let one = try await c.createGroup("proto1")
            let two = try await c.createGroup("proto2")
            try await c.backend.revoke(.egress, groupId: one, permissions: [allTrafficOut], dryRun: false)
            try await c.backend.revoke(.egress, groupId: two, permissions: [allTrafficOut], dryRun: false)
            try await c.authorize(.egress, one, tcp(53, nil, "10.0.0.0/8"))
            try await c.authorize(.egress, two, permission("udp", 53, 53, cidrs: ["10.0.0.0/8"]))
            let found = try await c.groupIds(filters: [
                ("egress.ip-permission.protocol", ["tcp"]), ("group-id", [one, two]),
            ])
            try c.expectEqual(found, [one], "egress.ip-permission.protocol=tcp")
        },
        ConformanceScenario(
            "unknown-filter-fails", source: "EC2-FACTS §6",
            motoDiffers: "moto answers FilterNotImplementedError for filters it does not know"
        ) { c in
            try await c.expectError("InvalidParameterValue", "filter 'no-such-filter'") {
                try await c.backend.describeSecurityGroups(
                    SecurityGroupQuery(filters: [.init(name: "no-such-filter", values: ["x"])]))
            }
        },
    ]
}
