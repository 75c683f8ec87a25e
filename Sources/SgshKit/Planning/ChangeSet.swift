// What applying a Plan would change, computed against the live state.
//
// The planner produces a ChangeSet; the executor turns it into backend calls
// (`calls`, already batched and ordered) and the renderers print it as the
// plan view. Everything here is a value: a ChangeSet can be shown, kept and
// applied later, and two plans of the same script against the same state are
// equal.

import SgshModel

/// The difference between the live state and what a plan asks for, ready to apply.
public struct ChangeSet: Hashable, Sendable {
    /// Groups to create, in script order (created first).
    public var creations: [GroupCreation]
    /// Groups an `sg create` found already existing and adopted instead of creating.
    public var adoptions: [GroupAdoption]
    /// Rule changes per (group, direction), in order of first mention; ingress before egress.
    public var ruleChanges: [RuleChange]
    /// Tag changes per group, in order of first mention.
    public var tagChanges: [TagChange]
    /// Groups to delete, in script order (deleted last).
    public var deletions: [GroupDeletion]
    /// Groups the plan replaces (`sg $old replace with …`): each new one is among `creations`,
    /// each old one among `deletions`.
    public var replacements: [GroupReplacement] = []
    /// Network interfaces moved off replaced groups, after every rule change, before the deletes.
    public var interfaceMoves: [InterfaceMove] = []
    /// Groups the script asked to show after applying, in script order.
    public var shows: [GroupTarget]
    /// True when the plan was made for a dry run: the executor sends nothing.
    public var dryRun: Bool
    /// The time the plan was made at (seconds since the epoch), when it involves rule
    /// lifetimes or owners: reports say how long temporary rules have left from it.
    public var plannedAt: Int?

    public init(
        creations: [GroupCreation] = [], adoptions: [GroupAdoption] = [], ruleChanges: [RuleChange] = [],
        tagChanges: [TagChange] = [], deletions: [GroupDeletion] = [], shows: [GroupTarget] = [],
        dryRun: Bool = false
    ) {
        self.creations = creations
        self.adoptions = adoptions
        self.ruleChanges = ruleChanges
        self.tagChanges = tagChanges
        self.deletions = deletions
        self.shows = shows
        self.dryRun = dryRun
    }

    /// True when applying would send at least one mutating call.
    public var hasChanges: Bool { !calls.isEmpty }
}

/// A group that the plan creates (CreateSecurityGroup).
public struct GroupCreation: Hashable, Sendable {
    /// The group to create.
    public var group: CreatedGroup
    /// Tags sent with the create call (TagSpecifications).
    public var tags: [Tag]
    /// The `sg create` statement, when known.
    public var origin: SourceRange?

    public init(group: CreatedGroup, tags: [Tag] = [], origin: SourceRange? = nil) {
        self.group = group
        self.tags = tags
        self.origin = origin
    }
}

/// A group an `sg create` names that already exists: the plan uses it instead (no call).
public struct GroupAdoption: Hashable, Sendable {
    /// The group as the script asks for it.
    public var group: CreatedGroup
    /// The id of the existing group.
    public var id: String
    /// The existing group's description, which EC2 cannot change.
    public var liveDescription: String
    /// The `sg create` statement, when known.
    public var origin: SourceRange?

    public init(group: CreatedGroup, id: String, liveDescription: String, origin: SourceRange? = nil) {
        self.group = group
        self.id = id
        self.liveDescription = liveDescription
        self.origin = origin
    }

    /// True when the script's description is not the group's (it stays as it is).
    public var descriptionDiffers: Bool { liveDescription != group.description }
}

/// Rules sent in one authorize call: those that share the same rule tags.
public struct RuleBatch: Hashable, Sendable {
    /// TagSpecifications (ResourceType security-group-rule) for the call.
    public var tags: [Tag]
    /// The rules to add.
    public var rules: [Rule]

    public init(tags: [Tag] = [], rules: [Rule]) {
        self.tags = tags
        self.rules = rules
    }
}

extension RuleBatch {
    /// Rules, each with its rule tags, as one batch per tag set (in order of first appearance):
    /// one authorize call each, since a call's TagSpecifications apply to all its rules.
    static func batches(_ rules: [(rule: Rule, tags: [Tag])]) -> [RuleBatch] {
        var out: [RuleBatch] = []
        for (rule, tags) in rules {
            if let index = out.firstIndex(where: { $0.tags == tags }) {
                out[index].rules.append(rule)
            } else {
                out.append(RuleBatch(tags: tags, rules: [rule]))
            }
        }
        return out
    }
}

/// A present rule whose description changes (UpdateSecurityGroupRuleDescriptions*).
public struct DescriptionUpdate: Hashable, Sendable {
    /// The rule with its new description.
    public var rule: Rule
    /// The description it has now, to restore on rollback.
    public var previous: String?

    public init(rule: Rule, previous: String?) {
        self.rule = rule
        self.previous = previous
    }
}

/// The rule changes of one group and direction.
public struct RuleChange: Hashable, Sendable {
    /// The group whose rules change.
    public var group: GroupTarget
    /// The direction of the rules.
    public var direction: Direction
    /// Rules to add, one authorize call per batch (one batch unless rule tags differ).
    public var additions: [RuleBatch]
    /// Present rules to remove, with their live descriptions (one revoke call).
    public var removed: [Rule]
    /// Rules the script allows that are already present, unchanged.
    public var unchanged: [Rule]
    /// Rules the script revokes that are already absent.
    public var alreadyAbsent: [Rule]
    /// Live rules an `exactly` under an owner leaves alone: another owner's, or no owner's.
    public var notManaged: [Rule] = []
    /// The live rules' own tags (`sgsh:owner`, `sgsh:expires`, …) by rule, when the planner
    /// read them (a plan with an owner or a temporary rule); for reports.
    public var liveTags: [RuleKey: [Tag]] = [:]
    /// Present rules whose description changes (one update call).
    public var descriptionUpdates: [DescriptionUpdate]
    /// Present rules whose tags change (one CreateTags call on each rule's sgr- id).
    public var tagUpdates: [RuleTagUpdate]
    /// Present rules whose sgsh tags go (one DeleteTags call on each rule's sgr- id): a
    /// temporary rule the script now asks for without `for` loses its `sgsh:expires`.
    public var tagRemovals: [RuleTagRemoval] = []
    /// The tags the script writes for present rules, until the planner reads their live tags
    /// and turns the differences into `tagUpdates`.
    var wantedTags: [RuleTags] = []
    /// Present rules the script asks for without `for`: once their live tags are read, any
    /// `sgsh:expires` among them becomes a `tagRemovals` entry.
    var askedPermanent: [Rule] = []
    /// True when the removals must go before the additions to stay within the rule quota.
    public var removesFirst: Bool
    /// The whole rule set the direction should hold afterwards; kept only for the egress of a
    /// group the plan creates, whose initial rules (EC2's defaults, which depend on the VPC)
    /// are only known once it exists. The executor reconciles the change with them.
    public var intendedRules: [Rule]?

    public init(
        group: GroupTarget, direction: Direction, additions: [RuleBatch] = [], removed: [Rule] = [],
        unchanged: [Rule] = [], alreadyAbsent: [Rule] = [], descriptionUpdates: [DescriptionUpdate] = [],
        tagUpdates: [RuleTagUpdate] = [], removesFirst: Bool = false, intendedRules: [Rule]? = nil
    ) {
        self.tagUpdates = tagUpdates
        self.group = group
        self.direction = direction
        self.additions = additions
        self.removed = removed
        self.unchanged = unchanged
        self.alreadyAbsent = alreadyAbsent
        self.descriptionUpdates = descriptionUpdates
        self.removesFirst = removesFirst
        self.intendedRules = intendedRules
    }

    /// Every rule to add, in order.
    public var added: [Rule] { additions.flatMap(\.rules) }

    /// True when this change sends at least one call.
    public var hasChanges: Bool {
        !additions.isEmpty || !removed.isEmpty || !descriptionUpdates.isEmpty || !tagUpdates.isEmpty
            || !tagRemovals.isEmpty
    }
}

/// The tags a script writes for a rule that is already present.
struct RuleTags: Hashable, Sendable {
    var rule: Rule
    var tags: [Tag]
}

/// Tags a present rule loses (DeleteTags on the rule's sgr- id), with the values they have,
/// for rollback. Only sgsh's own tags go this way: tags the script does not write are left alone.
public struct RuleTagRemoval: Hashable, Sendable {
    /// The rule.
    public var rule: Rule
    /// Its security-group-rule id (`sgr-…`), the resource the tags are on.
    public var ruleId: String
    /// The tags to delete, with the values they have now.
    public var tags: [Tag]

    public init(rule: Rule, ruleId: String, tags: [Tag]) {
        self.rule = rule
        self.ruleId = ruleId
        self.tags = tags
    }
}

/// Tags of a present rule that the script sets (CreateTags on the rule's sgr- id). Rule
/// tags the script does not write are left as they are, as descriptions are.
public struct RuleTagUpdate: Hashable, Sendable {
    /// The rule.
    public var rule: Rule
    /// Its security-group-rule id (`sgr-…`), the resource the tags are on.
    public var ruleId: String
    /// The tags to set, with the values they have now.
    public var set: [TagUpdate]

    public init(rule: Rule, ruleId: String, set: [TagUpdate]) {
        self.rule = rule
        self.ruleId = ruleId
        self.set = set
    }
}

/// A tag whose value is set, with the value it had (nil when the key was absent).
public struct TagUpdate: Hashable, Sendable {
    /// The tag with its new value.
    public var tag: Tag
    /// The value it has now, nil when the key is absent.
    public var previous: String?

    public init(tag: Tag, previous: String?) {
        self.tag = tag
        self.previous = previous
    }
}

/// The tag changes of one group.
public struct TagChange: Hashable, Sendable {
    /// The group whose tags change.
    public var group: GroupTarget
    /// Tags to create or overwrite (one CreateTags call).
    public var set: [TagUpdate]
    /// Tags to delete, with the values they have now (one DeleteTags call).
    public var removed: [Tag]
    /// Tags the script sets that already have that value.
    public var unchanged: [Tag]

    public init(group: GroupTarget, set: [TagUpdate] = [], removed: [Tag] = [], unchanged: [Tag] = []) {
        self.group = group
        self.set = set
        self.removed = removed
        self.unchanged = unchanged
    }

    /// True when this change sends at least one call.
    public var hasChanges: Bool { !set.isEmpty || !removed.isEmpty }
}

/// A group that the plan deletes (DeleteSecurityGroup).
public struct GroupDeletion: Hashable, Sendable {
    /// The group to delete.
    public var group: GroupTarget
    /// The `sg … delete` statement, when known.
    public var origin: SourceRange?

    public init(group: GroupTarget, origin: SourceRange? = nil) {
        self.group = group
        self.origin = origin
    }
}
