// The tags sgsh itself writes and reads, named once: rule tags (on the rules'
// sgr- ids) and the one group tag that says a group holds temporary rules.

/// Keys of the rule tags with a meaning to sgsh.
public enum SgshRuleTag {
    /// Whose rule it is (`owner "team-web"`, `--owner`): `exactly` under an owner removes
    /// only the rules with that owner.
    public static let owner = "sgsh:owner"
    /// When a temporary rule (`allow … for 2h`) expires, ISO 8601 UTC; `sgsh expire`
    /// revokes the rule from then on.
    public static let expires = "sgsh:expires"
}

/// Keys of the group tags with a meaning to sgsh.
public enum SgshGroupTag {
    /// Set (to `yes`) on a group when sgsh adds a temporary rule to it. A re-run reads the
    /// rules' tags (DescribeSecurityGroupRules, the only read that has them) only in the groups
    /// that carry it: DescribeSecurityGroups returns group tags but not rule tags, so without
    /// this mark every re-run would pay a second read to find expiries to drop.
    public static let temporaryRules = "sgsh:temporary-rules"
    /// The value it is set to.
    public static let temporaryRulesValue = "yes"
}
