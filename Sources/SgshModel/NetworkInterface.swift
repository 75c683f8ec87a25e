// A network interface as DescribeNetworkInterfaces returns it: what keeps a
// security group from being deleted (EC2 answers DependencyViolation while an
// interface uses it). sgsh reads interfaces only to name them: the instance,
// Lambda function or load balancer behind each one, instead of a bare error.

/// A network interface (EC2 NetworkInterface), the parts sgsh reports.
public struct NetworkInterface: Hashable, Sendable, Codable {
    /// `eni-…`.
    public var networkInterfaceId: String
    /// What made it, in AWS's words (`AWS Lambda VPC ENI-…`, `ELB app/…`), or the user's.
    public var description: String?
    /// `interface`, `lambda`, `network_load_balancer`, … (EC2's InterfaceType).
    public var interfaceType: String?
    /// `in-use` or `available`.
    public var status: String?
    /// The service that manages it (RequesterId), for interfaces AWS made.
    public var requesterId: String?
    /// The security groups it uses.
    public var groupIds: [String]
    /// The instance it is attached to, when it is.
    public var attachedInstanceId: String?

    public init(
        networkInterfaceId: String, description: String? = nil, interfaceType: String? = nil, status: String? = nil,
        requesterId: String? = nil, groupIds: [String], attachedInstanceId: String? = nil
    ) {
        self.networkInterfaceId = networkInterfaceId
        self.description = description
        self.interfaceType = interfaceType
        self.status = status
        self.requesterId = requesterId
        self.groupIds = groupIds
        self.attachedInstanceId = attachedInstanceId
    }

    /// `eni-0abc (attached to i-0123, "web server")`: the interface and what it belongs to.
    public var summary: String {
        var facts: [String] = []
        if let instance = attachedInstanceId {
            facts.append("attached to \(instance)")
        } else if let status, status != "in-use" {
            facts.append(status)
        }
        if let type = interfaceType, type != "interface" { facts.append(type) }
        if let requester = requesterId { facts.append("managed by \(requester)") }
        if let description, !description.isEmpty {
            let escaped = description.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
            facts.append("\"\(escaped)\"")
        }
        return facts.isEmpty ? networkInterfaceId : "\(networkInterfaceId) (\(facts.joined(separator: ", ")))"
    }
}
