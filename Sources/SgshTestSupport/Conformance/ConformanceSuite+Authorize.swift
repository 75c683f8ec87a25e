// Scenarios for AuthorizeSecurityGroupIngress/Egress: shapes of rules,
// validation, duplicates, and all-or-nothing calls.

import SgshKit
import SgshModel

extension ConformanceSuite {
    static let authorize: [ConformanceScenario] = [
        ConformanceScenario("new-group-has-default-egress-rule", source: "moto 20, 33, EC2-FACTS §2") { c in
            let id = try await c.createGroup("fresh")
            try await c.expectRules(id, .ingress, [])
            try await c.expectRules(id, .egress, [allTrafficOutText])
            try c.expectEqual(try await c.group(id).ipPermissionsEgress.map(\.ipProtocol), ["-1"], "egress protocols")
        },
        ConformanceScenario("authorize-and-revoke-ingress", source: "moto 9") { c in
            let id = try await c.createGroup("ingress")
            let ssh = tcp(22, 2222, "123.123.123.123/32")
            try await c.expectError("DryRunOperation", "dry-run authorize") {
                try await c.backend.authorize(.ingress, groupId: id, permissions: [ssh], tags: [], dryRun: true)
            }
            try await c.expectRules(id, .ingress, [])
            try await c.authorize(.ingress, id, ssh)
            try await c.expectRules(id, .ingress, ["tcp 22-2222 from 123.123.123.123/32"])
            try await c.expectError("DryRunOperation", "dry-run revoke") {
                try await c.backend.revoke(.ingress, groupId: id, permissions: [ssh], dryRun: true)
            }
            try await c.expectRules(id, .ingress, ["tcp 22-2222 from 123.123.123.123/32"])
            try await c.revoke(.ingress, id, ssh)
            try await c.expectRules(id, .ingress, [])
        },
        ConformanceScenario("authorize-and-revoke-egress", source: "moto 9, 33") { c in
            let id = try await c.createGroup("egress")
            let out = tcp(22, 2222, "123.123.123.123/32")
            try await c.expectError("DryRunOperation", "dry-run authorize egress") {
                try await c.backend.authorize(.egress, groupId: id, permissions: [out], tags: [], dryRun: true)
            }
            try await c.authorize(.egress, id, out)
            try await c.expectRules(id, .egress, [allTrafficOutText, "tcp 22-2222 to 123.123.123.123/32"])
            try await c.revoke(.egress, id, out)
            try await c.expectRules(id, .egress, [allTrafficOutText])
            try await c.revoke(.egress, id, allTrafficOut)
            try await c.expectRules(id, .egress, [])
        },
        ConformanceScenario("authorize-on-unknown-group-fails", source: "moto 37") { c in
            for direction in Direction.allCases {
                let error = try await c.expectError("InvalidGroup.NotFound", "\(direction) on sg-123abc") {
                    try await c.authorize(direction, "sg-123abc", tcp(22, nil, "10.0.0.0/8"))
                }
                try c.expect(error.message.contains("sg-123abc"), "message should name the group: \(error.message)")
            }
        },
        ConformanceScenario("revoke-on-unknown-group-fails", source: "moto 9, 10") { c in
            for direction in Direction.allCases {
                try await c.expectError("InvalidGroup.NotFound", "\(direction) revoke on an unknown group") {
                    try await c.revoke(direction, unknownGroupId, tcp(22, nil, "10.0.0.0/8"))
                }
            }
        },
        ConformanceScenario("authorize-group-reference-and-revoke", source: "moto 10, 12") { c in
            let target = try await c.createGroup("target")
            let other = try await c.createGroup("other")
            let owner = try await c.owner(of: target)
            let fromOther = permission("tcp", 22, 2222, groups: [other])
            try await c.authorize(.ingress, target, fromOther)
            try await c.expectRules(target, .ingress, ["tcp 22-2222 from \(owner)/\(other)"])
            let byName = try await c.backend.describeSecurityGroups(SecurityGroupQuery(groupNames: [c.name("target")]))
            try c.expectEqual(
                byName.first?.ipPermissions.first?.userIdGroupPairs.first?.groupId, other, "pair group id by name")
            try await c.expectError("InvalidGroup.NotFound", "revoking a reference to an unknown group") {
                try await c.revoke(.ingress, target, permission("tcp", 22, 2222, groups: [unknownGroupId]))
            }
            try await c.revoke(.ingress, target, fromOther)
            try await c.expectRules(target, .ingress, [])
        },
        ConformanceScenario("authorize-group-reference-egress", source: "moto 11") { c in
            let sg01 = try await c.createGroup("sg01")
            let sg02 = try await c.createGroup("sg02")
            let owner = try await c.owner(of: sg01)
            let toMongo = permission("tcp", 27017, 27017, groups: [sg02])
            try await c.authorize(.egress, sg01, toMongo)
            try await c.expectRules(sg01, .egress, [allTrafficOutText, "tcp 27017 to \(owner)/\(sg02)"])
            try await c.revoke(.egress, sg01, toMongo)
            try await c.expectRules(sg01, .egress, [allTrafficOutText])
        },
        ConformanceScenario("authorize-unknown-referenced-group-fails", source: "moto 10") { c in
            let id = try await c.createGroup("badref")
            try await c.expectError("InvalidGroup.NotFound", "a pair naming an unknown group") {
                try await c.authorize(.ingress, id, permission("tcp", 22, 22, groups: [unknownGroupId]))
            }
        },
        ConformanceScenario("authorize-malformed-cidr-fails", source: "moto 14, EC2-SCENARIOS appendix") { c in
            let id = try await c.createGroup("badcidr")
            for cidr in ["123.123.123.123", "10.0.0.300/8", "10.0.0.0/33"] {
                try await c.expectError("InvalidParameterValue", "CIDR \(cidr)") {
                    try await c.authorize(.ingress, id, tcp(22, nil, cidr))
                }
            }
            try await c.expectRules(id, .ingress, [])
        },
        ConformanceScenario(
            "authorize-host-bits-are-masked", source: "EC2-FACTS §3",
            motoDiffers: "moto stores 10.0.0.1/8 and 2001:db8::1/64 verbatim"
        ) { c in
            let id = try await c.createGroup("mask")
            try await c.authorize(
                .ingress, id, tcp(22, nil, "100.68.0.18/18"), permission("tcp", 443, 443, ipv6: ["2001:db8::1/64"]))
            try await c.expectRules(id, .ingress, ["tcp 22 from 100.68.0.0/18", "tcp 443 from 2001:db8::/64"])
            try await c.expectError("InvalidPermission.Duplicate", "re-adding the canonical form") {
                try await c.authorize(.ingress, id, tcp(22, nil, "100.68.0.0/18"))
            }
        },
        ConformanceScenario("authorize-all-protocols-without-ports", source: "moto 16, 25") { c in
            let id = try await c.createGroup("allproto")
            try await c.authorize(.ingress, id, permission("-1", cidrs: ["0.0.0.0/0"]))
            let group = try await c.group(id)
            try c.expectEqual(group.ipPermissions.count, 1, "ingress permissions")
            let only = group.ipPermissions.first
            try c.expectEqual(only?.ipProtocol, "-1", "protocol")
            try c.expect(
                only?.fromPort == nil && only?.toPort == nil,
                "a -1 permission carries no ports: \(String(describing: only))")
            let rules = try await c.backend.describeSecurityGroupRules(groupId: id, ruleIds: [])
            try c.expect(rules.allSatisfy { $0.fromPort == -1 && $0.toPort == -1 }, "rules show -1/-1: \(rules)")
        },
        ConformanceScenario("authorize-ipv6-rules", source: "moto 53, EC2-FACTS §2") { c in
            let id = try await c.createGroup("ipv6")
            try await c.authorize(.ingress, id, permission("tcp", 443, 443, ipv6: ["::/0", "2001:db8::/32"]))
            try await c.authorize(.egress, id, permission("-1", ipv6: ["::/0"]))
            try await c.expectRules(id, .ingress, ["tcp 443 from ::/0", "tcp 443 from 2001:db8::/32"])
            try await c.expectRules(id, .egress, [allTrafficOutText, "all to ::/0"])
            let rules = try await c.backend.describeSecurityGroupRules(groupId: id, ruleIds: [])
            try c.expectEqual(Set(rules.compactMap(\.cidrIpv6)), ["::/0", "2001:db8::/32"], "CidrIpv6 of the rules")
        },
        ConformanceScenario("authorize-icmp-and-protocol-numbers", source: "EC2-FACTS §3") { c in
            let id = try await c.createGroup("icmp")
            try await c.authorize(
                .ingress, id, permission("icmp", 8, -1, cidrs: ["10.0.0.0/8"]),
                permission("icmp", 3, 4, cidrs: ["10.0.0.0/8"]),
                permission("icmpv6", -1, -1, ipv6: ["2001:db8::/32"]), permission("50", -1, -1, cidrs: ["192.0.2.0/24"])
            )
            try await c.expectRules(
                id, .ingress,
                [
                    "icmp echo-request from 10.0.0.0/8", "icmp 3:4 from 10.0.0.0/8", "icmpv6 all from 2001:db8::/32",
                    "50 from 192.0.2.0/24",
                ])
        },
        ConformanceScenario("uppercase-protocol-is-normalised", source: "moto 51") { c in
            let id = try await c.createGroup("upper")
            try await c.authorize(
                .ingress, id, permission("TCP", 3000, 3300, cidrs: ["10.0.0.1/32"]),
                permission("TCP", 8080, 8080, cidrs: ["10.0.0.1/32", "10.0.0.10/32"]))
            let rules = try await c.backend.describeSecurityGroupRules(groupId: id, ruleIds: []).filter { !$0.isEgress }
            try c.expectEqual(rules.count, 3, "ingress rules")
            try c.expect(
                rules.allSatisfy { $0.ipProtocol == "tcp" }, "protocols are stored as 'tcp': \(rules.map(\.ipProtocol))"
            )
        },
        ConformanceScenario(
            "authorize-invalid-ports-and-protocols-fail", source: "EC2-FACTS §3",
            motoDiffers: "moto stores ports 70000, -5, from > to and protocol 'foo' as given (200)"
        ) { c in
            let id = try await c.createGroup("badports")
            let bad = [
                permission("tcp", 70000, 70000, cidrs: ["10.0.0.0/8"]),
                permission("tcp", -5, 22, cidrs: ["10.0.0.0/8"]),
                permission("tcp", 100, 10, cidrs: ["10.0.0.0/8"]), permission("foo", 1, 2, cidrs: ["10.0.0.0/8"]),
                permission("udp", nil, 53, cidrs: ["10.0.0.0/8"]),
            ]
            for permission in bad {
                try await c.expectError("InvalidParameterValue", "permission \(permission)") {
                    try await c.authorize(.ingress, id, permission)
                }
            }
            try await c.expectRules(id, .ingress, [])
        },
        ConformanceScenario(
            "authorize-invalid-description-fails", source: "EC2-FACTS §3",
            motoDiffers: "moto does not validate rule descriptions (not measured)"
        ) { c in
            let id = try await c.createGroup("baddesc")
            try await c.expectError("InvalidParameterValue", "a description with '<'") {
                try await c.authorize(.ingress, id, tcp(22, nil, "10.0.0.0/8", description: "<script>"))
            }
            try await c.expectError("InvalidParameterValue", "a description of 256 characters") {
                try await c.authorize(
                    .ingress, id, tcp(22, nil, "10.0.0.0/8", description: String(repeating: "d", count: 256)))
            }
        },
        ConformanceScenario("duplicate-rule-fails", source: "moto 24, EC2-FACTS §4") { c in
            let id = try await c.createGroup("dup")
            try await c.authorize(.ingress, id, tcp(27017, nil, "1.2.3.4/32"))
            try await c.expectError("InvalidPermission.Duplicate", "the same ingress rule again") {
                try await c.authorize(.ingress, id, tcp(27017, nil, "1.2.3.4/32", description: "other text, same rule"))
            }
            try await c.expectError("InvalidPermission.Duplicate", "the default egress rule again") {
                try await c.authorize(.egress, id, allTrafficOut)
            }
        },
        ConformanceScenario(
            "duplicate-in-call-is-all-or-nothing", source: "EC2-SCENARIOS appendix",
            motoDiffers: "moto keeps the new rule of a call that fails with InvalidPermission.Duplicate"
        ) { c in
            let id = try await c.createGroup("atomic")
            try await c.authorize(.ingress, id, tcp(22, nil, "10.0.0.0/8"))
            try await c.expectError("InvalidPermission.Duplicate", "a new rule plus an existing one") {
                try await c.authorize(.ingress, id, tcp(443, nil, "0.0.0.0/0"), tcp(22, nil, "10.0.0.0/8"))
            }
            try await c.expectRules(id, .ingress, ["tcp 22 from 10.0.0.0/8"])
        },
        ConformanceScenario(
            "duplicate-within-one-call-fails", source: "EC2-FACTS §4",
            motoDiffers: "moto answers InvalidPermission.Duplicate but keeps the first copy (it adds rules one by one)"
        ) { c in
            let id = try await c.createGroup("twice")
            try await c.expectError("InvalidPermission.Duplicate", "one rule twice in one call") {
                try await c.authorize(.ingress, id, tcp(80, nil, "10.0.0.0/8"), tcp(80, nil, "10.0.0.0/8"))
            }
            try await c.expectRules(id, .ingress, [])
        },
        ConformanceScenario(
            "authorize-returns-every-new-rule", source: "EC2-SCENARIOS appendix",
            motoDiffers: "moto's response lists only the last permission's rules"
        ) { c in
            let id = try await c.createGroup("response")
            let added = try await c.authorize(
                .ingress, id, tcp(22, nil, "10.0.0.0/8", "10.1.0.0/16"),
                permission("udp", 53, 53, cidrs: ["10.2.0.0/16"]))
            try c.expectEqual(added.count, 3, "rules in the response")
            try c.expect(
                added.allSatisfy { $0.securityGroupRuleId.hasPrefix("sgr-") && !$0.isEgress && $0.groupId == id },
                "rule fields: \(added)")
            let listed = try await c.backend.describeSecurityGroupRules(
                groupId: id, ruleIds: added.map(\.securityGroupRuleId))
            try c.expectEqual(
                Set(listed.compactMap(\.cidrIpv4)), ["10.0.0.0/8", "10.1.0.0/16", "10.2.0.0/16"], "CIDRs")
        },
        ConformanceScenario("descriptions-in-ip-permissions", source: "moto 25") { c in
            let id = try await c.createGroup("described")
            try await c.authorize(
                .ingress, id,
                IPPermission(
                    ipProtocol: "tcp", fromPort: 27017, toPort: 27018,
                    ipRanges: [
                        IPRange(cidrIp: "1.2.3.4/32", description: "austin"),
                        IPRange(cidrIp: "2.3.4.5/32", description: "powers"),
                    ]))
            let group = try await c.group(id)
            try c.expectEqual(group.ipPermissions.count, 1, "ingress permissions")
            try c.expectEqual(
                group.ipPermissions.first?.ipRanges,
                [
                    IPRange(cidrIp: "1.2.3.4/32", description: "austin"),
                    IPRange(cidrIp: "2.3.4.5/32", description: "powers"),
                ],
                "IpRanges in order with descriptions")
            let rules = try await c.backend.describeSecurityGroupRules(groupId: id, ruleIds: [])
            try c.expectEqual(rules.count, 3, "rules (two ingress, default egress)")
            try c.expectEqual(
                Set(rules.filter { !$0.isEgress }.map { "\($0.cidrIpv4 ?? "") \($0.description ?? "")" }),
                ["1.2.3.4/32 austin", "2.3.4.5/32 powers"], "ingress rules with descriptions")
            let plain = try await c.createGroup("plain")
            try await c.authorize(.ingress, plain, tcp(27017, 27018, "1.2.3.4/32"))
            try c.expectEqual(
                try await c.group(plain).ipPermissions.first?.ipRanges.first?.description, nil, "no description")
        },
        ConformanceScenario("authorize-in-bulk-merges-permissions", source: "moto 29") { c in
            let id = try await c.createGroup("bulk")
            let sg2 = try await c.createGroup("bulk2")
            let sg3 = try await c.createGroup("bulk3")
            let sg4 = try await c.createGroup("bulk4")
            let permissions = [
                permission("tcp", 27017, 27017, groups: [sg2]), permission("tcp", 27018, 27018, groups: [sg2]),
                permission("tcp", 27017, 27017, groups: [sg3]),
                IPPermission(
                    ipProtocol: "tcp", fromPort: 27015, toPort: 27015,
                    ipRanges: [IPRange(cidrIp: "10.10.10.0/24", description: "Some Description")],
                    userIdGroupPairs: [UserIdGroupPair(groupId: sg4)]),
                IPPermission(
                    ipProtocol: "tcp", fromPort: 27016, toPort: 27016, ipRanges: [IPRange(cidrIp: "10.10.10.0/24")],
                    userIdGroupPairs: [UserIdGroupPair(groupId: sg4)]),
            ]
            for direction in Direction.allCases {
                try await c.backend.authorize(direction, groupId: id, permissions: permissions, tags: [], dryRun: false)
                let group = try await c.group(id)
                let expected = direction == .ingress ? 4 : 5
                try c.expectEqual(
                    group.permissions(direction).count, expected, "\(direction) permissions after merging")
                let merged = group.permissions(direction).first { $0.fromPort == 27017 }
                try c.expectEqual(Set(merged?.userIdGroupPairs.compactMap(\.groupId) ?? []), [sg2, sg3], "27017 peers")
                try await c.backend.revoke(
                    direction, groupId: id, permissions: group.permissions(direction).filter { $0.ipProtocol == "tcp" },
                    dryRun: false)
                try await c.expectRules(id, direction, direction == .ingress ? [] : [allTrafficOutText])
            }
        },
        ConformanceScenario("mixed-sources-in-one-call", source: "moto 53") { c in
            for direction in Direction.allCases {
                let id = try await c.createGroup("mixed-\(direction)")
                let owner = try await c.owner(of: id)
                try await c.backend.authorize(
                    direction, groupId: id,
                    permissions: [
                        tcp(22, nil, "10.0.0.0/24"), tcp(22, nil, "10.0.1.0/24"), tcp(80, nil, "10.0.0.0/24"),
                        permission("udp", 22, 22, cidrs: ["10.0.0.0/24"]),
                        permission("-1", -1, -1, cidrs: ["10.0.0.0/24"]),
                        permission("tcp", 22, 22, ipv6: ["2001:db8::/32"]),
                        permission("tcp", 443, 443, ipv6: ["2001:db8::/64"]),
                        permission("tcp", 22, 22, groups: [id]), permission("tcp", 25, 25, groups: [id]),
                    ],
                    tags: [], dryRun: false)
                let group = try await c.group(id)
                try c.expectEqual(
                    group.permissions(direction).count, 6, "\(direction) permissions keyed by protocol and ports")
                let all = group.permissions(direction).first { $0.ipProtocol == "-1" }
                try c.expect(all?.fromPort == nil && all?.toPort == nil, "the -1 permission has no ports")
                let p = SourceWriter.preposition(direction)
                var expected = [
                    "tcp 22 \(p) 10.0.0.0/24", "tcp 22 \(p) 10.0.1.0/24", "tcp 80 \(p) 10.0.0.0/24",
                    "udp 22 \(p) 10.0.0.0/24",
                    "all \(p) 10.0.0.0/24", "tcp 22 \(p) 2001:db8::/32", "tcp 443 \(p) 2001:db8::/64",
                    "tcp 22 \(p) \(owner)/\(id)", "tcp 25 \(p) \(owner)/\(id)",
                ]
                if direction == .egress { expected.append(allTrafficOutText) }
                try await c.expectRules(id, direction, expected)
                let rules = try await c.backend.describeSecurityGroupRules(groupId: id, ruleIds: [])
                try c.expectEqual(rules.count, 10, "one rule per source (plus the default egress rule)")
            }
        },
        ConformanceScenario("prefix-list-rules", source: "moto 53") { c in
            let id = try await c.createGroup("prefix")
            let list = try await c.createPrefixList("office", maxEntries: 2, entries: ["10.1.0.0/16"])
            try await c.authorize(
                .ingress, id, permission("tcp", 22, 22, prefixLists: [list]),
                permission("tcp", 8080, 8080, prefixLists: [list]))
            try await c.expectRules(id, .ingress, ["tcp 22 from \(list)", "tcp 8080 from \(list)"])
            let rules = try await c.backend.describeSecurityGroupRules(groupId: id, ruleIds: [])
            try c.expectEqual(rules.compactMap(\.prefixListId).count, 2, "rules with a PrefixListId")
            try await c.revoke(.ingress, id, permission("tcp", 22, 22, prefixLists: [list]))
            try await c.expectRules(id, .ingress, ["tcp 8080 from \(list)"])
        },
        ConformanceScenario("prefix-lists-are-read-with-their-entries", source: "EC2 API reference") { c in
            let list = try await c.createPrefixList(
                "read", maxEntries: 5, entries: ["10.2.0.0/16", "192.0.2.0/24"])
            let missing = "pl-0123456789abcdef0"
            let found = try await c.backend.describeManagedPrefixLists(ids: [list, missing])
            try c.expectEqual(found.map(\.id), [list], "only the list that exists")
            try c.expectEqual(found.first?.maxEntries, 5, "MaxEntries")
            try c.expectEqual(found.first?.family, .ipv4, "AddressFamily")
            try c.expectEqual(
                found.first?.entries.map(\.description).sorted(), ["10.2.0.0/16", "192.0.2.0/24"], "entries")
        },
        ConformanceScenario(
            "unknown-prefix-list-is-refused", source: "EC2 error codes",
            motoDiffers: "moto accepts any well-formed pl- id"
        ) { c in
            let id = try await c.createGroup("prefix-unknown")
            try await c.expectError("InvalidPrefixListID.NotFound", "a rule naming a list that does not exist") {
                try await c.authorize(.ingress, id, permission("tcp", 22, 22, prefixLists: ["pl-0123456789abcdef0"]))
            }
            try await c.expectRules(id, .ingress, [])
        },
    ]
}
