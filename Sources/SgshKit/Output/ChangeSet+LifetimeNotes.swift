// What reports say about a rule's own sgsh tags: how long a temporary rule has
// left (`expires in 1h 59m`, `expired 5m ago`), counted from the time the plan
// was made, so a plan printed twice says the same. The owner tag goes unsaid on
// rules the plan adds (the script names it); other tags are listed as before.

import SgshModel

extension ChangeSet {
    /// The note of an added rule: its tags but sgsh's own, and its lifetime.
    static func addedNote(_ tags: [Tag], plannedAt: Int?) -> String? {
        let own: Set<String> = [SgshRuleTag.owner, SgshRuleTag.expires]
        let shown = tags.filter { !own.contains($0.key) }
        let parts = [
            shown.isEmpty ? nil : "tags " + shown.map(\.description).joined(separator: ", "),
            lifetimeNote(tags, plannedAt: plannedAt),
        ].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// `expires in 2h`, `expired 5m ago`, or what is wrong with the `sgsh:expires` tag; nil
    /// when the rule has none (or the plan's time is not known).
    static func lifetimeNote(_ tags: [Tag], plannedAt: Int?) -> String? {
        guard let plannedAt, let value = tags.first(where: { $0.key == SgshRuleTag.expires })?.value else {
            return nil
        }
        guard let expiry = UTCTimestamp.seconds(value) else {
            return "\(SgshRuleTag.expires) is not a time: \(SourceWriter.quoted(value))"
        }
        return RuleLifetime.remaining(until: expiry, now: plannedAt)
    }
}
