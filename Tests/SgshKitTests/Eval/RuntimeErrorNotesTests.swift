// Issue 17: what a run drops silently is an error naming both places; computed
// values reach the evaluator's check, which renders the other place as a note.

import Testing

@testable import SgshKit

@Suite struct RuntimeErrorNotesTests {
    @Test func aRuleBeforeAnExactlyBlockForTheSameComputedGroupNamesBoth() async throws {
        let source = """
            let a = sg-0a1
            let b = "sg-" + "0a1"
            sg $a ingress allow tcp 22 from 10.0.0.0/8
            sg $b ingress exactly {
              allow tcp 443 from ::/0
            }

            """
        let interpreter = Interpreter(host: TestHost())
        #expect(interpreter.check(source: source, name: "x.sgsh").isEmpty)
        await #expect {
            _ = try await interpreter.plan(source: source, name: "x.sgsh")
        } throws: { error in
            guard case .runtime(let failure) = error as? SgshError else { return false }
            #expect(
                failure.rendered() == """
                    x.sgsh:3:1: error: this rule is replaced by a later 'ingress exactly' block for the same group
                       3 | sg $a ingress allow tcp 22 from 10.0.0.0/8
                         | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
                    x.sgsh:4:15: note: the 'exactly' block is here
                       4 | sg $b ingress exactly {
                         |               ^~~~~~~
                    hint: move the rule into the 'exactly' block, or remove it
                    traceback (most recent call last):
                      x.sgsh:3:1: in <toplevel>

                    """)
            return true
        }
    }

    @Test func theSameRuleTwiceInABlockThroughVariablesNamesBoth() async throws {
        let source =
            "let c = 10.0.0.0/8\nsg sg-0a1 ingress {\n  allow tcp 22 from $c \"a\"\n  allow tcp 22 from $c \"b\"\n}\n"
        await #expect {
            _ = try await Interpreter(host: TestHost()).plan(source: source, name: "x.sgsh")
        } throws: { error in
            guard case .runtime(let failure) = error as? SgshError else { return false }
            #expect(failure.range.location.line == 4)
            #expect(failure.notes.map { $0.range?.location.line } == [3])
            return true
        }
    }
}
