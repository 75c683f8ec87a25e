// Scenarios for DescribeSecurityGroupRules.

import SgshModel

extension ConformanceSuite {
    static let ruleQueries: [ConformanceScenario] = [
        ConformanceScenario("new-group-has-one-rule", source: "moto 20") { c in
            let id = try await c.createGroup("onerule")
            let rules = try await c.backend.describeSecurityGroupRules(groupId: id, ruleIds: [])
            try c.expectEqual(rules.count, 1, "rules of a new group")
            guard let rule = rules.first else { return }
            try c.expect(
                rule.isEgress && rule.ipProtocol == "-1" && rule.cidrIpv4 == "0.0.0.0/0" && rule.groupId == id,
                "default rule: \(rule)")
            let again = try await c.backend.describeSecurityGroupRules(
                groupId: nil, ruleIds: [rule.securityGroupRuleId])
            try c.expectEqual(again.map(\.securityGroupRuleId), [rule.securityGroupRuleId], "rule by id")
        },
        ConformanceScenario("describe-rules-by-group-and-ids", source: "moto 18") { c in
            let id = try await c.createGroup("rulesbyid")
            try await c.authorize(.ingress, id, tcp(27017, 27018, "1.2.3.4/32", "2.3.4.5/32"))
            let rules = try await c.backend.describeSecurityGroupRules(groupId: id, ruleIds: [])
            try c.expectEqual(rules.count, 3, "one rule per CIDR plus the default egress rule")
            let ingress = rules.filter { !$0.isEgress }.map(\.securityGroupRuleId)
            let picked = try await c.backend.describeSecurityGroupRules(groupId: nil, ruleIds: ingress)
            try c.expectEqual(Set(picked.map(\.securityGroupRuleId)), Set(ingress), "rules picked by id")
        },
        ConformanceScenario("describe-rules-errors", source: "moto 52 (AWS-verified)") { c in
            let malformed = try await c.expectError("InvalidGroupId.Malformed", "group id 'foobar'") {
                try await c.backend.describeSecurityGroupRules(groupId: "foobar", ruleIds: [])
            }
            try c.expect(
                malformed.message.contains("The security group ID 'foobar' is malformed"),
                "message: \(malformed.message)")
            let unknown = try await c.expectError(
                "InvalidSecurityGroupRuleId.NotFound", "rule id sgr-0f80c7e764c18b3c0"
            ) {
                try await c.backend.describeSecurityGroupRules(groupId: nil, ruleIds: ["sgr-0f80c7e764c18b3c0"])
            }
            try c.expect(
                unknown.message.contains("The security group rule ID 'sgr-0f80c7e764c18b3c0' does not exist"),
                "message: \(unknown.message)")
            let none = try await c.backend.describeSecurityGroupRules(groupId: "sg-005216b55886f0fdc", ruleIds: [])
            try c.expect(none.isEmpty, "a well-formed unknown group has no rules (no error): \(none)")
        },
        ConformanceScenario("rule-tags-from-tag-specifications", source: "moto 19") { c in
            let id = try await c.createGroup("ruletags")
            let tags = [Tag(key: "Automation", value: "Lambda"), Tag(key: "Partner", value: "test")]
            let added = try await c.backend.authorize(
                .ingress, groupId: id, permissions: [tcp(22, nil, "10.0.0.0/8")], tags: tags, dryRun: false)
            try c.expectEqual(added.first.map { Set($0.tags) }, Set(tags), "tags in the response")
            let listed = try await c.backend.describeSecurityGroupRules(
                groupId: id, ruleIds: added.map(\.securityGroupRuleId))
            try c.expectEqual(listed.first.map { Set($0.tags) }, Set(tags), "tags when described")
        },
        ConformanceScenario("create-tags-on-a-rule", source: "moto 17") { c in
            let id = try await c.createGroup("tagrule")
            guard let rule = try await c.backend.describeSecurityGroupRules(groupId: id, ruleIds: []).first else {
                throw ConformanceFailure("no default rule")
            }
            try await c.backend.createTags(
                resourceIds: [rule.securityGroupRuleId], tags: [Tag(key: "k", value: "v")], dryRun: false)
            let again = try await c.backend.describeSecurityGroupRules(groupId: id, ruleIds: [])
            try c.expectEqual(again.first?.tags, [Tag(key: "k", value: "v")], "rule tags")
        },
    ]
}
