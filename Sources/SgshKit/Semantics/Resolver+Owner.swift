// `owner "NAME"` is part of the script's header, as `dryrun` is: it says whose
// rules the whole script manages, so it comes before everything else (after
// `dryrun`, if any), once, and never inside a block, a function or a module.

extension Resolver {
    mutating func checkOwnerHeader(_ statements: [Stmt], nested: Bool = false) {
        var first: SourceRange?
        for (index, statement) in statements.enumerated() {
            guard case .ownerStmt = statement.kind else { continue }
            if nested {
                report(.ownerNotFirst(first: nil), at: statement.range)
            } else if let first {
                report(.ownerTwice(first: first), at: statement.range)
            } else if statements[..<index].contains(where: { !$0.isDryrun }) {
                report(.ownerNotFirst(first: statements[0].range), at: statement.range)
            }
            first = first ?? statement.range
        }
    }
}

extension Stmt {
    fileprivate var isDryrun: Bool {
        if case .dryrunStmt = kind { return true }
        return false
    }
}
