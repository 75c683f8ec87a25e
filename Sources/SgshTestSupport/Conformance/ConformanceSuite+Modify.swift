// Scenarios for ModifySecurityGroupRules (moto 21 and 22 are AWS-verified).

import SgshModel

extension ConformanceSuite {
    static let modify: [ConformanceScenario] = [
        ConformanceScenario("modify-rules-validation", source: "moto 21 (AWS-verified)") { c in
            let id = try await c.createGroup("modify-errors")
            let added = try await c.authorize(
                .ingress, id, tcp(30900, 31000, "1.2.3.4/32", description: "original rule"))
            guard let ruleId = added.first?.securityGroupRuleId else { throw ConformanceFailure("no rule id") }
            func update(
                _ proto: String = "udp", from: Int? = 26000, to: Int? = 26500, v4: String? = "2.3.4.5/32",
                v6: String? = nil,
                rule: String? = nil
            ) -> [SecurityGroupRuleUpdate] {
                [
                    SecurityGroupRuleUpdate(
                        securityGroupRuleId: rule ?? ruleId, ipProtocol: proto, fromPort: from, toPort: to,
                        cidrIpv4: v4,
                        cidrIpv6: v6, description: "first modification")
                ]
            }
            let group = try await c.expectError("InvalidGroup.NotFound", "unknown group") {
                try await c.backend.modifySecurityGroupRules(groupId: "sg-00000000", updates: update())
            }
            try c.expectEqual(group.message, "The security group 'sg-00000000' does not exist", "message")
            let rule = try await c.expectError("InvalidSecurityGroupRuleId.NotFound", "unknown rule") {
                try await c.backend.modifySecurityGroupRules(groupId: id, updates: update(rule: "sgr-00000000"))
            }
            try c.expectEqual(rule.message, "The security group rule ID 'sgr-00000000' does not exist", "message")
            // An empty IpProtocol stands for "not given": a wire client must omit the parameter.
            let proto = try await c.expectError("InvalidParameterValue", "no protocol") {
                try await c.backend.modifySecurityGroupRules(groupId: id, updates: update(""))
            }
            try c.expectEqual(
                proto.message,
                "Invalid value 'null' for protocol. VPC security group rules must specify protocols explicitly.",
                "message")
            let ports = try await c.expectError("InvalidParameterValue", "udp with only ToPort") {
                try await c.backend.modifySecurityGroupRules(groupId: id, updates: update(from: nil))
            }
            try c.expectEqual(
                ports.message, "Invalid value for portRange. Must specify both from and to ports with TCP/UDP.",
                "message")
            let none = try await c.expectError("MissingParameter", "no peer") {
                try await c.backend.modifySecurityGroupRules(groupId: id, updates: update(v4: nil))
            }
            try c.expectEqual(
                none.message,
                "The request must contain exactly one of: cidrIp, cidrIpv6, prefixListId, or referencedGroupId",
                "message")
            let both = try await c.expectError("InvalidParameterCombination", "two peers") {
                try await c.backend.modifySecurityGroupRules(groupId: id, updates: update(v6: "2001:db8::/32"))
            }
            try c.expectEqual(
                both.message, "Only one of cidrIp, cidrIpv6, prefixListId, or referencedGroupId can be specified",
                "message")
            try await c.expectRules(id, .ingress, ["tcp 30900-31000 from 1.2.3.4/32 \"original rule\""])
        },
        ConformanceScenario("modify-rules", source: "moto 21 (AWS-verified)") { c in
            let id = try await c.createGroup("modify")
            let permission = tcp(30900, 31000, "1.2.3.4/32", description: "original rule")
            guard let ingress = try await c.authorize(.ingress, id, permission).first?.securityGroupRuleId else {
                throw ConformanceFailure("no ingress rule id")
            }
            try await c.backend.modifySecurityGroupRules(
                groupId: id,
                updates: [
                    SecurityGroupRuleUpdate(
                        securityGroupRuleId: ingress, ipProtocol: "udp", fromPort: 26000, toPort: 26500,
                        cidrIpv4: "2.3.4.5/32",
                        description: "first modification")
                ])
            let changed = try await c.backend.describeSecurityGroupRules(groupId: id, ruleIds: [ingress]).first
            try c.expect(
                changed?.ipProtocol == "udp" && changed?.fromPort == 26000 && changed?.toPort == 26500
                    && changed?.cidrIpv4 == "2.3.4.5/32" && changed?.cidrIpv6 == nil
                    && changed?.description == "first modification",
                "modified rule: \(String(describing: changed))")
            guard let egress = try await c.authorize(.egress, id, permission).first?.securityGroupRuleId else {
                throw ConformanceFailure("no egress rule id")
            }
            try await c.backend.modifySecurityGroupRules(
                groupId: id,
                updates: [
                    SecurityGroupRuleUpdate(
                        securityGroupRuleId: ingress, ipProtocol: "tcp", fromPort: 10, toPort: 11,
                        cidrIpv4: "1.1.1.1/32",
                        description: "second modification"),
                    SecurityGroupRuleUpdate(
                        securityGroupRuleId: egress, ipProtocol: "udp", fromPort: 20, toPort: 21,
                        cidrIpv4: "2.2.2.2/32",
                        description: "first modification"),
                ])
            try await c.expectRules(id, .ingress, ["tcp 10-11 from 1.1.1.1/32 \"second modification\""])
            try await c.expectRules(id, .egress, [allTrafficOutText, "udp 20-21 to 2.2.2.2/32 \"first modification\""])
        },
        ConformanceScenario(
            "modify-rule-with-referenced-group", source: "moto 22 (AWS-verified)",
            motoDiffers: "moto ignores ReferencedGroupId in ModifySecurityGroupRules (a TODO in its model)"
        ) { c in
            let id = try await c.createGroup("modify-ref")
            let owner = try await c.owner(of: id)
            guard
                let rule = try await c.authorize(.ingress, id, permission("tcp", 30900, 31000, groups: [id])).first?
                    .securityGroupRuleId
            else {
                throw ConformanceFailure("no rule id")
            }
            try await c.backend.modifySecurityGroupRules(
                groupId: id,
                updates: [
                    SecurityGroupRuleUpdate(
                        securityGroupRuleId: rule, ipProtocol: "tcp", fromPort: 39900, toPort: 40000,
                        referencedGroupId: id)
                ])
            try await c.expectRules(id, .ingress, ["tcp 39900-40000 from \(owner)/\(id)"])
        },
    ]
}
