// What a script asks for, before anything is sent.
//
// The evaluator never calls a mutating backend method: every `sg …` command
// becomes an Operation appended to a Plan. The planner later reads the live
// state once per touched group, folds the operations into a desired state,
// diffs and batches. Operations keep the source range of the statement that
// made them, so reports and errors can point back at the script.

import SgshModel

/// The security group an operation targets.
public enum GroupTarget: Hashable, Sendable, CustomStringConvertible {
    /// An existing group by id (`sg-…`).
    case id(String)
    /// A group that an earlier `sg create` in the same plan will create.
    case created(CreatedGroup)

    public var description: String {
        switch self {
        case .id(let id): id
        case .created(let group): "<new \(group.name)>"
        }
    }
}

/// A group that a plan creates; later operations refer to it by `placeholder`.
///
/// Its fields live in one shared box: a group target is copied into the value of every
/// `$g`, every operation on the group and the planner's state, and a copy of three fields
/// was three retains (and a comparison three string comparisons) where a box is one
/// retain (and, for the same group, one pointer comparison). Equality and hashing are by
/// value, as they were.
public struct CreatedGroup: Hashable, Sendable {
    private final class Fields: Sendable {
        let placeholder: Int
        let name: String
        let description: String
        let vpcId: String?

        init(placeholder: Int, name: String, description: String, vpcId: String?) {
            self.placeholder = placeholder
            self.name = name
            self.description = description
            self.vpcId = vpcId
        }
    }

    private let fields: Fields

    /// Unique within a plan; assigned in order of the `sg create` statements.
    public var placeholder: Int { fields.placeholder }
    public var name: String { fields.name }
    public var description: String { fields.description }
    public var vpcId: String? { fields.vpcId }

    public init(placeholder: Int, name: String, description: String, vpcId: String?) {
        fields = Fields(placeholder: placeholder, name: name, description: description, vpcId: vpcId)
    }

    public static func == (lhs: CreatedGroup, rhs: CreatedGroup) -> Bool {
        lhs.fields === rhs.fields
            || (lhs.placeholder == rhs.placeholder && lhs.name == rhs.name && lhs.description == rhs.description
                && lhs.vpcId == rhs.vpcId)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(placeholder)
        hasher.combine(name)
        hasher.combine(description)
        hasher.combine(vpcId)
    }
}

/// One step a script asks for.
public enum Operation: Hashable, Sendable {
    /// `allow`: make these rules present (description updated when it differs).
    case authorize(GroupTarget, Direction, [Rule], tags: [Tag])
    /// `revoke`: make these rules absent.
    case revoke(GroupTarget, Direction, [Rule])
    /// `exactly { … }`: the direction holds these rules and nothing else.
    case exactly(GroupTarget, Direction, [Rule], tags: [Tag])
    /// `sg … tag K=V`.
    case tag(GroupTarget, [Tag])
    /// `sg … untag K`.
    case untag(GroupTarget, [TagSelector])
    /// `sg create …`.
    case create(CreatedGroup, tags: [Tag])
    /// `sg … delete`.
    case delete(GroupTarget)
    /// `sg … replace with …`: the existing group (by id) gives way to `new`, which an `sg
    /// create` of the plan just before makes (Planner+Replacement.swift).
    case replace(String, with: CreatedGroup)
    /// `sg … show`: print the group as it is after the plan is applied.
    case show(GroupTarget)

    /// The group the operation is about.
    public var group: GroupTarget {
        switch self {
        case .authorize(let group, _, _, _), .revoke(let group, _, _), .exactly(let group, _, _, _),
            .tag(let group, _), .untag(let group, _), .delete(let group), .show(let group):
            group
        case .create(let created, _): .created(created)
        case .replace(let old, _): .id(old)
        }
    }

    /// True for operations that change something (everything but `show`).
    public var isMutating: Bool {
        if case .show = self { return false }
        return true
    }
}

/// An operation with the source range of the statement that asked for it.
public struct PlannedOperation: Hashable, Sendable {
    public let operation: Operation
    /// The statement's range; nil for operations built by an embedding program.
    public let origin: SourceRange?
    /// For `authorize` and `exactly`: how long each of its rules lives once added, in
    /// seconds (`allow … for 2h`), parallel to its rules; nil or empty: for good.
    public var lifetimes: [Int?]

    public init(_ operation: Operation, origin: SourceRange? = nil, lifetimes: [Int?] = []) {
        self.operation = operation
        self.origin = origin
        self.lifetimes = lifetimes
    }
}

/// Everything a script asked for, in order.
public struct Plan: Hashable, Sendable {
    public var operations: [PlannedOperation]
    /// True when the script (or the caller) asked for dry-run: nothing will be sent.
    public var dryRun: Bool
    /// What the script's own last `dryrun on|off` said; nil when it has none. A REPL
    /// keeps it as the mode of the entries that follow.
    public var dryRunStatement: Bool?
    /// The policies the script (and the modules it uses) declared; the planner refuses a plan
    /// that breaks one.
    public var policies = PolicySet()
    /// Whose rules the script manages (`owner "team-web"`): every rule it adds is tagged
    /// `sgsh:owner`, and `exactly` removes only rules with this owner. Nil: no owner.
    public var owner: String?

    public init(operations: [PlannedOperation] = [], dryRun: Bool = false) {
        self.operations = operations
        self.dryRun = dryRun
    }

    /// True when the plan asks for no change.
    public var isEmpty: Bool { !operations.contains { $0.operation.isMutating } }

    /// Appends an operation.
    public mutating func append(_ operation: Operation, origin: SourceRange? = nil) {
        operations.append(PlannedOperation(operation, origin: origin))
    }
}

extension CreatedGroup {
    /// How a rule names a group this plan creates before the group has an id (as a peer,
    /// `allow tcp 8080 from $lb`). The planner replaces it with the real id once the group
    /// exists. `new-N` can never be an EC2 group id, which is `sg-` and hex digits.
    public var peerReference: GroupReference { GroupReference(groupId: "new-\(placeholder)") }

    /// The placeholder number when `reference` is a `peerReference`, else nil.
    public static func placeholder(of reference: GroupReference) -> Int? {
        guard reference.userId == nil, reference.groupId.hasPrefix("new-") else { return nil }
        return Int(reference.groupId.dropFirst(4))
    }
}
