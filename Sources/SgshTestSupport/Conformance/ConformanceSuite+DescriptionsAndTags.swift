// Scenarios for UpdateSecurityGroupRuleDescriptions*, CreateTags and DeleteTags.

import SgshModel

extension ConformanceSuite {
    static let descriptionsAndTags: [ConformanceScenario] = [
        ConformanceScenario("update-rule-descriptions-egress", source: "moto 35") { c in
            let id = try await c.createGroup("descout")
            try await c.backend.updateRuleDescriptions(
                .egress, groupId: id,
                permissions: [permission("-1", cidrs: ["0.0.0.0/0"], description: "my d3scription")])
            try c.expectEqual(
                try await c.group(id).ipPermissionsEgress.first?.ipRanges,
                [IPRange(cidrIp: "0.0.0.0/0", description: "my d3scription")], "egress IpRanges")
        },
        ConformanceScenario("update-rule-descriptions-ingress", source: "moto 36") { c in
            let id = try await c.createGroup("descin")
            try await c.authorize(
                .ingress, id, tcp(27017, nil, "1.2.3.4/32", "1.2.3.5/32", "1.2.3.6/32", description: "first desc"))
            try await c.backend.updateRuleDescriptions(
                .ingress, groupId: id,
                permissions: [
                    IPPermission(
                        ipProtocol: "tcp", fromPort: 27017, toPort: 27017,
                        ipRanges: [
                            IPRange(cidrIp: "1.2.3.4/32", description: "second desc"),
                            IPRange(cidrIp: "1.2.3.6/32", description: "third desc"),
                        ])
                ])
            try await c.expectRules(
                id, .ingress,
                [
                    "tcp 27017 from 1.2.3.4/32 \"second desc\"", "tcp 27017 from 1.2.3.5/32 \"first desc\"",
                    "tcp 27017 from 1.2.3.6/32 \"third desc\"",
                ])
        },
        ConformanceScenario(
            "update-description-of-unknown-rule-fails", source: "EC2-FACTS §4",
            motoDiffers: "moto answers 200 and changes nothing"
        ) { c in
            let id = try await c.createGroup("descmissing")
            try await c.expectError("InvalidPermission.NotFound", "describing a rule that does not exist") {
                try await c.backend.updateRuleDescriptions(
                    .ingress, groupId: id, permissions: [tcp(22, nil, "10.0.0.0/8", description: "x")])
            }
        },
        ConformanceScenario("create-tags-dry-run-and-real", source: "moto 26") { c in
            let id = try await c.createGroup("tagging")
            let tag = Tag(key: "Test", value: "value-\(c.suffix)")
            try await c.expectError("DryRunOperation", "dry-run CreateTags") {
                try await c.backend.createTags(resourceIds: [id], tags: [tag], dryRun: true)
            }
            try c.expectEqual(try await c.group(id).tags, [], "tags after a dry run")
            try await c.backend.createTags(resourceIds: [id], tags: [tag], dryRun: false)
            try c.expectEqual(try await c.group(id).tags, [tag], "tags")
            try await c.backend.createTags(resourceIds: [id], tags: [Tag(key: "Test", value: "changed")], dryRun: false)
            try c.expectEqual(
                try await c.group(id).tags, [Tag(key: "Test", value: "changed")], "an existing key is overwritten")
        },
        ConformanceScenario("delete-tags", source: "EC2 DeleteTags") { c in
            let id = try await c.createGroup(
                "untag", tags: [Tag(key: "a", value: "1"), Tag(key: "b", value: "2"), Tag(key: "c", value: "3")])
            try await c.backend.deleteTags(resourceIds: [id], tags: [TagSelector(key: "a")], dryRun: false)
            try await c.backend.deleteTags(
                resourceIds: [id], tags: [TagSelector(key: "b", value: "other")], dryRun: false)
            try c.expectEqual(
                Set(try await c.group(id).tags), [Tag(key: "b", value: "2"), Tag(key: "c", value: "3")], "tags left")
            try await c.backend.deleteTags(resourceIds: [id], tags: [TagSelector(key: "b", value: "2")], dryRun: false)
            try c.expectEqual(try await c.group(id).tags, [Tag(key: "c", value: "3")], "tags left")
        },
    ]
}
