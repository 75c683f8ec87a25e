// Scenarios for the rules-per-group quota (60 inbound, 60 outbound; EC2's default).
//
// These assume the backend enforces EC2's default quota of 60; a backend
// configured with another quota fails them by design.

import SgshModel

extension ConformanceSuite {
    /// `count` distinct /32 CIDRs in 10.<block>.x.y.
    static func cidrs(_ count: Int, block: Int) -> [String] {
        (0..<count).map { "10.\(block).\($0 / 256).\($0 % 256)/32" }
    }

    static let quotas: [ConformanceScenario] = [
        ConformanceScenario("ingress-rule-quota", source: "moto 23") { c in
            let id = try await c.createGroup("quota-in")
            let other = try await c.createGroup("quota-peer")
            let another = try await c.createGroup("quota-peer2")
            try await c.expectError("RulesPerSecurityGroupLimitExceeded", "110 CIDRs in one call") {
                try await c.authorize(.ingress, id, permission("tcp", 22, 22, cidrs: cidrs(110, block: 1)))
            }
            try await c.expectRules(id, .ingress, [])
            try await c.authorize(.ingress, id, permission("tcp", 22, 22, groups: [other]))
            try await c.authorize(.ingress, id, permission("tcp", 22, 22, cidrs: cidrs(59, block: 2)))
            try await c.expectError("RulesPerSecurityGroupLimitExceeded", "the 61st rule (a CIDR)") {
                try await c.authorize(.ingress, id, tcp(22, nil, "192.0.2.0/24"))
            }
            try await c.expectError("RulesPerSecurityGroupLimitExceeded", "the 61st rule (a group)") {
                try await c.authorize(.ingress, id, permission("tcp", 22, 22, groups: [another]))
            }
            try c.expectEqual(try await c.ruleTexts(id, .ingress).count, 60, "ingress rules")
        },
        ConformanceScenario("egress-rule-quota", source: "moto 23") { c in
            let id = try await c.createGroup("quota-out")
            let other = try await c.createGroup("quota-out-peer")
            try await c.authorize(.egress, id, permission("tcp", 22, 22, groups: [other]))
            try await c.authorize(.egress, id, permission("tcp", 22, 22, cidrs: cidrs(58, block: 3)))
            try await c.expectError("RulesPerSecurityGroupLimitExceeded", "the 61st egress rule") {
                try await c.authorize(.egress, id, tcp(22, nil, "192.0.2.0/24"))
            }
            try c.expectEqual(try await c.ruleTexts(id, .egress).count, 60, "egress rules (with the default rule)")
            try await c.authorize(.ingress, id, tcp(22, nil, "192.0.2.0/24"))
        },
        ConformanceScenario(
            "ipv4-and-ipv6-rules-are-counted-apart", source: "EC2-FACTS §2",
            motoDiffers: "moto counts IPv4 and IPv6 rules together against one limit"
        ) { c in
            let id = try await c.createGroup("quota-v6")
            try await c.authorize(.ingress, id, permission("tcp", 443, 443, cidrs: cidrs(60, block: 4)))
            let v6 = (0..<60).map { "2001:db8:\(String($0, radix: 16))::/48" }
            try await c.authorize(.ingress, id, permission("tcp", 443, 443, ipv6: v6))
            try await c.expectError("RulesPerSecurityGroupLimitExceeded", "the 61st IPv6 rule") {
                try await c.authorize(.ingress, id, permission("tcp", 443, 443, ipv6: ["2001:db9::/32"]))
            }
            try c.expectEqual(try await c.ruleTexts(id, .ingress).count, 120, "ingress rules")
        },
        ConformanceScenario(
            "a-prefix-list-counts-its-max-entries", source: "EC2-FACTS §2",
            motoDiffers: "moto counts a prefix-list reference as one rule"
        ) { c in
            let id = try await c.createGroup("quota-pl")
            let list = try await c.createPrefixList("quota", maxEntries: 20, entries: ["10.9.0.0/16"])
            let v6 = try await c.createPrefixList("quota-v6", maxEntries: 50, family: .ipv6)
            try await c.authorize(.ingress, id, permission("tcp", 22, 22, cidrs: cidrs(40, block: 5)))
            try await c.authorize(.ingress, id, permission("tcp", 443, 443, prefixLists: [list]))
            try await c.expectError("RulesPerSecurityGroupLimitExceeded", "40 CIDRs + 20 entries + 1 CIDR") {
                try await c.authorize(.ingress, id, tcp(22, nil, "192.0.2.0/24"))
            }
            try await c.authorize(.ingress, id, permission("tcp", 443, 443, prefixLists: [v6]))
            try c.expectEqual(try await c.ruleTexts(id, .ingress).count, 42, "ingress rules")
        },
    ]
}
