// The lines of a plan view or an apply report, as data.
//
// Both the plan (before) and the report (after) are a list of sections, one
// per group and aspect (`~ sg-0abc123 ingress`), each a list of marked lines
// (`+ tcp 443 from 0.0.0.0/0`). Renderers turn them into text or JSON; no
// rendered text is stored here except the short notes.

import SgshModel

/// What happened (or will happen) to one item.
public enum ReportMark: String, Hashable, Sendable, CaseIterable {
    /// `+`: added (or created).
    case added
    /// `-`: removed (or deleted).
    case removed
    /// `=`: already as asked; no call.
    case unchanged
    /// `~`: changed in place (a rule description, a tag value); also a section with changes.
    case changed
    /// `!`: the call failed (or its rollback did).
    case failed
    /// `↺`: applied, then undone after a later failure.
    case rolledBack
    /// `·`: not sent, because an earlier call failed.
    case notApplied
    /// `·`: a live rule `exactly` under an owner leaves alone (another owner's, or no owner's).
    case notManaged

    /// The one-character symbol used in text output.
    public var symbol: String {
        switch self {
        case .added: "+"
        case .removed: "-"
        case .unchanged: "="
        case .changed: "~"
        case .failed: "!"
        case .rolledBack: "↺"
        case .notApplied, .notManaged: "·"
        }
    }
}

extension ReportMark {
    /// The mark's position in `allCases`.
    var ordinal: Int {
        switch self {
        case .added: 0
        case .removed: 1
        case .unchanged: 2
        case .changed: 3
        case .failed: 4
        case .rolledBack: 5
        case .notApplied: 6
        case .notManaged: 7
        }
    }
}

/// One item of a section.
public struct ReportLine: Hashable, Sendable {
    /// What a line is about.
    public enum Item: Hashable, Sendable {
        /// A rule in the section's direction.
        case rule(Rule)
        /// A tag (set, removed or unchanged).
        case tag(Tag)
    }

    /// What happened to the item.
    public var mark: ReportMark
    /// The rule or tag.
    public var item: Item
    /// A short note in parentheses: `already present`, `was "old"`, an error.
    public var note: String?
    /// The rule tags the line's call sends (an added rule's, or a present rule's new ones).
    public var ruleTags: [Tag]

    public init(_ mark: ReportMark, _ item: Item, note: String? = nil, ruleTags: [Tag] = []) {
        self.mark = mark
        self.item = item
        self.note = note
        self.ruleTags = ruleTags
    }
}

/// The lines about one group and aspect.
public struct ReportSection: Hashable, Sendable {
    /// Which aspect of the group the section is about.
    public enum Aspect: Hashable, Sendable {
        /// The rules of one direction.
        case rules(Direction)
        /// The group's tags.
        case tags
        /// Creating the group (the lines are its creation tags).
        case create(CreatedGroup)
        /// Deleting the group.
        case delete
        /// Moving a network interface (`group` is its summary) from one group list to another.
        case interface(from: [String], to: [String])
    }

    /// The group's id, or `<new name>` for a group not (yet) created.
    public var group: String
    /// Which aspect of the group the lines are about.
    public var aspect: Aspect
    /// The header's mark: `~` when something changes, `=` when nothing does, `+`/`-` for create/delete.
    public var mark: ReportMark
    /// A note on the header line (the error of a failed create or delete).
    public var note: String?
    /// The items, in report order.
    public var lines: [ReportLine]

    public init(group: String, aspect: Aspect, mark: ReportMark, note: String? = nil, lines: [ReportLine] = []) {
        self.group = group
        self.aspect = aspect
        self.mark = mark
        self.note = note
        self.lines = lines
    }

    /// The direction of a rules section.
    public var direction: Direction? {
        if case .rules(let direction) = aspect { return direction }
        return nil
    }
}
