// Properties the planner and the exporter must keep for any rules (issue 13):
// plan → apply → plan is empty, and export → apply to an empty state →
// export is a fixed point. Rules come from RandomRules; PropertyBased shrinks
// a failure to its smallest case and prints the seed to replay it.

import PropertyBased
import SgshKit
import SgshLocal
import SgshModel
import Testing

@Suite struct PlanPropertyTests {
    struct QuietHost: SgshKit.Host {
        func print(_ text: String) {}
    }

    /// Up to 30 rules, each from a seed; the first third egress, the rest ingress.
    static let seeds = Gen.uint64(in: 0...UInt64.max).array(of: 1...30)

    /// A script that creates one group and allows each rule in it.
    static func script(_ seeds: [UInt64]) -> String {
        var lines = [#"let g = sg create "prop" "property test""#]
        for (index, seed) in seeds.enumerated() {
            let direction: Direction = index % 3 == 0 ? .egress : .ingress
            lines.append("sg $g \(direction) allow \(SourceWriter.rule(RandomRules.rule(seed), direction))")
        }
        return lines.joined(separator: "\n")
    }

    @Test func planApplyPlanIsEmpty() async throws {
        await propertyCheck(count: 60, input: Self.seeds) { seeds in
            let backend = LocalBackend.inMemory()
            let interpreter = Interpreter(host: QuietHost())
            let script = Self.script(seeds)
            do {
                let first = try await interpreter.run(source: script, name: "prop.sgsh", backend: backend)
                #expect(first.report.succeeded, "\(script)\n\(ReportRenderer.text(first.report))")
                let again = try await interpreter.changes(
                    for: try await interpreter.plan(source: script, name: "prop.sgsh"), backend: backend)
                #expect(!again.hasChanges, "\(script)\n\(ReportRenderer.text(again))")
            } catch {
                Issue.record("\(error)\n\(script)")
            }
        }
    }

    @Test func exportApplyExportIsAFixedPoint() async throws {
        await propertyCheck(count: 40, input: Self.seeds) { seeds in
            do {
                let original = LocalBackend.inMemory()
                let interpreter = Interpreter(host: QuietHost())
                _ = try await interpreter.run(source: Self.script(seeds), name: "prop.sgsh", backend: original)
                let exported = ScriptExporter.script(for: try await original.describeSecurityGroups(.all))

                let rebuilt = LocalBackend.inMemory()
                let applied = try await interpreter.run(source: exported, name: "export.sgsh", backend: rebuilt)
                #expect(applied.report.succeeded, "\(exported)")
                let again = ScriptExporter.script(for: try await rebuilt.describeSecurityGroups(.all))
                #expect(Self.withoutIDs(again) == Self.withoutIDs(exported), "\(exported)\n---\n\(again)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    /// The script with group and VPC ids (which differ between two states) blanked.
    static func withoutIDs(_ script: String) -> String {
        script.replacing(/(sg|vpc)-[0-9a-f]+/, with: "ID")
    }
}
