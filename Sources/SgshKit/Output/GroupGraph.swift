// `sgsh graph`: which groups let which sources in. The groups are nodes, each
// group-to-group rule an edge from the peer to the group (ingress) or from the
// group to the peer (egress), and CIDR blocks and prefix lists are nodes of
// their own, so that "who can reach the database" is a path in the picture.
// Built from live groups, or from live groups with a ChangeSet applied (what a
// script would make); GraphRenderer draws it as dot or mermaid.

import SgshModel

/// Security groups and the peers their rules name, as a directed graph.
public struct GroupGraph: Hashable, Sendable {
    /// What a node stands for.
    public enum Kind: Hashable, Sendable {
        /// A group the graph is about.
        case group
        /// A group a rule names that the graph is not about (another account's, or not selected).
        case otherGroup
        /// A CIDR block.
        case cidr
        /// 0.0.0.0/0 or ::/0: every address.
        case world
        /// A managed prefix list.
        case prefixList
    }

    /// A group or a peer.
    public struct Node: Hashable, Sendable {
        /// Unique in the graph: the group id (`new-N` for a group the plan creates) or the peer's text.
        public var key: String
        /// The lines of its label.
        public var label: [String]
        public var kind: Kind
    }

    /// The rules of one direction between a peer and a group, in one edge.
    public struct Edge: Hashable, Sendable {
        /// The peer for ingress, the group for egress: traffic flows from `from` to `to`.
        public var from: String
        public var to: String
        public var direction: Direction
        /// One line per protocol: `tcp 80, 443`.
        public var label: [String]
    }

    public var nodes: [Node]
    public var edges: [Edge]

    /// A group as the graph sees it: its name and its rules.
    public struct Group: Hashable, Sendable {
        /// The group id, or `new-N` for a group a plan creates.
        public var key: String
        public var name: String
        /// The id to show under the name (nil for a group not created yet).
        public var id: String?
        public var ingress: [Rule]
        public var egress: [Rule]

        public init(key: String, name: String, id: String?, ingress: [Rule], egress: [Rule]) {
            self.key = key
            self.name = name
            self.id = id
            self.ingress = ingress
            self.egress = egress
        }

        /// A live group with the rules sgsh can read (its own account's group peers without the account).
        public init(live group: SecurityGroup) {
            self.init(
                key: group.groupId, name: group.groupName, id: group.groupId,
                ingress: group.readRulesDroppingOwnAccount(.ingress).rules,
                egress: group.readRulesDroppingOwnAccount(.egress).rules)
        }

        func rules(_ direction: Direction) -> [Rule] { direction == .ingress ? ingress : egress }
    }

    /// The graph of `groups`; `names` labels the other groups rules name (id → name).
    public init(groups: [Group], names: [String: String] = [:]) {
        var nodes = groups.map { group in
            Node(key: group.key, label: [group.name] + (group.id.map { [$0] } ?? ["(new)"]), kind: .group)
        }
        var known = Set(nodes.map(\.key))
        var peers: [Peer] = []
        var edges: [Edge] = []
        for group in groups {
            for direction in Direction.allCases {
                let byPeer = Dictionary(grouping: group.rules(direction), by: \.peer)
                for peer in byPeer.keys.sorted() {
                    let key = Self.key(of: peer)
                    if !known.contains(key) {
                        known.insert(key)
                        peers.append(peer)
                    }
                    let label = Self.label(of: byPeer[peer]!)
                    edges.append(
                        direction == .ingress
                            ? Edge(from: key, to: group.key, direction: direction, label: label)
                            : Edge(from: group.key, to: key, direction: direction, label: label))
                }
            }
        }
        nodes += peers.sorted().map { Self.node(for: $0, names: names) }
        self.nodes = nodes
        self.edges = edges
    }

    /// The live groups: `selected` as the graph's groups, `all` (the account) naming the others.
    public static func live(_ selected: [SecurityGroup], all: [SecurityGroup]) -> GroupGraph {
        GroupGraph(groups: selected.map(Group.init(live:)), names: Self.names(all))
    }

    /// What applying `changes` to `live` would leave: the groups the change set touches
    /// (created, adopted, or whose rules or tags change; not those it deletes), with their live
    /// rules and the changes applied. A created group whose egress the script leaves alone
    /// gets EC2's default, all traffic to 0.0.0.0/0.
    /// `names` labels the groups rules name (live ones and those the plan creates).
    public static func planned(_ changes: ChangeSet, live: [SecurityGroup]) -> (
        groups: [Group], names: [String: String]
    ) {
        let byId = Dictionary(live.map { ($0.groupId, $0) }, uniquingKeysWith: { first, _ in first })
        var groups: [Group] = []
        func index(of target: GroupTarget) -> Int? {
            let key = Self.key(of: target)
            if let found = groups.firstIndex(where: { $0.key == key }) { return found }
            switch target {
            case .created(let created):
                let allTraffic = try? Rule(ipProtocol: .all, ports: .none, peer: .cidr(CIDR("0.0.0.0/0")!))
                groups.append(
                    Group(key: key, name: created.name, id: nil, ingress: [], egress: allTraffic.map { [$0] } ?? []))
            case .id(let id):
                guard let group = byId[id] else { return nil }
                groups.append(Group(live: group))
            }
            return groups.count - 1
        }
        for creation in changes.creations { _ = index(of: .created(creation.group)) }
        for adoption in changes.adoptions { _ = index(of: .id(adoption.id)) }
        for change in changes.ruleChanges {
            guard let at = index(of: change.group) else { continue }
            let removed = Set(change.removed.map(\.key))
            var rules = groups[at].rules(change.direction).filter { !removed.contains($0.key) }
            rules += change.added
            if let intended = change.intendedRules { rules = intended }
            if change.direction == .ingress { groups[at].ingress = rules } else { groups[at].egress = rules }
        }
        for change in changes.tagChanges { _ = index(of: change.group) }
        let deleted = Set(changes.deletions.map { Self.key(of: $0.group) })
        var names = Self.names(live)
        for creation in changes.creations { names[Self.key(of: .created(creation.group))] = creation.group.name }
        return (groups.filter { !deleted.contains($0.key) }, names)
    }

    static func names(_ groups: [SecurityGroup]) -> [String: String] {
        Dictionary(groups.map { ($0.groupId, $0.groupName) }, uniquingKeysWith: { first, _ in first })
    }

    static func key(of target: GroupTarget) -> String {
        switch target {
        case .id(let id): id
        case .created(let group): group.peerReference.groupId
        }
    }

    static func key(of peer: Peer) -> String { peer.description }

    static func node(for peer: Peer, names: [String: String]) -> Node {
        switch peer {
        case .cidr(let block):
            let world = block.prefixLength == 0
            return Node(
                key: key(of: peer), label: [block.description] + (world ? ["(anywhere)"] : []),
                kind: world ? .world : .cidr)
        case .prefixList(let id):
            return Node(key: key(of: peer), label: [id], kind: .prefixList)
        case .group(let reference):
            let name = reference.userId == nil ? names[reference.groupId] : nil
            return Node(
                key: key(of: peer), label: (name.map { [$0] } ?? []) + [reference.description], kind: .otherGroup)
        }
    }

    /// One line per protocol, its ports joined: `tcp 80, 443`, `icmp destination-unreachable`, `all`.
    static func label(of rules: [Rule]) -> [String] {
        var order: [String] = []
        var ports: [String: [String]] = [:]
        for rule in rules.sorted() {
            let proto = rule.ipProtocol.description
            if ports[proto] == nil { order.append(proto) }
            ports[proto, default: []] += SourceWriter.ports(of: rule).map { [$0] } ?? []
        }
        return order.map { proto in
            let list = ports[proto]!
            return list.isEmpty ? proto : "\(proto) \(list.joined(separator: ", "))"
        }
    }
}
