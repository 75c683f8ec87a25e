// Same-account group references, written one way.
//
// EC2 describes a rule that references a group of the same account with the
// account id (`UserId`) filled in, while scripts name the group alone
// (`sg-0abc`). Both mean the same rule, so before comparing, the planner drops
// the account id from references to the group owner's own account. Without
// this, `allow … from sg-0abc` of a present rule would plan an addition
// (and hit InvalidPermission.Duplicate) and a revoke would find nothing.

import SgshModel

extension Rule {
    /// The rule with a reference to a group of `accountId` written without the account.
    func droppingAccount(_ accountId: String?) -> Rule {
        guard let accountId, case .group(let reference) = peer, reference.userId == accountId else { return self }
        let peer = Peer.group(GroupReference(groupId: reference.groupId))
        return (try? Rule(ipProtocol: ipProtocol, ports: ports, peer: peer, description: description)) ?? self
    }
}

extension SecurityGroup {
    /// The rules of one direction, with references to the group's own account written without it.
    /// - Throws: `IPPermissionError` when the service returned a shape sgsh cannot model.
    func rulesDroppingOwnAccount(_ direction: Direction) throws(IPPermissionError) -> [Rule] {
        var out: [Rule] = []
        for permission in permissionsDroppingOwnAccount(direction) { out += try permission.rules() }
        return out
    }

    /// The rules of one direction read one by one: those sgsh can model, and those it cannot.
    func readRulesDroppingOwnAccount(_ direction: Direction) -> (rules: [Rule], unreadable: [UnreadableRule]) {
        var rules: [Rule] = []
        var unreadable: [UnreadableRule] = []
        for permission in permissionsDroppingOwnAccount(direction) {
            let read = permission.readRules()
            rules += read.rules
            unreadable += read.unreadable
        }
        return (rules, unreadable)
    }

    private func permissionsDroppingOwnAccount(_ direction: Direction) -> [IPPermission] {
        var out: [IPPermission] = []
        for var permission in permissions(direction) {
            // On the wire form, so that descriptions the service stored pass through unchecked.
            for position in permission.userIdGroupPairs.indices
            where ownerId != nil && permission.userIdGroupPairs[position].userId == ownerId {
                permission.userIdGroupPairs[position].userId = nil
            }
            out.append(permission)
        }
        return out
    }
}
