// A managed prefix list, as DescribeManagedPrefixLists and
// GetManagedPrefixListEntries show it.
//
// sgsh reads prefix lists for two reasons: EC2 counts a rule that references a
// customer-managed list as the list's MaxEntries rules against the group's
// quota (EC2-FACTS §2), and a policy on CIDRs must see the blocks a list holds.

/// A managed prefix list (`pl-…`) and its entries.
public struct ManagedPrefixList: Hashable, Sendable {
    /// The list's id (`pl-…`).
    public var id: String
    /// The list's name (`com.amazonaws.us-east-1.s3` for an AWS-managed one).
    public var name: String
    /// IPv4 or IPv6: the quota a reference to the list counts against.
    public var family: CIDR.Family
    /// The most entries the list may hold; nil for an AWS-managed list, which EC2 does not report.
    public var maxEntries: Int?
    /// The account that owns the list (`AWS` for an AWS-managed one).
    public var ownerId: String
    /// The CIDR blocks the list holds now.
    public var entries: [CIDR]

    public init(id: String, name: String, family: CIDR.Family, maxEntries: Int?, ownerId: String, entries: [CIDR]) {
        self.id = id
        self.name = name
        self.family = family
        self.maxEntries = maxEntries
        self.ownerId = ownerId
        self.entries = entries
    }

    /// How many rules a reference to the list counts as: its MaxEntries. An AWS-managed list
    /// counts as its "weight", which no API reports; sgsh counts it as one rule.
    public var quotaWeight: Int { maxEntries ?? 1 }
}

/// A backend that can make customer-managed prefix lists (CreateManagedPrefixList).
public protocol ManagedPrefixListCreating: Sendable {
    /// Creates a list in the backend's account.
    /// - Parameters:
    ///   - name: the list's name.
    ///   - family: IPv4 or IPv6; every entry must be of it.
    ///   - maxEntries: the most entries the list may hold, which a reference counts against a group's quota.
    ///   - entries: the CIDR blocks.
    @discardableResult
    func createManagedPrefixList(
        name: String, family: CIDR.Family, maxEntries: Int, entries: [CIDR]
    ) async throws -> ManagedPrefixList
}

/// The prefix lists a plan or an audit refers to, by id.
public typealias PrefixListCatalog = [String: ManagedPrefixList]

extension ManagedPrefixList {
    /// `lists` by id.
    public static func catalog(_ lists: [ManagedPrefixList]) -> PrefixListCatalog {
        Dictionary(lists.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension SecurityGroupBackend {
    /// The named lists with their entries, by id, in one call; no call when `ids` is empty.
    public func prefixListCatalog(ids: [String]) async throws -> PrefixListCatalog {
        ids.isEmpty ? [:] : ManagedPrefixList.catalog(try await describeManagedPrefixLists(ids: ids))
    }
}

extension Rule {
    /// The quota family the rule counts against: a CIDR's own, a known prefix list's, else IPv4.
    public func quotaFamily(_ prefixLists: PrefixListCatalog) -> CIDR.Family {
        if case .prefixList(let id) = peer, let list = prefixLists[id] { return list.family }
        return peer.quotaFamily
    }

    /// How many rules the rule counts as against the quota (a prefix list counts its MaxEntries).
    public func quotaWeight(_ prefixLists: PrefixListCatalog) -> Int {
        if case .prefixList(let id) = peer, let list = prefixLists[id] { return list.quotaWeight }
        return 1
    }
}

extension CIDR.Family {
    /// The AddressFamily value of the EC2 API (`IPv4`, `IPv6`).
    public var wireName: String { self == .ipv4 ? "IPv4" : "IPv6" }

    /// Reads an AddressFamily value (`IPv4`, `IPv6`, any case).
    public init?(wireName: String) {
        switch wireName.lowercased() {
        case "ipv4": self = .ipv4
        case "ipv6": self = .ipv6
        default: return nil
        }
    }
}
