// The EC2 errors the local store raises, with EC2's codes and messages.
//
// Kept in one catalog so the wording matches EC2 (EC2-FACTS §4) in one place;
// where EC2's exact text is unknown the message explains the problem plainly.

import SgshModel

extension BackendError {
    static func dryRun() -> BackendError {
        BackendError(code: "DryRunOperation", message: "Request would have succeeded, but DryRun flag is set.")
    }

    static func groupNameNotFoundInDefaultVPC(_ name: String, vpcId: String) -> BackendError {
        BackendError(
            code: "InvalidGroup.NotFound",
            message: "The security group '\(name)' does not exist in default VPC '\(vpcId)'")
    }

    static func malformedGroupID(_ id: String) -> BackendError {
        BackendError(code: "InvalidGroupId.Malformed", message: "The security group ID '\(id)' is malformed")
    }

    static func groupDuplicate(_ name: String, vpcId: String) -> BackendError {
        BackendError(
            code: "InvalidGroup.Duplicate", message: "The security group '\(name)' already exists for VPC '\(vpcId)'")
    }

    static func groupReserved(_ name: String) -> BackendError {
        BackendError(code: "InvalidGroup.Reserved", message: "The security group '\(name)' is reserved")
    }

    static func cannotDeleteDefault(_ id: String) -> BackendError {
        BackendError(
            code: "CannotDelete",
            message: "the specified group: \"\(id)\" name: \"default\" cannot be deleted by a user")
    }

    static func dependencyViolation(_ id: String) -> BackendError {
        BackendError(code: "DependencyViolation", message: "resource \(id) has a dependent object")
    }

    static func prefixListNotFound(_ id: String) -> BackendError {
        BackendError(code: "InvalidPrefixListID.NotFound", message: "The prefix list ID '\(id)' does not exist")
    }

    static func ruleNotFound(_ id: String) -> BackendError {
        BackendError(
            code: "InvalidSecurityGroupRuleId.NotFound", message: "The security group rule ID '\(id)' does not exist")
    }

    static func malformedRuleID(_ id: String) -> BackendError {
        BackendError(
            code: "InvalidSecurityGroupRuleId.Malformed", message: "The security group rule ID '\(id)' is malformed")
    }

    static func permissionNotFound() -> BackendError {
        BackendError(
            code: "InvalidPermission.NotFound", message: "The specified rule does not exist in this security group.")
    }

    static func ruleLimitExceeded() -> BackendError {
        BackendError(
            code: "RulesPerSecurityGroupLimitExceeded",
            message: "The maximum number of rules per security group has been reached.")
    }

    static func groupLimitExceeded() -> BackendError {
        BackendError(
            code: "SecurityGroupLimitExceeded",
            message: "You have reached the maximum number of security groups allowed in this region.")
    }

    static func vpcNotFound(_ id: String) -> BackendError {
        BackendError(code: "InvalidVpcID.NotFound", message: "The vpc ID '\(id)' does not exist")
    }

    static func missingParameter(_ name: String) -> BackendError {
        BackendError(code: "MissingParameter", message: "The request must contain the parameter \(name)")
    }

    static func invalidValue(_ message: String) -> BackendError {
        BackendError(code: "InvalidParameterValue", message: message)
    }

    /// EC2's duplicate message quotes the rule: `peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW`.
    static func permissionDuplicate(_ rule: StoredRule.Identity) -> BackendError {
        var parts = ["peer: \(rule.peer)"]
        switch rule.ipProtocol {
        case "tcp", "udp":
            parts += [rule.ipProtocol.uppercased(), "from port: \(rule.fromPort)", "to port: \(rule.toPort)"]
        case "icmp", "icmpv6":
            parts += [rule.ipProtocol.uppercased(), "type: \(rule.fromPort)", "code: \(rule.toPort)"]
        case "-1":
            parts.append("ALL")
        default:
            parts.append("protocol: \(rule.ipProtocol)")
        }
        parts.append("ALLOW")
        return BackendError(
            code: "InvalidPermission.Duplicate",
            message: "the specified rule \"\(parts.joined(separator: ", "))\" already exists")
    }
}
