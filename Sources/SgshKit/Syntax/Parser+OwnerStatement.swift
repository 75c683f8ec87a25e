// `owner "team-web"`: whose rules the script manages. `owner` is a contextual
// word (a script may still name a variable `owner`): it starts this statement
// only when a string follows it. Where it may stand (the script's header) is
// the resolver's check.

extension Parser {
    // owner = 'owner' STRING          (without ${})
    mutating func parseOwnerStmt() throws(ParseAbort) -> Stmt {
        let start = advanceRange()
        let token = advance()
        let tokenKind = kind(of: token)
        guard case .string(let parts) = tokenKind else {
            throw fail(.tokenMissing("a string", "after 'owner'", found: tokenKind.displayName), at: range(of: token))
        }
        var name = ""
        for part in parts {
            guard case .text(let text) = part else {
                throw fail(.ownerNameInterpolated, at: range(of: token))
            }
            name += text
        }
        do {
            name = try RuleFacts.ownerName(name)
        } catch {
            report(error.message, at: range(of: token))
        }
        return Stmt(.ownerStmt(Located(name, range: range(of: token))), range: range(from: start))
    }
}
