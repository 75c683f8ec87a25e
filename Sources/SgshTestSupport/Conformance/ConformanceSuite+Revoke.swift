// Scenarios for RevokeSecurityGroupIngress/Egress by properties and by rule id.

import SgshModel

extension ConformanceSuite {
    static let revoke: [ConformanceScenario] = [
        ConformanceScenario(
            "revoke-unknown-rule-is-reported-in-default-vpc", source: "EC2-FACTS §3",
            motoDiffers: "moto answers InvalidPermission.NotFound in the default VPC too"
        ) { c in
            let id = try await c.createGroup("unknown")
            try await c.authorize(.ingress, id, tcp(22, 2222, "123.123.123.123/32"))
            let result = try await c.revoke(.ingress, id, tcp(22, 2222, "123.123.123.122/32"))
            let unknown = try result.unknownIpPermissions.flatMap { try $0.rules() }
            try c.expectEqual(
                ConformanceContext.texts(unknown, .ingress), ["tcp 22-2222 from 123.123.123.122/32"],
                "UnknownIpPermissions")
            try await c.expectRules(id, .ingress, ["tcp 22-2222 from 123.123.123.123/32"])
        },
        ConformanceScenario(
            "revoke-known-and-unknown-in-default-vpc", source: "EC2-FACTS §3",
            motoDiffers: "moto fails the whole call with InvalidPermission.NotFound"
        ) { c in
            let id = try await c.createGroup("partial")
            try await c.authorize(.ingress, id, tcp(22, nil, "10.0.0.0/8", "10.1.0.0/16"))
            let result = try await c.revoke(.ingress, id, tcp(22, nil, "10.0.0.0/8", "10.9.0.0/16"))
            let unknown = try result.unknownIpPermissions.flatMap { try $0.rules() }
            try c.expectEqual(
                ConformanceContext.texts(unknown, .ingress), ["tcp 22 from 10.9.0.0/16"], "UnknownIpPermissions")
            try await c.expectRules(id, .ingress, ["tcp 22 from 10.1.0.0/16"])
        },
        ConformanceScenario("revoke-ignores-descriptions", source: "EC2-FACTS §3") { c in
            let id = try await c.createGroup("revdesc")
            try await c.authorize(.ingress, id, tcp(443, nil, "0.0.0.0/0", description: "https"))
            try await c.revoke(.ingress, id, tcp(443, nil, "0.0.0.0/0"))
            try await c.expectRules(id, .ingress, [])
        },
        ConformanceScenario("revoke-by-rule-id", source: "moto 34, 51") { c in
            let id = try await c.createGroup("byid")
            let added = try await c.authorize(.ingress, id, tcp(8080, nil, "10.0.0.1/32", "10.0.0.10/32"))
            guard let last = added.last else { throw ConformanceFailure("authorize returned no rules") }
            let result = try await c.backend.revoke(
                .ingress, groupId: id, ruleIds: [last.securityGroupRuleId], dryRun: false)
            try c.expect(result.unknownIpPermissions.isEmpty, "nothing unknown: \(result)")
            try c.expectEqual(try await c.ruleTexts(id, .ingress).count, 1, "ingress rules left")
            let egress = try await c.backend.describeSecurityGroupRules(groupId: id, ruleIds: []).filter(\.isEgress)
            try await c.backend.revoke(.egress, groupId: id, ruleIds: egress.map(\.securityGroupRuleId), dryRun: false)
            try await c.expectRules(id, .egress, [])
        },
        ConformanceScenario(
            "revoke-by-unknown-rule-id-fails", source: "EC2-FACTS §4",
            motoDiffers: "moto answers InvalidPermission.NotFound"
        ) { c in
            let id = try await c.createGroup("badid")
            try await c.expectError("InvalidSecurityGroupRuleId.NotFound", "revoking sgr-0f80c7e764c18b3c0") {
                try await c.backend.revoke(.ingress, groupId: id, ruleIds: ["sgr-0f80c7e764c18b3c0"], dryRun: false)
            }
        },
        ConformanceScenario("revoke-dry-run-by-rule-id-keeps-rule", source: "moto 9") { c in
            let id = try await c.createGroup("dryid")
            let added = try await c.authorize(.ingress, id, tcp(22, nil, "10.0.0.0/8"))
            try await c.expectError("DryRunOperation", "dry-run revoke by id") {
                try await c.backend.revoke(
                    .ingress, groupId: id, ruleIds: added.map(\.securityGroupRuleId), dryRun: true)
            }
            try await c.expectRules(id, .ingress, ["tcp 22 from 10.0.0.0/8"])
        },
        ConformanceScenario("described-permissions-can-be-revoked-as-is", source: "moto 38") { c in
            let id = try await c.createGroup("roundtrip")
            try await c.authorize(
                .ingress, id, permission("udp", 0, 65535, groups: [id]), tcp(22, nil, "10.0.0.0/8", description: "ssh"),
                permission("tcp", 443, 443, ipv6: ["::/0"]), permission("icmp", 8, -1, cidrs: ["10.0.0.0/8"]))
            try await c.authorize(.egress, id, permission("tcp", 8443, 8443, groups: [id]))
            let group = try await c.group(id)
            try await c.backend.revoke(.ingress, groupId: id, permissions: group.ipPermissions, dryRun: false)
            try await c.backend.revoke(.egress, groupId: id, permissions: group.ipPermissionsEgress, dryRun: false)
            try await c.expectRules(id, .ingress, [])
            try await c.expectRules(id, .egress, [])
        },
    ]
}
