// A typed tree of request parameters and its ec2Query flattening.
//
// Actions build a tree of structures, lists and scalars with the wire member
// names already chosen; `flatten` is the one place that turns it into form
// pairs by EC2's rules: nested members join with `.`, lists are always
// flattened as `Name.N` (1-based, list member names ignored), empty lists and
// absent members produce nothing, booleans are `true`/`false`.

/// A request parameter value in the EC2 Query protocol.
public indirect enum EC2QueryValue: Hashable, Sendable {
    /// A string, sent as is (an empty string is sent as `Key=`).
    case string(String)
    /// An integer.
    case integer(Int)
    /// A boolean, sent as `true` or `false`.
    case boolean(Bool)
    /// A list, flattened as `Key.1`, `Key.2`, …; an empty list sends nothing.
    case list([EC2QueryValue])
    /// A structure: members in order, by wire name; nil members send nothing.
    case structure([Member])

    /// One member of a structure.
    public struct Member: Hashable, Sendable {
        /// The wire name (`IpPermissions`, `GroupDescription`).
        public var name: String
        /// The value, or nil when the member is absent.
        public var value: EC2QueryValue?
        /// Creates a member.
        public init(_ name: String, _ value: EC2QueryValue?) {
            self.name = name
            self.value = value
        }
    }

    /// The form pairs of this value under `prefix` (empty for the top-level input).
    public func flatten(prefix: String = "") -> [EC2QueryParameter] {
        var out: [EC2QueryParameter] = []
        var name = Array(prefix.utf8)
        forEachPair(name: &name) { name, value in
            out.append(EC2QueryParameter(String(decoding: name, as: UTF8.self), value))
        }
        return out
    }

    /// `flatten(prefix: name)` as form pairs appended to `out` (`&`-separated, percent-encoded),
    /// without a String per name.
    func appendForm(to out: inout [UInt8], name: inout [UInt8]) {
        forEachPair(name: &name) { name, value in
            if !out.isEmpty { out.append(UInt8(ascii: "&")) }
            SigV4Signer.percentEncode(bytes: name, keepSlash: false, into: &out)
            out.append(UInt8(ascii: "="))
            SigV4Signer.percentEncode(value, keepSlash: false, into: &out)
        }
    }

    /// The one walk of EC2's flattening rules: `visit` gets each pair's name (UTF-8, in a buffer
    /// that grows and shrinks as the tree is walked) and value, in member order.
    private func forEachPair(name: inout [UInt8], _ visit: ([UInt8], String) -> Void) {
        switch self {
        case .string(let text): visit(name, text)
        case .integer(let value): visit(name, String(value))
        case .boolean(let value): visit(name, value ? "true" : "false")
        case .list(let items):
            let end = name.count
            for (index, item) in items.enumerated() {
                name.append(UInt8(ascii: "."))
                name.append(contentsOf: String(index + 1).utf8)
                item.forEachPair(name: &name, visit)
                name.removeSubrange(end...)
            }
        case .structure(let members):
            let end = name.count
            for member in members {
                guard let value = member.value else { continue }
                if end > 0 { name.append(UInt8(ascii: ".")) }
                name.append(contentsOf: member.name.utf8)
                value.forEachPair(name: &name, visit)
                name.removeSubrange(end...)
            }
        }
    }

    /// The ec2Query key of a model member: its `queryName` if any, else its
    /// `locationName` capitalised, else its member name capitalised.
    public static func memberKey(memberName: String, locationName: String? = nil, queryName: String? = nil) -> String {
        if let queryName { return queryName }
        let base = locationName ?? memberName
        guard let first = base.first else { return base }
        return first.uppercased() + base.dropFirst()
    }

    /// A string, or nil for nil.
    static func string(_ text: String?) -> EC2QueryValue? { text.map { .string($0) } }
    /// An integer, or nil for nil.
    static func integer(_ value: Int?) -> EC2QueryValue? { value.map { .integer($0) } }
    /// A list of strings.
    static func strings(_ values: [String]) -> EC2QueryValue { .list(values.map { .string($0) }) }
}
