// Range algebra for policies: which of a group's rules a `policy deny` is
// about. Protocols and ports match by overlap (`all`/-1 covers every protocol
// and port, `tcp 20-30` overlaps `tcp 22`); CIDRs match by overlap, except the
// world: `0.0.0.0/0` or `::/0` in a policy means "open to everyone", which a
// rule set is when its CIDRs *together* cover the whole family (one /0, or
// 0.0.0.0/1 + 128.0.0.0/1), so `10.0.0.0/8` is not the world. IPv4 and IPv6
// never match each other. Groups match by id; a prefix list matches by id, and
// a CIDR policy sees the blocks a list holds when the backend could read them.

import SgshModel

enum PolicyMatcher {
    /// True when some packet is in both (same protocol, or `all` on either side, and overlapping ports).
    static func overlaps(_ a: PolicyTraffic, _ b: PolicyTraffic) -> Bool {
        if a.ipProtocol == .all || b.ipProtocol == .all { return true }
        guard a.ipProtocol == b.ipProtocol else { return false }
        switch (a.ports, b.ports) {
        case (.range(let x), .range(let y)): return x.from <= y.to && y.from <= x.to
        case (.icmp(let x), .icmp(let y)):
            return (x.type == -1 || y.type == -1 || x.type == y.type)
                && (x.code == -1 || y.code == -1 || x.code == y.code)
        default: return true  // `.none`: every port of the protocol.
        }
    }

    /// True when every packet of `inner` is in `outer`.
    static func contains(_ outer: PolicyTraffic, _ inner: PolicyTraffic) -> Bool {
        if outer.ipProtocol == .all { return true }
        guard outer.ipProtocol == inner.ipProtocol else { return false }
        switch (outer.ports, inner.ports) {
        case (.none, _): return true
        case (.range(let x), .range(let y)): return x.from <= y.from && y.to <= x.to
        case (.icmp(let x), .icmp(let y)):
            return x.type == -1 || (x.type == y.type && (x.code == -1 || x.code == y.code))
        default: return false
        }
    }

    /// The indexes of `rules` that break a deny of `traffic` with `peers` (none: any peer),
    /// `except` narrowing the traffic.
    static func violating(
        _ rules: [Rule], traffic: [PolicyTraffic], peers: [Peer], except: [PolicyTraffic],
        prefixLists: PrefixListCatalog = [:]
    ) -> [Int] {
        // The CIDR blocks each rule lets in: its own, or the entries of the prefix list it names.
        let blocks: [[CIDR]] = rules.map { rule in
            switch rule.peer {
            case .cidr(let block): [block]
            case .prefixList(let id): prefixLists[id]?.entries ?? []
            case .group: []
            }
        }
        var found = Set<Int>()
        for item in traffic {
            // The rules whose traffic reaches the denied traffic and is not wholly excepted.
            let candidates = rules.indices.filter { index in
                let ruleTraffic = PolicyTraffic(rules[index])
                return overlaps(ruleTraffic, item) && !except.contains { contains($0, ruleTraffic) }
            }
            if peers.isEmpty {
                found.formUnion(candidates)
                continue
            }
            for peer in peers {
                switch peer {
                case .cidr(let block) where block.prefixLength == 0:
                    let family = candidates.filter { blocks[$0].contains { $0.family == block.family } }
                    found.formUnion(worldCover(family, blocks, block))
                case .cidr(let block):
                    found.formUnion(candidates.filter { blocks[$0].contains { $0.overlaps(block) } })
                case .group(let reference):
                    found.formUnion(
                        candidates.filter {
                            if case .group(let other) = rules[$0].peer {
                                other.groupId == reference.groupId
                            } else {
                                false
                            }
                        })
                case .prefixList(let id):
                    found.formUnion(candidates.filter { rules[$0].peer == .prefixList(id) })
                }
            }
        }
        return found.sorted()
    }

    /// The rules (of `members`) that together open `world` to everyone: none when they do not
    /// cover it, else a minimal cover — narrower rules the others already make redundant are
    /// dropped, so `10.0.0.0/8` beside `0.0.0.0/0` is not blamed for the world.
    private static func worldCover(_ members: [Int], _ blocks: [[CIDR]], _ world: CIDR) -> [Int] {
        func covers(_ rules: [Int]) -> Bool {
            CIDR.aggregate(rules.flatMap { blocks[$0].filter { $0.family == world.family } }).contains(world)
        }
        guard covers(members) else { return [] }
        func size(_ index: Int) -> Int {
            blocks[index].map { $0.family.bitWidth - $0.prefixLength }.max() ?? 0
        }
        var cover = members
        for index in members.sorted(by: { size($0) < size($1) }) {
            let without = cover.filter { $0 != index }
            if covers(without) { cover = without }
        }
        return cover
    }
}
