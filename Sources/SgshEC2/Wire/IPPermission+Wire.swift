// EC2's wire shape for rules without ports.
//
// A rule for `all` (-1), a protocol number such as 50, or icmp/icmpv6 with
// no type is sent with FromPort=-1/ToPort=-1, as the AWS CLI documentation
// and Terraform do: EC2 ignores the ports there, and moto_server answers
// HTTP 500 when a protocol number comes without them (EC2-SCENARIOS
// appendix). Reading back needs nothing: `IPPermission.protocolAndPorts()`
// ignores the ports of port-less protocols and reads absent icmpv6 ports as
// "every type", so both shapes are the same rule.

import SgshModel

extension IPPermission {
    /// The permission as sgsh sends it: port-less protocols carry -1/-1; everything else is unchanged.
    var withExplicitPorts: IPPermission {
        guard fromPort == nil, toPort == nil, !Self.needsPortRange(ipProtocol) else { return self }
        var copy = self
        copy.fromPort = -1
        copy.toPort = -1
        return copy
    }

    /// tcp and udp require a real range; sgsh never sends them without one, and a
    /// missing range there must stay missing so EC2 reports it.
    private static func needsPortRange(_ ipProtocol: String) -> Bool {
        switch IPProtocol(parsing: ipProtocol) {
        case .tcp, .udp, nil: true
        default: false
        }
    }
}
