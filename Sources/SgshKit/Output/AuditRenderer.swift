// `sgsh audit`'s three outputs: text for people, JSON for scripts, and SARIF
// 2.1.0 (OASIS) so CI systems show findings inline. A finding is about a live
// rule, which has no file: SARIF gets it as a logical location (group,
// direction, rule) and the policy's statement, when known, as a related
// physical location.

import SgshModel

public enum AuditRenderer {
    /// One line per finding, then a count.
    public static func text(_ findings: [AuditFinding], groupsAudited: Int) -> String {
        var out = ""
        for finding in findings {
            let level = finding.isViolation ? "error" : "warning"
            let subject = finding.groupLabel + (finding.direction.map { " \($0)" } ?? "")
            out += "\(subject): \(level): \(finding.message)\n"
        }
        let violations = findings.count { $0.isViolation }
        let groups = "\(groupsAudited) group\(groupsAudited == 1 ? "" : "s")"
        out +=
            findings.isEmpty
            ? "No findings in \(groups).\n"
            : "\(violations) policy violation\(violations == 1 ? "" : "s"), \(findings.count - violations) hygiene finding\(findings.count - violations == 1 ? "" : "s") in \(groups).\n"
        return out
    }

    /// `{"findings": [{group, groupName, direction, rule, kind, policy?, message}]}`.
    public static func json(_ findings: [AuditFinding]) -> String {
        jsonValue(findings).rendered() + "\n"
    }

    /// The JSON of `json(_:)` as a value (a fleet audit nests it under each target).
    package static func jsonValue(_ findings: [AuditFinding]) -> JSONValue {
        let items: [JSONValue] = findings.map { finding in
            var members: [JSONValue.Member] = finding.target.map { [.init("target", .string($0))] } ?? []
            members += [
                .init("groupId", .string(finding.groupId)), .init("groupName", .string(finding.groupName)),
                .init("direction", finding.direction.map { .string($0.rawValue) } ?? .null),
                .init("rule", finding.ruleText.map(JSONValue.string) ?? .null),
                .init(
                    "kind",
                    .string(finding.ruleId.hasPrefix("policy/") ? "policy" : String(finding.ruleId.dropFirst(8)))),
            ]
            if case .policy(let violation) = finding.kind {
                members.append(.init("policy", .string(violation.policy.name)))
            }
            members.append(.init("message", .string(finding.message)))
            return .object(members)
        }
        return JSONValue.object([.init("findings", .array(items))])
    }

    /// A SARIF 2.1.0 log with one run of the tool `sgsh`.
    public static func sarif(_ findings: [AuditFinding], toolVersion: String) -> String {
        var ruleIds: [String] = []
        var descriptions: [String: String] = [:]
        for finding in findings where descriptions[finding.ruleId] == nil {
            ruleIds.append(finding.ruleId)
            descriptions[finding.ruleId] =
                switch finding.kind {
                case .policy(let violation): violation.policy.name
                case .shadowed: "a rule another rule of the same group and direction already covers"
                case .mergeable: "two rules that could be one"
                case .staleReference: "a rule naming a security group that no longer exists"
                case .unusedGroup: "a security group no network interface uses"
                }
        }
        let rules: [JSONValue] = ruleIds.map { id in
            .object([
                .init("id", .string(id)),
                .init("shortDescription", .object([.init("text", .string(descriptions[id]!))])),
            ])
        }
        let results: [JSONValue] = findings.map { finding in
            let path = [finding.target, finding.groupId, finding.direction?.rawValue, finding.ruleText].compactMap {
                $0
            }
            let logical: JSONValue = .object([
                .init("name", .string(finding.ruleText ?? finding.groupId)),
                .init("fullyQualifiedName", .string(path.joined(separator: "/"))),
                .init("kind", .string("object")),
            ])
            var members: [JSONValue.Member] = [
                .init("ruleId", .string(finding.ruleId)),
                .init("ruleIndex", .int(ruleIds.firstIndex(of: finding.ruleId)!)),
                .init("level", .string(finding.isViolation ? "error" : "warning")),
                .init(
                    "message",
                    .object([
                        .init(
                            "text",
                            .string(
                                finding.groupLabel + (finding.direction.map { " \($0)" } ?? "") + ": \(finding.message)"
                            ))
                    ])),
                .init("locations", .array([.object([.init("logicalLocations", .array([logical]))])])),
            ]
            if case .policy(let violation) = finding.kind, let origin = violation.policy.origin {
                let location = origin.location
                members.append(
                    .init(
                        "relatedLocations",
                        .array([
                            .object([
                                .init("id", .int(0)),
                                .init(
                                    "physicalLocation",
                                    .object([
                                        .init("artifactLocation", .object([.init("uri", .string(origin.file.name))])),
                                        .init(
                                            "region",
                                            .object([
                                                .init("startLine", .int(location.line)),
                                                .init("startColumn", .int(location.column)),
                                            ])),
                                    ])),
                                .init("message", .object([.init("text", .string("the policy is declared here"))])),
                            ])
                        ])))
            }
            return .object(members)
        }
        let driver: JSONValue = .object([
            .init("name", .string("sgsh")), .init("version", .string(toolVersion)), .init("rules", .array(rules)),
        ])
        let log: JSONValue = .object([
            .init("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            .init("version", .string("2.1.0")),
            .init(
                "runs",
                .array([
                    .object([.init("tool", .object([.init("driver", driver)])), .init("results", .array(results))])
                ])),
        ])
        return log.rendered() + "\n"
    }
}
