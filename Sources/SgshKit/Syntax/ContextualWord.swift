// The words that are keywords only in their place in an `sg` statement
// (LANGUAGE.md §3: contextual keywords, so `tag` or `all` stay usable as
// names). The parser matches them and the completer offers them from this one
// list, so the two cannot disagree.

/// A word with a meaning only in its position in an `sg` statement.
package enum ContextualWord: String, CaseIterable, Sendable {
    case ingress, egress
    case tag, untag, show, delete, replace, with
    case exactly
    case allow, revoke
    case from, to
    case group
    case create, lookup, vpc
    case on, off
    case policy, deny, require, exempt, except, description, until, any

    /// What may follow `sg GROUP`.
    package static let groupActions: [ContextualWord] = [.ingress, .egress, .tag, .untag, .show, .delete, .replace]
    /// The verbs of a rule.
    package static let verbs: [ContextualWord] = [.allow, .revoke]
    /// The word before a rule's peers: `from` for ingress, `to` for egress.
    package static let prepositions: [ContextualWord] = [.from, .to]
    /// What may follow `dryrun`.
    package static let dryRunModes: [ContextualWord] = [.on, .off]
    /// What may follow `sg` in an expression: `sg create …`, `sg lookup …`.
    package static let expressionForms: [ContextualWord] = [.create, .lookup]
    package static let policyForms: [ContextualWord] = [.deny, .require, .exempt]

    /// The word an identifier spells, if any. The synthesized `init(rawValue:)` searches a
    /// string-switch cache (550 instructions a call); this compares against the few words of
    /// the same length.
    package init?(word: String) {
        let length = word.utf8.count
        guard length < Self.byLength.count, let found = Self.byLength[length].first(where: { $0.rawValue == word })
        else { return nil }
        self = found
    }

    /// The words by the UTF-8 length of their spelling.
    private static let byLength: [[ContextualWord]] = {
        var table: [[ContextualWord]] = []
        for word in allCases {
            let length = word.rawValue.utf8.count
            while table.count <= length { table.append([]) }
            table[length].append(word)
        }
        return table
    }()
}

extension [ContextualWord] {
    /// The words as text, for suggestions and completion.
    package var spellings: [String] { map(\.rawValue) }
}
