// The rule tags sgsh itself writes and reads (security-group-rule tags on the
// rules' sgr- ids), named once.

/// Keys of the rule tags with a meaning to sgsh.
public enum SgshRuleTag {
    /// Whose rule it is (`owner "team-web"`, `--owner`): `exactly` under an owner removes
    /// only the rules with that owner.
    public static let owner = "sgsh:owner"
    /// When a temporary rule (`allow … for 2h`) expires, ISO 8601 UTC; `sgsh expire`
    /// revokes the rule from then on.
    public static let expires = "sgsh:expires"
}
