// Reading a request's IpPermissions into canonical one-peer rules, as EC2 does.
//
// SgshModel does the parsing (`IPPermission.rules()`, `CIDR(parsing:)`); this
// file only adds what EC2 does on top of it and maps failures to EC2's error
// codes: a CIDR with host bits set is accepted and masked, a bare address is
// rejected, group pairs are resolved (a name to an id, the owner filled in)
// and must exist, and descriptions are checked.

import GRDB
import SgshModel

extension LocalBackend {
    /// The one-peer rules a request's permissions stand for, in request order.
    /// - Throws: `BackendError` with EC2's code for the first invalid part.
    func requestedRules(_ db: Database, _ permissions: [IPPermission], in group: StoredGroup) throws -> [Rule] {
        var out: [Rule] = []
        out.reserveCapacity(permissions.reduce(0) { $0 + $1.peerCount })
        for permission in permissions {
            out += try rules(db, of: permission, in: group)
        }
        return out
    }

    private func rules(_ db: Database, of permission: IPPermission, in group: StoredGroup) throws -> [Rule] {
        try LocalBackend.checkProtocolAndPorts(permission)
        guard permission.peerCount > 0 else {
            throw BackendError(
                code: "MissingParameter",
                message: "The request must contain at least one of: IpRanges, Ipv6Ranges, PrefixListIds, Groups")
        }
        var canonical = permission
        for index in canonical.ipRanges.indices {
            let range = canonical.ipRanges[index]
            try LocalBackend.checkDescription(range.description)
            canonical.ipRanges[index].cidrIp = try LocalBackend.canonicalCIDR(range.cidrIp, family: .ipv4)
        }
        for index in canonical.ipv6Ranges.indices {
            let range = canonical.ipv6Ranges[index]
            try LocalBackend.checkDescription(range.description)
            canonical.ipv6Ranges[index].cidrIpv6 = try LocalBackend.canonicalCIDR(range.cidrIpv6, family: .ipv6)
        }
        // `&` is documented for IP-range descriptions only (EC2-FACTS §3).
        for list in canonical.prefixListIds {
            try LocalBackend.checkDescription(list.description, allowsAmpersand: false)
            guard ResourceID.isPrefixListID(list.prefixListId) else {
                throw BackendError(
                    code: "InvalidPrefixListId.Malformed",
                    message: "The prefix list ID '\(list.prefixListId)' is malformed")
            }
        }
        for index in canonical.userIdGroupPairs.indices {
            try LocalBackend.checkDescription(canonical.userIdGroupPairs[index].description, allowsAmpersand: false)
            canonical.userIdGroupPairs[index] = try resolved(db, canonical.userIdGroupPairs[index], in: group)
        }
        do {
            return try canonical.rules()
        } catch {
            throw BackendError.invalidValue("Invalid IpPermissions: \(error)")
        }
    }

    /// Checks the protocol and its port fields, with EC2's messages.
    static func checkProtocolAndPorts(_ permission: IPPermission) throws {
        let name = permission.ipProtocol
        if name.isEmpty {
            throw BackendError.invalidValue(
                "Invalid value 'null' for protocol. VPC security group rules must specify protocols explicitly.")
        }
        // On the wire EC2 takes the four names and numbers; sgsh maps `esp` and the like to numbers.
        guard IPProtocol.ianaNumbers[name.lowercased()] == nil, let proto = IPProtocol(parsing: name) else {
            throw BackendError.invalidValue("Invalid value '\(name)' for IP protocol. Unknown protocol.")
        }
        do {
            _ = try permission.protocolAndPorts()
        } catch {
            if proto.takesPorts && (permission.fromPort == nil || permission.toPort == nil) {
                throw BackendError.invalidValue(
                    "Invalid value for portRange. Must specify both from and to ports with TCP/UDP.")
            }
            let from = permission.fromPort.map(String.init) ?? "null"
            let to = permission.toPort.map(String.init) ?? "null"
            throw BackendError.invalidValue(
                "Invalid value for portRange. From port \(from) and to port \(to) are not valid for protocol \(name).")
        }
    }

    /// A rule description, checked against EC2's length and character set.
    static func checkDescription(_ text: String?, allowsAmpersand: Bool = true) throws {
        guard let text, RuleDescription.problem(in: text, allowsAmpersand: allowsAmpersand) != nil else { return }
        let set = allowsAmpersand ? "a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*" : "a-zA-Z0-9. _-:/()#,@[]+=;{}!$*"
        throw BackendError.invalidValue(
            "Invalid rule description. Valid descriptions are strings less than 256 characters from the following set:  \(set)"
        )
    }

    /// The canonical text of a CIDR as EC2 stores it: a prefix length is required, host bits are masked.
    static func canonicalCIDR(_ text: String, family: CIDR.Family) throws -> String {
        let malformed = BackendError.invalidValue("CIDR block \(text) is malformed")
        guard text.contains("/") else { throw malformed }
        let block: CIDR
        do throws(CIDRParseError) {
            block = try CIDR(parsing: text)
        } catch {
            guard case .hostBitsSet(let network) = error else { throw malformed }
            block = network
        }
        guard block.family == family else {
            throw BackendError.invalidValue(
                family == .ipv4
                    ? "CIDR block \(text) is malformed: an IPv6 block belongs in Ipv6Ranges"
                    : "CIDR block \(text) is malformed: an IPv4 block belongs in IpRanges")
        }
        return block.description
    }

    /// A group pair with its group resolved to an id in this account (and the owner filled in).
    private func resolved(_ db: Database, _ pair: UserIdGroupPair, in group: StoredGroup) throws -> UserIdGroupPair {
        var out = pair
        let ownAccount = pair.userId == nil || pair.userId == ownerId
        if let id = pair.groupId {
            guard ResourceID.isGroupID(id) else {
                // moto and EC2 both answer NotFound for an unknown id given in a pair.
                throw BackendError.groupNotFound(id)
            }
            if ownAccount { _ = try self.group(db, id: id) }
        } else if let name = pair.groupName {
            guard let target = try self.group(db, name: name, vpcId: group.vpcId) else {
                throw BackendError.groupNotFound(name)
            }
            out.groupId = target.id
        } else {
            throw BackendError(
                code: "MissingParameter", message: "A group pair must name a GroupId or a GroupName")
        }
        out.groupName = nil
        out.userId = pair.userId ?? ownerId
        return out
    }
}
