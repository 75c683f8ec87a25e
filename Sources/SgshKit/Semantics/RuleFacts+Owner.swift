// The owner a script names (`owner "team-web"`, `--owner`) becomes the value of
// the `sgsh:owner` tag on every rule it adds, so it must be a tag value EC2
// accepts, and not empty (an empty owner would match nothing it could mean).

import SgshModel

extension RuleFacts {
    /// An owner's name, checked.
    package static func ownerName(_ name: String) throws(RuleFactError) -> String {
        if name.isEmpty { throw RuleFactError(.ownerNameEmpty) }
        if let problem = TagRules.problem(inValue: name, key: SgshRuleTag.owner) {
            throw RuleFactError(.ownerNameInvalid(problem))
        }
        return name
    }

    /// `for …` on a revoke.
    package static let lifetimeOnRevoke = RuleFactError(.lifetimeOnRevoke)
}
