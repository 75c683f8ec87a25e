// `sgsh expire` keeps the `sgsh:temporary-rules` group marks true: a plan reads
// rule tags (to drop the expiry of a rule the script now asks for without
// `for`) only in marked groups, so a group holding a temporary rule must carry
// the mark, and one holding none should not (it would cost every re-run a
// read). After the revokes: one DescribeSecurityGroups filtered to the marked
// groups, then one CreateTags for the groups that hold temporary rules but lack
// the mark (rules added before sgsh marked groups, or a mark someone removed),
// and one DeleteTags for the marked groups that hold none now. A run that
// marks a group while this one reads can have its mark removed; the next
// expire puts it back, as it does for any unmarked group.

import SgshModel

/// What `sgsh expire` did to the groups' `sgsh:temporary-rules` marks.
public struct GroupMarks: Hashable, Sendable {
    /// Groups that hold temporary rules and were marked now.
    public var marked: [String] = []
    /// Groups that hold no temporary rule any more and were unmarked.
    public var unmarked: [String] = []
    /// The call that failed, if one did (its groups are left as they were).
    public var failure: CallFailure?

    public init(marked: [String] = [], unmarked: [String] = [], failure: CallFailure? = nil) {
        self.marked = marked
        self.unmarked = unmarked
        self.failure = failure
    }
}

extension Expirer {
    /// Marks the groups that still hold temporary rules after `report`'s revokes and unmarks
    /// the others: one read, and a call for each of the two changes that has groups.
    func settleMarks(_ report: ExpiryReport, callCount: inout Int) async -> GroupMarks {
        var holding = Set(report.pending.map(\.rule.groupId)).union(report.unreadable.map(\.groupId))
        for batch in report.batches {
            if case .failed = batch.status { holding.insert(batch.groupId) }
        }
        var marks = GroupMarks()
        let mark = SgshGroupTag.temporaryRules
        let marked: Set<String>
        do {
            callCount += 1
            let query = SecurityGroupQuery(filters: [SecurityGroupQuery.Filter(name: "tag-key", values: [mark])])
            marked = Set(try await backend.describeSecurityGroups(query).map(\.groupId))
        } catch {
            marks.failure = CallFailure(action: "DescribeSecurityGroups", error: error)
            return marks
        }
        let toMark = holding.subtracting(marked).sorted()
        if !toMark.isEmpty {
            callCount += 1
            let tag = Tag(key: mark, value: SgshGroupTag.temporaryRulesValue)
            do {
                try await backend.createTags(resourceIds: toMark, tags: [tag], dryRun: false)
                marks.marked = toMark
            } catch {
                marks.failure = CallFailure(action: "CreateTags", error: error)
                return marks
            }
        }
        let toUnmark = marked.subtracting(holding).sorted()
        if !toUnmark.isEmpty {
            callCount += 1
            do {
                try await backend.deleteTags(resourceIds: toUnmark, tags: [TagSelector(key: mark)], dryRun: false)
                marks.unmarked = toUnmark
            } catch {
                marks.failure = CallFailure(action: "DeleteTags", error: error)
            }
        }
        return marks
    }
}
