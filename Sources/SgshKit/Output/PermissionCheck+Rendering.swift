// `--check-permissions` as people and programs read it: one line (or one JSON
// object) per planned call with its verdict, from the same checks.

import SgshModel

extension PermissionCheck {
    /// True unless the call was denied or would fail.
    public var passed: Bool {
        switch verdict {
        case .allowed, .notCheckable: true
        case .denied, .failed: false
        }
    }

    /// `allowed`, `denied`, `error` or `skipped`.
    var verdictName: String {
        switch verdict {
        case .allowed: "allowed"
        case .denied: "denied"
        case .failed: "error"
        case .notCheckable: "skipped"
        }
    }
}

extension ReportRenderer {
    /// `allowed  AuthorizeSecurityGroupIngress sg-0abc` per call, the reason in parentheses.
    public static func text(_ checks: [PermissionCheck]) -> String {
        guard !checks.isEmpty else { return "No changes: nothing to check.\n" }
        return checks.map { check in
            let verdict = check.verdictName + String(repeating: " ", count: max(1, 9 - check.verdictName.count))
            let what = "\(verdict)\(check.call.actionName) \(check.call.group)"
            switch check.verdict {
            case .allowed: return what + "\n"
            case .notCheckable(let why): return "\(what)  (\(why))\n"
            case .denied(let failure), .failed(let failure): return "\(what)  (\(failure))\n"
            }
        }.joined()
    }

    /// `{"Allowed": …, "Calls": [{"Action", "GroupId", "Verdict", "Reason" | "Error"}]}`.
    package static func json(_ checks: [PermissionCheck]) -> JSONValue {
        let calls: [JSONValue] = checks.map { check in
            var members: [JSONValue.Member] = [
                .init("Action", .string(check.call.actionName)),
                .init("GroupId", .string(check.call.group.description)),
                .init("Verdict", .string(check.verdictName)),
            ]
            switch check.verdict {
            case .allowed: break
            case .notCheckable(let why): members.append(.init("Reason", .string(why)))
            case .denied(let failure), .failed(let failure):
                members.append(
                    .init(
                        "Error",
                        .object([.init("Code", .string(failure.code)), .init("Message", .string(failure.message))])))
            }
            return .object(members)
        }
        return .object([.init("Allowed", .bool(checks.allSatisfy(\.passed))), .init("Calls", .array(calls))])
    }

    /// The checks as JSON text, for embedders.
    public static func jsonText(_ checks: [PermissionCheck], pretty: Bool = true) -> String {
        json(checks).rendered(pretty: pretty)
    }
}
