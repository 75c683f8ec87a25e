/// A security group as `:groups` lists it.
struct REPLGroup: Hashable, Sendable {
    var id: String
    var name: String
    /// Anything else worth a glance (VPC, rule counts), already formatted.
    var detail: String
}
