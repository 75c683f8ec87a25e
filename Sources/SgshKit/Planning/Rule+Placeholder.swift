// Rules whose peer is a group the plan creates (`allow tcp 5432 from $db` after
// `let db = sg create …`). Until the group exists the peer is its placeholder
// reference (`new-N`, see CreatedGroup.peerReference); the executor swaps in
// the real id before sending, and reports show the id, or `<new name>` in a
// plan view.

import SgshModel

extension Rule {
    /// The placeholder number of the created group this rule's peer names, if it names one.
    var peerPlaceholder: Int? {
        guard case .group(let reference) = peer else { return nil }
        return CreatedGroup.placeholder(of: reference)
    }

    /// The same rule with another group as its peer (the description is kept as it is).
    func withPeerGroup(_ groupId: String) -> Rule {
        let peer = Peer.group(GroupReference(groupId: groupId))
        return (try? Rule(ipProtocol: ipProtocol, ports: ports, peer: peer, description: description)) ?? self
    }
}

extension Array where Element == Rule {
    /// The rules with created-group placeholders replaced by the groups' ids.
    /// - Throws: `BackendError` (InvalidGroup.NotFound) for a placeholder whose group was not created.
    func resolvingPlaceholders(_ ids: [Int: String]) throws -> [Rule] {
        guard contains(where: { $0.peerPlaceholder != nil }) else { return self }
        return try map { rule in
            guard let placeholder = rule.peerPlaceholder else { return rule }
            guard let id = ids[placeholder] else {
                throw BackendError.groupNotCreated("the group referenced as 'new-\(placeholder)'")
            }
            return rule.withPeerGroup(id)
        }
    }
}
