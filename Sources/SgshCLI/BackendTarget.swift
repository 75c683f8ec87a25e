// What a command acted on, as every report names it first: a firewall change
// report that does not say where it went cannot be trusted (issue 17). The
// text line and the JSON member are both written here, from one value, so a
// new fact (the AWS account) is added in one place.

import SgshEC2
import SgshKit

/// The backend a command acted on.
enum BackendTarget: Hashable, Sendable {
    /// The local backend and its state file.
    case local(stateFile: String)
    /// EC2 in a region, at an endpoint, as the caller STS named (nil when STS has no
    /// endpoint beside a custom EC2 endpoint).
    case aws(region: String, endpoint: String, identity: CallerIdentity?)

    /// The facts, in order, as label and value.
    private var facts: [(label: String, json: String, value: String)] {
        switch self {
        case .local(let stateFile):
            [("state file", "StateFile", stateFile)]
        case .aws(let region, let endpoint, let identity):
            (identity.map { [("account", "Account", $0.account), ("as", "Arn", $0.arn)] } ?? [])
                + [("region", "Region", region), ("endpoint", "Endpoint", endpoint)]
        }
    }

    private var kind: String {
        switch self {
        case .local: "local"
        case .aws: "aws"
        }
    }

    /// The report's first line: `Backend: local (state file /path)` or
    /// `Backend: aws (account 123456789012, as arn:…, region us-east-1, endpoint https://…)`.
    var reportHeader: String { "Backend: \(name)\n" }

    /// `local (state file /path)`, `aws (region us-east-1, endpoint https://…)`.
    var name: String {
        "\(kind) (" + facts.map { "\($0.label) \($0.value)" }.joined(separator: ", ") + ")"
    }

    /// What the REPL prompt shows, so an operator always sees where an entry goes:
    /// `local`, `aws:123456789012:eu-west-1` (account and region), and ` at URL` when EC2 is
    /// not AWS's own endpoint for the region (a mock, a private endpoint). Without an
    /// identity (a custom endpoint without STS) the account is left out.
    var promptLabel: String {
        switch self {
        case .local:
            return "local"
        case .aws(let region, let endpoint, let identity):
            let account = identity.map { "\($0.account):" } ?? ""
            let custom = endpoint == EC2Configuration.defaultEndpoint(region: region) ? "" : " at \(endpoint)"
            return "aws:\(account)\(region)\(custom)"
        }
    }

    /// The `Backend` member of a JSON report: `{"Kind": "aws", "Region": …, "Endpoint": …}`.
    var json: JSONValue {
        .object([JSONValue.Member("Kind", .string(kind))] + facts.map { JSONValue.Member($0.json, .string($0.value)) })
    }

    /// `report` with `Backend` as its first member (a report that is not an object is wrapped).
    func addingTo(_ report: JSONValue) -> JSONValue {
        guard case .object(let members) = report else {
            return .object([JSONValue.Member("Backend", json), JSONValue.Member("Report", report)])
        }
        return .object([JSONValue.Member("Backend", json)] + members)
    }
}
