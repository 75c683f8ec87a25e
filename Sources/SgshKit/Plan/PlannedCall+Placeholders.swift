// Rules may name a group the same plan creates (`allow tcp 8080 from $lb`
// where `let lb = sg create …`). Until the create call returns, such a peer
// is `CreatedGroup.peerReference` (`new-N`); just before a call is sent (or
// undone) it is replaced by the id the create returned.

import SgshModel

extension PlannedCall {
    /// The call with every `new-N` peer replaced by the id its create returned.
    /// A placeholder whose create has not happened is left as it is (EC2 will reject it).
    func resolvingPeers(_ ids: [Int: String]) -> PlannedCall {
        guard !ids.isEmpty else { return self }
        switch self {
        case .authorize(let group, let direction, let rules, let tags):
            return .authorize(group, direction, rules.map { $0.resolvingPeer(ids) }, tags: tags)
        case .revoke(let group, let direction, let rules):
            return .revoke(group, direction, rules.map { $0.resolvingPeer(ids) })
        case .updateDescriptions(let group, let direction, let updates):
            return .updateDescriptions(group, direction, updates.map {
                DescriptionUpdate(rule: $0.rule.resolvingPeer(ids), previous: $0.previous)
            })
        case .create, .createTags, .deleteTags, .delete:
            return self
        }
    }
}

extension Rule {
    /// The rule with a `new-N` group peer replaced by the created group's id.
    func resolvingPeer(_ ids: [Int: String]) -> Rule {
        guard case .group(let reference) = peer, let placeholder = CreatedGroup.placeholder(of: reference),
            let id = ids[placeholder]
        else { return self }
        return withPeer(.group(GroupReference(groupId: id)))
    }
}
