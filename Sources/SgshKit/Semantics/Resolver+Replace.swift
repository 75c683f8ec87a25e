// `sg OLD replace with …` deletes OLD at the end of the apply and copies its
// rules as they are before the apply: a change the script makes to OLD before
// the replace would be lost, and a use of OLD after it names a group that is
// going. `check` reports both when the two statements name the group the same
// way ($web, sg-0abc, "sg-0abc") in one statement list, as it does for
// rule-before-exactly; otherwise the run or the plan reports them.

extension Resolver {
    /// A replace of a group with, in the same statement list, a change to it before or a use after.
    mutating func checkReplacedGroupReuse(_ statements: [Stmt]) {
        for (index, statement) in statements.enumerated() {
            guard let replace = Self.replacement(in: statement), let group = Self.groupKey(replace.group) else {
                continue
            }
            for earlier in statements[..<index].reversed() {
                if Self.rebinds(earlier, group) { break }
                guard Self.changes(earlier, group) else { continue }
                report(
                    RuleFacts.replacedGroupReused(group, before: true, replacedAt: replace.range).message,
                    at: earlier.range)
            }
            for later in statements[(index + 1)...] {
                if Self.uses(later, group) {
                    report(
                        RuleFacts.replacedGroupReused(group, before: false, replacedAt: replace.range).message,
                        at: later.range)
                }
                if Self.rebinds(later, group) { break }
            }
        }
    }

    /// The `sg … replace with …` a statement is (alone, or the value of a let or assignment).
    private static func replacement(in statement: Stmt) -> (group: Expr, range: SourceRange)? {
        let expr: Expr
        switch statement.kind {
        case .exprStmt(let value), .letStmt(_, let value), .assignStmt(_, let value): expr = value
        default: return nil
        }
        guard case .sgReplace(let group, _, _, _) = expr.kind else { return nil }
        return (group, expr.range)
    }

    /// True when the statement is an `sg` statement that changes the group (anything but `show`).
    private static func changes(_ statement: Stmt, _ group: String) -> Bool {
        guard case .sgStmt(let sg) = statement.kind, groupKey(sg.group) == group else { return false }
        if case .show = sg.action { return false }
        return true
    }

    /// True when the statement names the group as an `sg` statement's group or replaces it again.
    private static func uses(_ statement: Stmt, _ group: String) -> Bool {
        if case .sgStmt(let sg) = statement.kind { return groupKey(sg.group) == group }
        if let replace = replacement(in: statement) { return groupKey(replace.group) == group }
        return false
    }
}
