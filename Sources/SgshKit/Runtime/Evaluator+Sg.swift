// `sg …` statements and expressions: each becomes Operations in the Plan.
//
// A rule clause expands to one Rule per (port entry × peer), built with
// SgshModel's `Rule.init` so that the model's checks are the only checks;
// its errors are reported at the part of the clause they are about. A
// string in a group or peer position is read as what it spells ("sg-…",
// "pl-…", a CIDR); anything else there is an error at that position.

import SgshModel

extension Evaluator {
    nonisolated(nonsending) func execute(_ sg: SgStmt, range: SourceRange, _ env: Environment) async throws {
        let target = try groupTarget(try await evaluate(sg.group, env), at: sg.group.range)
        switch sg.action {
        case .rule(let direction, let clause):
            let rules = try await rules(for: clause, direction: direction.value, env)
            if clause.verb.value == .allow {
                let tags = try await tags(clause.tags, env)
                try record(
                    .authorize(target, direction.value, rules, tags: tags), at: range,
                    lifetimes: Self.lifetimes(of: clause, count: rules.count))
            } else {
                try rejectTags(clause)
                try record(.revoke(target, direction.value, rules), at: range)
            }
        case .block(let direction, let exactly, let clauses):
            var written = BlockRules(clauses: clauses.count)
            if let exactly, exactly.value {
                var rules: [Rule] = []
                var tags: [Tag] = []
                var lifetimes: [Int?] = []
                for clause in clauses {
                    guard clause.verb.value == .allow else {
                        throw error(RuleFacts.revokeInExactly, at: clause.verb.range)
                    }
                    let clauseRules = try await self.rules(for: clause, direction: direction.value, env)
                    try written.add(clauseRules, at: clause.range, self)
                    rules += clauseRules
                    lifetimes += Array(repeating: clause.lifetime?.value, count: clauseRules.count)
                    tags += try await self.tags(clause.tags, env)
                }
                try checkNothingReplaced(target, direction.value, by: exactly.range)
                try record(.exactly(target, direction.value, rules, tags: tags), at: range, lifetimes: lifetimes)
            } else {
                for clause in clauses {
                    try tick(clause.range)
                    let rules = try await rules(for: clause, direction: direction.value, env)
                    if clause.verb.value == .allow { try written.add(rules, at: clause.range, self) }
                    if clause.verb.value == .allow {
                        let tags = try await tags(clause.tags, env)
                        try record(
                            .authorize(target, direction.value, rules, tags: tags), at: clause.range,
                            lifetimes: Self.lifetimes(of: clause, count: rules.count))
                    } else {
                        try rejectTags(clause)
                        try record(.revoke(target, direction.value, rules), at: clause.range)
                    }
                }
            }
        case .tag(let clauses):
            try record(.tag(target, try await tags(clauses, env)), at: range)
        case .untag(let keys):
            try record(.untag(target, keys.map { TagSelector(key: $0.name) }), at: range)
        case .show:
            try record(.show(target), at: range)
        case .delete:
            try record(.delete(target), at: range)
        }
    }

    /// The lifetime (`for 2h`) of each of a clause's `count` rules; none (no array allocated)
    /// when the clause gives none, which `record` takes as for good.
    static func lifetimes(of clause: RuleClause, count: Int) -> [Int?] {
        guard let lifetime = clause.lifetime?.value else { return [] }
        return Array(repeating: lifetime, count: count)
    }

    /// The described rules of one block so far: two that differ only in description are an error.
    struct BlockRules {
        var seen: [RuleKey: (description: String, range: SourceRange)] = [:]
        /// False for a block of one clause: its rules share one description, so there is
        /// nothing to compare (and a clause may expand to 100,000 rules, each hashed here).
        let comparesClauses: Bool

        init(clauses: Int) { comparesClauses = clauses > 1 }

        mutating func add(_ rules: [Rule], at range: SourceRange, _ evaluator: Evaluator) throws {
            guard comparesClauses else { return }
            seen.reserveCapacity(seen.count + rules.count)
            for rule in rules {
                guard let description = rule.description else { continue }
                guard let first = seen[rule.key] else {
                    seen[rule.key] = (description, range)
                    continue
                }
                guard first.description != description, first.range != range else { continue }
                var error = evaluator.error(RuleFacts.duplicateRuleInBlock, at: range)
                error.notes = [DiagnosticMessage.sameRuleFirstWritten(at: first.range)]
                throw error
            }
        }
    }

    /// An `exactly` block replaces every earlier rule of the plan for its group and direction:
    /// a rule the script wrote before it would be dropped without a word, so it is an error.
    func checkNothingReplaced(_ target: GroupTarget, _ direction: Direction, by exactly: SourceRange) throws {
        for planned in plan.operations {
            let replaced: Bool =
                switch planned.operation {
                case .authorize(let group, let other, _, _), .revoke(let group, let other, _),
                    .exactly(let group, let other, _, _):
                    group == target && other == direction
                default: false
                }
            guard replaced, let origin = planned.origin else { continue }
            var error = self.error(RuleFacts.ruleBeforeExactly(direction), at: origin)
            error.notes = [DiagnosticMessage.exactlyBlockHere(exactly)]
            throw error
        }
    }

    private func rejectTags(_ clause: RuleClause) throws {
        if let first = clause.tags.first {
            throw error(.invalidRule, "tags apply to rules being allowed, not revoked", at: first.key.range)
        }
    }

    // MARK: - Rules

    /// The rules of one clause: every port entry with every peer, in that order. A clause of one
    /// written port and one peer (most of them) builds no array but the rules' own: the port
    /// entries' and the peers' arrays were each an allocation per rule (docs/BENCHMARKS.md).
    nonisolated(nonsending) func rules(for clause: RuleClause, direction: Direction, _ env: Environment) async throws
        -> [Rule]
    {
        let proto = try await ipProtocol(clause.proto, env)
        let onlyPort = try onlyWrittenPort(of: clause, proto: proto)
        let portSpecs = onlyPort == nil ? try await ports(of: clause, proto: proto, env) : []
        var peers: [Peer] = []
        var onlyPeer: Peer?
        if clause.peers.count == 1 {
            let expr = clause.peers[0]
            let value = try await evaluate(expr, env)
            if case .list = value {
                try collectPeers(value, at: expr.range, into: &peers)
            } else {
                onlyPeer = try peer(of: value, at: expr.range)
            }
        } else {
            peers.reserveCapacity(clause.peers.count)
            for expr in clause.peers {
                try collectPeers(try await evaluate(expr, env), at: expr.range, into: &peers)
            }
        }
        var description: String?
        if let expr = clause.description {
            switch try await evaluate(expr, env) {
            case .string(let text) where Self.isOnePieceOfText(expr):
                // Written in the script: the resolver checked it (`checkDescription`), and a
                // script that does not check does not run. Only a computed one is checked here.
                description = text
            case .string(let text):
                do { description = try RuleFacts.description(text) } catch { throw self.error(error, at: expr.range) }
            case .nil: description = nil
            case let other:
                throw error(.typeMismatch, "a rule description must be a string, not \(other.typeName)", at: expr.range)
            }
        }
        // RuleFacts.description has checked everything but `&`, which only some peers refuse:
        // without one there is nothing more to check (it was read again for every peer).
        if let description, let expr = clause.description, Resolver.containsAmpersand(description) {
            for peer in onlyPeer.map({ [$0] }) ?? peers {
                do { _ = try RuleFacts.ruleDescription(description, peer: peer) } catch {
                    throw self.error(error, at: expr.range)
                }
            }
        }
        if let onlyPort, let onlyPeer {
            return [try rule(clause, proto, onlyPort, onlyPeer, description)]
        }
        let specs = onlyPort.map { [$0] } ?? portSpecs
        if let onlyPeer { peers = [onlyPeer] }
        var rules: [Rule] = []
        rules.reserveCapacity(specs.count * peers.count)
        for spec in specs {
            for peer in peers {
                rules.append(try rule(clause, proto, spec, peer, description))
            }
        }
        return rules
    }

    /// True for a string literal that is one piece of text (no `${…}`).
    static func isOnePieceOfText(_ expr: Expr) -> Bool {
        guard case .string(let parts) = expr.kind, parts.count == 1, case .text = parts[0] else { return false }
        return true
    }

    /// One rule of a clause, built by the model; its error is reported at the part it is about.
    private func rule(
        _ clause: RuleClause, _ proto: IPProtocol, _ spec: PortEntry, _ peer: Peer, _ description: String?
    ) throws -> Rule {
        do {
            return try Rule(ipProtocol: proto, ports: spec.spec, peer: peer, description: description)
        } catch {
            let at: SourceRange =
                switch error {
                case .portsRequired, .icmpTypeRequired: clause.proto.range
                case .portsNotAllowed: spec.range ?? clause.proto.range
                case .invalidDescription: clause.description?.range ?? clause.range
                }
            throw self.error(.invalidRule, error.description, at: at, underlying: error)
        }
    }

    /// A clause's protocol. Inlined, like `evaluate(_:_:)`: only a computed one (`$proto`) needs an async call.
    @inline(__always)
    nonisolated(nonsending) func ipProtocol(_ proto: Located<ProtocolSpec>, _ env: Environment) async throws
        -> IPProtocol
    {
        switch proto.value {
        case .literal(let value):
            return value
        case .invalidNumber(let number):
            do { return try RuleFacts.protocolNumber(number) } catch { throw self.error(error, at: proto.range) }
        case .expression(let expr):
            return try await computedProtocol(expr, env)
        }
    }

    private nonisolated(nonsending) func computedProtocol(_ expr: Expr, _ env: Environment) async throws -> IPProtocol {
        let value = try await evaluate(expr, env)
        do {
            switch value {
            case .string(let text): return try RuleFacts.protocolName(text)
            case .int(let number): return try RuleFacts.protocolNumber(number)
            default:
                throw error(
                    .typeMismatch, "a protocol must be a string or an int, not \(value.typeName)", at: expr.range)
            }
        } catch let fact as RuleFactError {
            throw self.error(fact, at: expr.range)
        }
    }

    /// One port entry resolved for a protocol, with where it was written.
    struct PortEntry {
        let spec: PortSpec
        let range: SourceRange?
    }

    /// A clause's port entries. Inlined, like `evaluate(_:_:)`: only ports that hold an
    /// expression (`$https`) need an async call.
    @inline(__always)
    nonisolated(nonsending) func ports(of clause: RuleClause, proto: IPProtocol, _ env: Environment) async throws
        -> [PortEntry]
    {
        guard let ports = clause.ports else { return [try omittedPorts(of: clause, proto: proto)] }
        if let items = ports.value.items, !items.contains(where: { $0.value.expression != nil }) {
            return try items.map { try writtenPort($0, proto: proto) }
        }
        return try await computedPorts(ports.value, proto: proto, env)
    }

    /// The one port entry of a clause that names no ports or one written port (not an
    /// expression), as `ports(of:proto:_:)` gives it; nil for any other clause.
    private func onlyWrittenPort(of clause: RuleClause, proto: IPProtocol) throws -> PortEntry? {
        guard let ports = clause.ports else { return try omittedPorts(of: clause, proto: proto) }
        guard let items = ports.value.items, items.count == 1, items[0].value.expression == nil else { return nil }
        return try writtenPort(items[0], proto: proto)
    }

    /// The port entry of a clause that names no ports (`all`, ICMP without a type).
    private func omittedPorts(of clause: RuleClause, proto: IPProtocol) throws -> PortEntry {
        do {
            let spec = try RuleFacts.omittedPorts(for: proto, preposition: clause.preposition.value)
            return PortEntry(spec: spec, range: nil)
        } catch {
            // The resolver reports this for literal protocols; a computed one lands here.
            throw self.error(error, at: clause.proto.range)
        }
    }

    /// A port item written in the clause (not an expression).
    private func writtenPort(_ item: Located<PortItem>, proto: IPProtocol) throws -> PortEntry {
        PortEntry(
            spec: try portSpec(item.value, proto: proto, spelling: item.range.text, at: item.range), range: item.range)
    }

    /// Port entries of which at least one is an expression, in the order written.
    private nonisolated(nonsending) func computedPorts(_ ports: PortsSpec, proto: IPProtocol, _ env: Environment)
        async throws -> [PortEntry]
    {
        switch ports {
        case .items(let items, _):
            var out: [PortEntry] = []
            for item in items {
                if let expr = item.value.expression {
                    out += try await portEntries(of: expr, proto: proto, env)
                } else {
                    out.append(try writtenPort(item, proto: proto))
                }
            }
            return out
        case .expression(let expr):
            return try await portEntries(of: expr, proto: proto, env)
        }
    }

    /// The port entries of a run-time value: one entry, or one per element of a (nested) list.
    private nonisolated(nonsending) func portEntries(of expr: Expr, proto: IPProtocol, _ env: Environment) async throws
        -> [PortEntry]
    {
        var out: [PortEntry] = []
        func collect(_ value: Value) throws {
            if case .list(let values) = value {
                for element in values { try collect(element) }
                return
            }
            out.append(PortEntry(spec: try portSpec(value, proto: proto, at: expr.range), range: expr.range))
        }
        try collect(try await evaluate(expr, env))
        return out
    }

    /// A run-time value in a ports position: an int, a port range, or a string spelling a port item.
    private func portSpec(_ value: Value, proto: IPProtocol, at range: SourceRange) throws -> PortSpec {
        switch value {
        case .int(let number):
            return try portSpec(.number(number), proto: proto, spelling: String(number), at: range)
        case .portRange(let ports):
            return try portSpec(.range(ports.from, ports.to), proto: proto, spelling: ports.description, at: range)
        case .string(let text):
            guard let item = RuleFacts.portItem(spelled: text) else {
                throw error(.invalidValue, "'\(text)' is not a port, port range or ICMP type", at: range)
            }
            return try portSpec(item, proto: proto, spelling: text, at: range)
        default:
            throw error(
                .typeMismatch, "ports must be an int, a port range or a list of them, not \(value.typeName)", at: range)
        }
    }

    /// A port item checked against the protocol it is used with.
    private func portSpec(
        _ item: PortItem, proto: IPProtocol, spelling: @autoclosure () -> String, at range: SourceRange
    ) throws -> PortSpec {
        do {
            return try RuleFacts.portSpec(item, for: proto, spelling: spelling())
        } catch {
            throw self.error(error, at: range)
        }
    }

    // MARK: - Groups and peers

    /// The group a value names in the group position of an `sg` statement.
    func groupTarget(_ value: Value, at range: SourceRange) throws -> GroupTarget {
        switch value {
        case .group(let target, nil):
            return target
        case .group(let target, let owner?):
            throw error(
                .invalidValue, "'\(owner)/\(target)' belongs to another account and cannot be changed here", at: range)
        case .string(let text):
            do { return .id(try RuleFacts.groupID(text)) } catch { throw self.error(error, at: range) }
        default:
            throw error(.typeMismatch, "expected a security group, found \(value.typeName)", at: range)
        }
    }

    /// Appends the peers a value names: a CIDR, group, prefix list, a string spelling one, or a list of them.
    func collectPeers(_ value: Value, at range: SourceRange, into peers: inout [Peer]) throws {
        if case .list(let items) = value {
            for item in items { try collectPeers(item, at: range, into: &peers) }
        } else {
            peers.append(try peer(of: value, at: range))
        }
    }

    /// The peer a value that is not a list names: a CIDR, group, prefix list, or a string spelling one.
    func peer(of value: Value, at range: SourceRange) throws -> Peer {
        switch value {
        case .cidr(let block):
            return .cidr(block)
        case .group(.id(let id), let owner):
            return .group(GroupReference(groupId: id, userId: owner))
        case .group(.created(let created), _):
            return .group(created.peerReference)
        case .prefixList(let id):
            return .prefixList(id)
        case .string(let text):
            return try peer(spelled: text, at: range)
        default:
            throw error(
                .typeMismatch, "expected a peer (CIDR, group or prefix list), found \(value.typeName)", at: range)
        }
    }

    private func peer(spelled text: String, at range: SourceRange) throws -> Peer {
        do { return try RuleFacts.peer(spelled: text) } catch { throw self.error(error, at: range) }
    }

    // MARK: - Tags, create, lookup

    /// The tags of `tag K=V` clauses. Inlined, like `evaluate(_:_:)`: a rule without tags
    /// (most) makes no async call for them.
    @inline(__always)
    nonisolated(nonsending) func tags(_ clauses: [TagClause], _ env: Environment) async throws -> [Tag] {
        if clauses.isEmpty { return [] }
        return try await evaluatedTags(clauses, env)
    }

    private nonisolated(nonsending) func evaluatedTags(_ clauses: [TagClause], _ env: Environment) async throws -> [Tag]
    {
        var out: [Tag] = []
        for clause in clauses {
            let value = try await evaluate(clause.value, env)
            let text = value == .nil ? "" : value.text
            do { _ = try RuleFacts.tagKey(clause.key.name) } catch { throw self.error(error, at: clause.key.range) }
            do { _ = try RuleFacts.tagValue(text, key: clause.key.name) } catch {
                throw self.error(error, at: clause.value.range)
            }
            out.append(Tag(key: clause.key.name, value: text))
        }
        return out
    }

    nonisolated(nonsending) func create(
        name nameExpr: Expr, vpc vpcExpr: Expr?, description descriptionExpr: Expr?, at range: SourceRange,
        _ env: Environment
    ) async throws -> Value {
        let created = try await createdGroup(name: nameExpr, vpc: vpcExpr, description: descriptionExpr, env)
        createdGroups.append(created)
        try record(.create(created, tags: []), at: range)
        return .group(.created(created), owner: nil)
    }

    /// The group an `sg create` or `sg … replace with` names, checked as EC2 would; `vpc` stands
    /// for the VPC when the statement names none.
    nonisolated(nonsending) func createdGroup(
        name nameExpr: Expr, vpc vpcExpr: Expr?, description descriptionExpr: Expr?, _ env: Environment,
        vpc defaultVPC: String? = nil
    ) async throws -> CreatedGroup {
        nonisolated(nonsending) func string(_ expr: Expr, _ what: String) async throws -> String {
            let value = try await evaluate(expr, env)
            guard case .string(let text) = value else {
                throw error(.typeMismatch, "\(what) must be a string, not \(value.typeName)", at: expr.range)
            }
            return text
        }
        let name = try await string(nameExpr, "a group name")
        do { _ = try RuleFacts.groupName(name) } catch { throw self.error(error, at: nameExpr.range) }
        var vpc: String?
        if let vpcExpr {
            vpc = try await string(vpcExpr, "a VPC id")
            if let id = vpc, !ResourceID.isVPCID(id) {
                throw error(.invalidValue, "'\(id)' is not a VPC id (vpc-…)", at: vpcExpr.range)
            }
        }
        let description = try await descriptionExpr.asyncMap { try await string($0, "a group description") } ?? name
        do {
            _ = try RuleFacts.groupDescription(description)
        } catch {
            throw self.error(error, at: descriptionExpr?.range ?? nameExpr.range)
        }
        return CreatedGroup(
            placeholder: createdGroups.count + 1, name: name, description: description, vpcId: vpc ?? defaultVPC)
    }

    /// A group by name: one this plan creates, else one the backend knows; nil when there is none.
    nonisolated(nonsending) func findGroup(named name: String, at range: SourceRange) async throws -> Value? {
        if let created = createdGroups.last(where: { $0.name == name }) { return .group(.created(created), owner: nil) }
        guard let backend = host.backend else {
            throw error(.backend, "looking up group '\(name)' needs a backend, and none is configured", at: range)
        }
        try tick(range)
        let query = SecurityGroupQuery(filters: [.init(name: "group-name", values: [name])])
        let groups: [SecurityGroup]
        do {
            groups = try await backend.describeSecurityGroups(query)
        } catch let cancelled as CancellationError {
            throw error(.cancelled, "script cancelled", at: range, underlying: cancelled)
        } catch {
            throw self.error(.backend, "looking up group '\(name)' failed: \(error)", at: range, underlying: error)
        }
        let matches = groups.filter { $0.groupName == name }
        if matches.count > 1 {
            let ids = matches.map(\.groupId).sorted().joined(separator: ", ")
            throw error(.backend, "'\(name)' names \(matches.count) groups (\(ids)); use a group id", at: range)
        }
        return matches.first.map { .groupID($0.groupId) }
    }
}
