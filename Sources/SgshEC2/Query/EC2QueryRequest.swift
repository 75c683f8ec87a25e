// One EC2 Query API call: its action and its form parameters.
//
// Requests are plain values, built by the static constructors in
// `EC2QueryRequest+Actions.swift` from SgshModel types, so they can be
// compared with the golden vectors without any transport or signing.

/// An EC2 Query API request before signing.
public struct EC2QueryRequest: Hashable, Sendable {
    /// The operation name (`DescribeSecurityGroups`).
    public var action: String
    /// The operation's parameters, without Action and Version.
    public var input: EC2QueryValue
    /// The API version (EC2's `2016-11-15`; STS speaks the same protocol as `2011-06-15`).
    public var version: String

    /// Creates a request from an action and its input structure.
    public init(action: String, input: EC2QueryValue = .structure([]), version: String = EC2API.version) {
        self.action = action
        self.input = input
        self.version = version
    }

    /// Every form pair, starting with `Action` and `Version`, in member order.
    public var parameters: [EC2QueryParameter] {
        [EC2QueryParameter("Action", action), EC2QueryParameter("Version", version)] + input.flatten()
    }

    /// The `application/x-www-form-urlencoded` body, RFC 3986-encoded as botocore does it.
    public var body: String { String(decoding: bodyBytes, as: UTF8.self) }

    /// The body's bytes: `parameters`, each name and value encoded straight into one buffer,
    /// the names built in one reused buffer as the tree is walked (a 60-rule authorize has
    /// some 250 pairs; a String per name cost as much again as encoding them).
    public var bodyBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1_024)
        var name: [UInt8] = Array("Action".utf8)
        EC2QueryValue.string(action).appendForm(to: &out, name: &name)
        name = Array("Version".utf8)
        EC2QueryValue.string(version).appendForm(to: &out, name: &name)
        name = []
        input.appendForm(to: &out, name: &name)
        return out
    }

    /// True when the request is sent with `DryRun=true`.
    public var isDryRun: Bool { parameters.contains(EC2QueryParameter("DryRun", "true")) }

    /// The same request with another value for a top-level member (used for `NextToken`).
    public func setting(_ name: String, to value: EC2QueryValue?) -> EC2QueryRequest {
        guard case .structure(var members) = input else { return self }
        if let index = members.firstIndex(where: { $0.name == name }) {
            members[index].value = value
        } else {
            members.append(EC2QueryValue.Member(name, value))
        }
        return EC2QueryRequest(action: action, input: .structure(members), version: version)
    }

    /// The content type the body is sent with.
    public static let contentType = "application/x-www-form-urlencoded; charset=utf-8"
}
