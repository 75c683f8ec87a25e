// Why a plan cannot be applied, found before the first mutating call.

import SgshModel

/// An error found while planning; nothing has been sent when it is thrown.
public struct PlanningError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Hashable, Sendable {
        /// The group does not exist (InvalidGroup.NotFound).
        case groupNotFound(String)
        /// An operation names a group that no earlier `sg create` of the plan creates.
        case groupNotCreated(CreatedGroup)
        /// An operation comes after the plan deletes the group.
        case groupDeleted(GroupTarget)
        /// `--strict`: an `allow` of a rule that is already present (InvalidPermission.Duplicate).
        case duplicateRule(GroupTarget, Direction, Rule)
        /// The group would hold more rules of one family in one direction than the quota allows.
        case quotaExceeded(QuotaExcess)
        /// `sg create` of a name that differs only in case from an existing group's name in the
        /// same VPC: EC2 names ignore case, so the create would fail (InvalidGroup.Duplicate).
        case groupNameTaken(CreatedGroup, existing: SecurityGroup)
        /// The live state holds a rule sgsh cannot model.
        case unreadableRule(groupId: String, IPPermissionError)
        /// `sg create "name"` without a VPC, and groups of that name exist in several VPCs.
        case ambiguousGroupName(String, [SecurityGroup])
        /// Reading the live state failed.
        case backend(BackendError)
        /// Rules the groups would hold after the plan break policies (at least one).
        case policyViolations([PolicyViolation])
        /// `policy exempt` names a policy that no policy statement declares.
        case unknownPolicyExemption(PolicyExemption)
        /// A rule the plan adds names a prefix list that does not exist (InvalidPrefixListID.NotFound).
        case prefixListNotFound(String)
        /// Reading the prefix lists the plan's rules name failed (needed to count the quota).
        case prefixListsUnreadable(BackendError)
        /// `sg … delete` of a group network interfaces use (EC2 would answer DependencyViolation).
        case groupInUse(String, [NetworkInterface])
        /// `sg $old replace with NAME` while a group named NAME exists where the new group
        /// would go (and the old group still exists): EC2 would refuse the create.
        case replacementNameTaken(CreatedGroup, replacing: String, existing: SecurityGroup)
        /// `sg $old replace with … vpc OTHER` while network interfaces use the old group: an
        /// interface cannot leave its VPC.
        case interfacesStayInTheirVPC(String, String, [NetworkInterface])
    }

    /// The numbers behind a quota error.
    public struct QuotaExcess: Hashable, Sendable {
        /// The group over the quota.
        public var group: GroupTarget
        /// The direction over the quota.
        public var direction: Direction
        /// The address family counted (a prefix list counts as its own family, groups as IPv4).
        public var family: CIDR.Family
        /// Rules of the family present now.
        public var present: Int
        /// Rules of the family the plan adds.
        public var adding: Int
        /// Rules of the family the plan removes.
        public var removing: Int
        /// The quota per direction and family.
        public var limit: Int
        /// The prefix lists among the rules counted, each counted as its MaxEntries rules.
        public var prefixLists: [ManagedPrefixList]

        public init(
            group: GroupTarget, direction: Direction, family: CIDR.Family, present: Int, adding: Int,
            removing: Int, limit: Int, prefixLists: [ManagedPrefixList] = []
        ) {
            self.prefixLists = prefixLists
            self.group = group
            self.direction = direction
            self.family = family
            self.present = present
            self.adding = adding
            self.removing = removing
            self.limit = limit
        }

        /// The number of rules the group would hold afterwards.
        public var resulting: Int { present + adding - removing }
    }

    /// What went wrong.
    public let kind: Kind
    /// The statement that asked for the failing operation, when known.
    public let origin: SourceRange?

    public init(_ kind: Kind, origin: SourceRange? = nil) {
        self.kind = kind
        self.origin = origin
    }

    /// The EC2 error code this error stands for, when there is one.
    public var code: String? {
        switch kind {
        case .groupNotFound: "InvalidGroup.NotFound"
        case .groupNameTaken, .replacementNameTaken: "InvalidGroup.Duplicate"
        case .duplicateRule: "InvalidPermission.Duplicate"
        case .quotaExceeded: "RulesPerSecurityGroupLimitExceeded"
        case .backend(let error), .prefixListsUnreadable(let error): error.code
        case .prefixListNotFound: "InvalidPrefixListID.NotFound"
        case .groupInUse, .interfacesStayInTheirVPC: "DependencyViolation"
        case .groupNotCreated, .groupDeleted, .unreadableRule, .ambiguousGroupName, .policyViolations,
            .unknownPolicyExemption:
            nil
        }
    }

    /// The message, without location: `security group 'sg-0abc' does not exist`.
    public var message: String {
        switch kind {
        case .groupNotFound(let id):
            return "security group '\(id)' does not exist"
        case .groupNameTaken(let group, let existing):
            return "group name '\(group.name)' differs only in case from the existing group '\(existing.groupName)'"
                + " (\(existing.groupId)\(existing.vpcId.map { " in \($0)" } ?? "")); EC2 group names ignore case"
        case .groupNotCreated(let group):
            return "group '\(group.name)' is used before the statement that creates it"
        case .groupDeleted(let group):
            return "security group '\(group)' is used after the plan deletes it"
        case .duplicateRule(let group, let direction, let rule):
            return "rule '\(SourceWriter.rule(rule, direction))' already exists in \(group) \(direction)"
                + " (InvalidPermission.Duplicate; --strict)"
        case .quotaExceeded(let excess):
            let family = excess.family == .ipv4 ? "IPv4" : "IPv6"
            let counted = excess.prefixLists.map { "\($0.id) counts as \($0.quotaWeight)" }
            return "\(excess.group) \(excess.direction) would hold \(excess.resulting) \(family) rules,"
                + " over the quota of \(excess.limit) (\(excess.present) present, \(excess.adding) to add,"
                + " \(excess.removing) to remove)"
                + (counted.isEmpty
                    ? "" : "; " + counted.joined(separator: ", ") + " (a prefix list counts as its MaxEntries)")
        case .unreadableRule(let id, let error):
            return "security group '\(id)' holds a rule sgsh cannot read: \(error)"
        case .ambiguousGroupName(let name, let groups):
            let listed = groups.map { "\($0.groupId) in \($0.vpcId ?? "EC2-Classic")" }.joined(separator: " and ")
            return
                "\(groups.count) groups are named '\(name)' (\(listed)); write 'sg create \(SourceWriter.quoted(name)) vpc VPC-ID …' to say which"
        case .backend(let error):
            return "reading the security groups failed: \(error)"
        case .policyViolations(let violations):
            let first = violations[0].message
            return violations.count == 1 ? first : "\(first) (and \(violations.count - 1) more policy violations)"
        case .replacementNameTaken(let group, let old, let existing):
            return "cannot replace '\(old)' with '\(group.name)': the group \(existing.groupId)"
                + "\(existing.vpcId.map { " in \($0)" } ?? "") is already named '\(existing.groupName)'"
        case .interfacesStayInTheirVPC(let id, let vpc, let interfaces):
            return "security group '\(id)' cannot be replaced by a group in \(vpc): network interfaces use it"
                + " and cannot leave their VPC: " + interfaces.map(\.summary).joined(separator: "; ")
        case .groupInUse(let id, let interfaces):
            let count =
                interfaces.count == 1 ? "a network interface uses it" : "\(interfaces.count) network interfaces use it"
            return "security group '\(id)' cannot be deleted: \(count): "
                + interfaces.map(\.summary).joined(separator: "; ")
        case .unknownPolicyExemption(let exemption):
            return "the exemption of \(exemption.group) names the policy \(SourceWriter.quoted(exemption.policy)),"
                + " which no policy declares"
        case .prefixListNotFound(let id):
            return "prefix list '\(id)' does not exist (InvalidPrefixListID.NotFound)"
        case .prefixListsUnreadable(let error):
            return "reading the prefix lists the rules name failed: \(error);"
                + " sgsh reads them to count the rule quota (ec2:DescribeManagedPrefixLists, ec2:GetManagedPrefixListEntries)"
        }
    }

    /// `file:line:col: message` when the origin is known, else the message.
    public var description: String {
        guard let origin else { return message }
        return "\(origin.location): \(message)"
    }
}
