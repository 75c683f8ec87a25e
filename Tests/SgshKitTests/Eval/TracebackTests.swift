import SgshModel
import Testing

@testable import SgshKit

@Suite struct TracebackTests {
    func runtimeError(_ source: String, name: String = "web.sgsh") async -> (RuntimeError?, TestHost) {
        let host = TestHost()
        do {
            _ = try await Interpreter(host: host).plan(source: source, name: name) { host.record($0) }
            return (nil, host)
        } catch {
            guard case .runtime(let failure) = error else {
                Issue.record("expected a runtime error, got \(error)")
                return (nil, host)
            }
            return (failure, host)
        }
    }

    @Test func rendersTheDiagnosticAndEveryFrame() async {
        let source = """
            def boom(x) {
              return x[3]
            }
            def middle(x) {
              return boom(x)
            }
            sg sg-0a1 ingress allow tcp 22 from 10.0.0.0/8
            middle([1])
            """
        let (error, _) = await runtimeError(source)
        #expect(
            error?.rendered() == """
                web.sgsh:2:10: error: index 3 out of range for a list of 1
                   2 |   return x[3]
                     |          ^~~~
                traceback (most recent call last):
                  web.sgsh:8:1: in <toplevel>
                  web.sgsh:5:10: in middle
                  web.sgsh:2:10: in boom

                """)
        #expect(error?.kind == .arithmetic)
    }

    @Test func namesTheBuiltinThatFailed() async {
        let source = """
            def widen(cidrs) {
              return aggregate(cidrs)
            }
            widen(5)
            """
        let (error, _) = await runtimeError(source)
        #expect(
            error?.traceback == """
                traceback (most recent call last):
                  web.sgsh:4:1: in <toplevel>
                  web.sgsh:2:10: in widen
                  <builtin>: in aggregate

                """)
        #expect(error?.message == "aggregate: argument 1 must be a CIDR or a list of CIDRs, not int")
        #expect(error?.kind == .argument)
    }

    @Test func anErrorOnTheLastLineDiscardsThePlan() async {
        let source = """
            sg sg-0a1 ingress allow tcp 22 from 10.0.0.0/8
            sg sg-0a1 ingress allow tcp 443 from 0.0.0.0/0
            sg sg-0a1 tag env="prod"
            let bad = "nope"
            sg $bad delete
            """
        let (error, host) = await runtimeError(source)
        // Three operations were planned before the error, and none of them is returned.
        #expect(host.transcript.count == 3)
        #expect(error?.message == "'nope' is not a security group id")
        #expect(error?.range.location.line == 5)
        #expect(error?.callStack == [CallFrame(name: "<toplevel>", range: error?.range)])
    }

    @Test func framesInAModuleNameTheModuleFile() async {
        let (error, _) = await runtimeError(
            """
            use "presets"
            bastion(sg-0a1, ["not a cidr"])
            """)
        #expect(
            error?.traceback == """
                traceback (most recent call last):
                  web.sgsh:2:1: in <toplevel>
                  stdlib/presets.sgsh:16:41: in bastion

                """)
    }
}

@Suite struct TracebackElisionTests {
    @Test func runawayRecursionShowsThreeFramesAndACount() async {
        let host = TestHost()
        do {
            _ = try await Interpreter(host: host, limits: ExecutionLimits(maxCallDepth: 10))
                .plan(source: "def f(n) {\n  return f(n + 1)\n}\nf(0)", name: "r.sgsh")
            Issue.record("expected the call depth limit")
        } catch {
            guard case .runtime(let failure) = error else { return }
            #expect(failure.callStack.count == 11)
            #expect(
                failure.traceback == """
                    traceback (most recent call last):
                      r.sgsh:4:1: in <toplevel>
                      r.sgsh:2:10: in f
                      r.sgsh:2:10: in f
                      r.sgsh:2:10: in f
                      (previous frame repeated 7 more times)

                    """)
        }
    }

    @Test func twoOrThreeRepeatsAreShownInFull() {
        let file = SourceFile(name: "t.sgsh", text: "f()\n")
        let range = SourceRange(file: file, start: 0, end: 3)
        let frames =
            [CallFrame(name: "<toplevel>", range: range)]
            + Array(repeating: CallFrame(name: "f", range: range), count: 3)
        let error = RuntimeError(.arithmetic, "x", at: range, callStack: frames)
        #expect(
            error.traceback == """
                traceback (most recent call last):
                  t.sgsh:1:1: in <toplevel>
                  t.sgsh:1:1: in f
                  t.sgsh:1:1: in f
                  t.sgsh:1:1: in f

                """)
    }
}
