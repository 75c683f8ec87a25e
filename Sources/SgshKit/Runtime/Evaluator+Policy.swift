// `policy …` statements: each adds a Policy or PolicyExemption to the plan's
// policy set. Nothing is judged here: the planner checks the policies once it
// knows every touched group's state after the plan.

import SgshModel

extension Evaluator {
    nonisolated(nonsending) func execute(_ statement: PolicyStmt, range: SourceRange, _ env: Environment) async throws {
        switch statement {
        case .deny(let direction, let rule, let except, let scope, let name):
            var peers: [Peer] = []
            for expr in rule.peers {
                try collectPeers(try await evaluate(expr, env), at: expr.range, into: &peers)
            }
            let kind = Policy.Kind.deny(
                direction.value, traffic: try await traffic(of: rule, env), peers: peers,
                except: try await except.asyncMap { try await traffic(of: $0, env) } ?? [])
            let scope = try await policyScope(scope, env)
            plan.policies.policies.append(Policy(name: name.value, kind: kind, scope: scope, origin: range))
        case .requireDescription(let scope, let name):
            let scope = try await policyScope(scope, env)
            plan.policies.policies.append(
                Policy(name: name.value, kind: .requireDescription, scope: scope, origin: range))
        case .exempt(let groupExpr, let policy, let until, let reason):
            let group = try groupTarget(try await evaluate(groupExpr, env), at: groupExpr.range)
            // The resolver has checked the date; a module checked elsewhere still lands here.
            guard let lastDay = PolicyDate.day(until.value) else {
                throw error(.invalidValue, DiagnosticMessage.policyDateInvalid(until.value).text, at: until.range)
            }
            plan.policies.exemptions.append(
                PolicyExemption(
                    group: group, policy: policy.value, until: until.value, lastDay: lastDay, reason: reason,
                    origin: range))
        }
    }

    /// Every (protocol, ports) a policy clause names, checked as a rule's would be.
    private nonisolated(nonsending) func traffic(of clause: RuleClause, _ env: Environment) async throws
        -> [PolicyTraffic]
    {
        let proto = try await ipProtocol(clause.proto, env)
        var out: [PolicyTraffic] = []
        for entry in try await ports(of: clause, proto: proto, env) {
            do {
                // Rule's own checks (ports required, ports not allowed), with any peer.
                let rule = try Rule(ipProtocol: proto, ports: entry.spec, peer: .prefixList("pl-0"))
                out.append(PolicyTraffic(rule))
            } catch {
                throw self.error(.invalidRule, error.description, at: entry.range ?? clause.proto.range)
            }
        }
        return out
    }

    private nonisolated(nonsending) func policyScope(_ expr: Expr?, _ env: Environment) async throws -> PolicyScope {
        guard let expr else { return .all }
        if case .string(let parts) = expr.kind, let name = Resolver.plainText(parts), !ResourceID.isGroupID(name) {
            return .named(name)
        }
        return .group(try groupTarget(try await evaluate(expr, env), at: expr.range))
    }
}
