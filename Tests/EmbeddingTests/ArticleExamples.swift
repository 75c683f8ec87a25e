// The code of the DocC articles (Sources/SgshKit/SgshKit.docc,
// Sources/SgshModel/SgshModel.docc), run as tests; the types they define are in
// ArticleExamples+Types.swift. Every ```swift block of an article must appear
// in one of these two files line for line (indentation aside):
// ArticleSnippetTests fails when an article and these files drift apart.

import SgshKit
import SgshLocal
import SgshModel
import Synchronization
import Testing

// MARK: - EmbeddingAnInterpreter

@Suite struct EmbeddingAnInterpreterArticle {
    @Test func checksAndPlans() async throws {
        let host = CollectingHost()
        let interpreter = Interpreter(host: host)
        let source = """
            let web = sg-0abc123
            sg $web ingress allow tcp 443 from 0.0.0.0/0 "public https"
            print "planned https for ${web}"
            """
        let diagnostics = interpreter.check(source: source, name: "web.sgsh")
        if diagnostics.hasErrors {
            Swift.print(DiagnosticRenderer().render(diagnostics))
        }
        #expect(diagnostics.isEmpty)

        do throws(SgshError) {
            let plan = try await interpreter.plan(source: source, name: "web.sgsh")
            for planned in plan.operations {
                Swift.print(planned.operation.summary)
            }
        } catch {
            Swift.print(error.description)
        }
        #expect(host.lines.withLock { $0 } == ["planned https for sg-0abc123"])
        let plan = try await interpreter.plan(source: source, name: "web.sgsh")
        #expect(
            plan.operations.map(\.operation.summary) == [
                #"authorize sg-0abc123 ingress: tcp 443 from 0.0.0.0/0 "public https""#
            ])
        #expect(plan.operations.first?.origin?.location.line == 2)
    }

    @Test func anInvalidScriptRunsNothing() async {
        let host = CollectingHost()
        let interpreter = Interpreter(host: host)
        await #expect {
            _ = try await interpreter.plan(source: "print \"hi\"\nprint nope", name: "bad.sgsh")
        } throws: { error in
            guard case .invalidProgram(let diagnostics) = error as? SgshError else { return false }
            return diagnostics.map(\.id) == [.undefinedName]
        }
        #expect(host.lines.withLock { $0 }.isEmpty)
    }
}

// MARK: - HostFunctionsAndPredeclaredValues

@Suite struct HostFunctionsArticle {
    func makeInterpreter() -> Interpreter {
        var builtins = BuiltinSet.standard
        builtins.register("site_cidrs", arity: 1...1) { args in
            switch try args.string(0) {
            case "berlin": return [.cidr(CIDR("10.20.0.0/16")!), .cidr(CIDR("10.21.0.0/16")!)]
            case "paris": return [.cidr(CIDR("10.30.0.0/16")!)]
            case let site: throw ArgumentError(function: "site_cidrs", "no site named '\(site)'")
            }
        }
        builtins.remove("env")  // scripts of this program never read the environment
        let interpreter = Interpreter(
            host: CollectingHost(), builtins: builtins,
            predeclared: [
                "office": [.cidr(CIDR("203.0.113.0/24")!), .cidr(CIDR("198.51.100.7")!)],
                "stage": "production",
            ])
        return interpreter
    }

    @Test func hostFunctionsAndPredeclaredValuesAreGlobals() async throws {
        let interpreter = makeInterpreter()
        let plan = try await interpreter.plan(
            source: """
                for cidr in site_cidrs("berlin") + $office {
                  sg sg-0abc123 ingress allow tcp 443 from $cidr "https (${stage})"
                }
                """, name: "sites.sgsh")
        #expect(plan.operations.count == 4)
        #expect(
            plan.operations.last?.operation.summary.hasSuffix(#"from 198.51.100.7/32 "https (production)""#) == true)
    }

    @Test func aRemovedBuiltinIsAnUndefinedName() {
        let diagnostics = makeInterpreter().check(source: "print env(\"HOME\")", name: "home.sgsh")
        #expect(diagnostics.map(\.id) == [.undefinedName])
    }

    @Test func aHostFunctionErrorStopsTheScriptAtTheCall() async {
        await #expect {
            _ = try await makeInterpreter().plan(source: "let x = site_cidrs(\"tokyo\")", name: "sites.sgsh")
        } throws: { error in
            guard case .runtime(let failure) = error as? SgshError else { return false }
            return failure.kind == .argument && failure.range.location.column == 9
        }
    }
}

// MARK: - LimitsAndCancellation

@Suite struct LimitsAndCancellationArticle {
    @Test func aLimitStopsTheScript() async {
        let interpreter = Interpreter(
            host: CollectingHost(),
            limits: ExecutionLimits(maxSteps: 10_000, maxCallDepth: 50, maxOutputBytes: 4_096, maxOperations: 100))
        do throws(SgshError) {
            _ = try await interpreter.plan(source: "for i in range(1000000) { print i }", name: "loop.sgsh")
        } catch {
            if case .runtime(let failure) = error {
                Swift.print(failure.rendered())  // loop.sgsh:1:10: error: step limit of 10000 exceeded …
            }
        }
        await #expect {
            _ = try await interpreter.plan(source: "for i in range(1000000) { print i }", name: "loop.sgsh")
        } throws: { error in
            guard case .runtime(let failure) = error as? SgshError else { return false }
            return failure.kind == .stepLimitExceeded
                && failure.rendered().hasPrefix("loop.sgsh:1:10: error: step limit of 10000 exceeded")
        }
    }

    @Test func cancellingTheTaskStopsTheScript() async {
        let interpreter = Interpreter(host: CollectingHost(), limits: ExecutionLimits(maxSteps: .max))
        let endless = "for i in range(100000) { for j in range(100000) { } }"
        let task = Task { try await interpreter.plan(source: endless, name: "endless.sgsh") }
        task.cancel()
        if case .failure(SgshError.runtime(let failure)) = await task.result {
            Swift.print(failure.kind)  // cancelled
        }
        guard case .failure(SgshError.runtime(let failure)) = await task.result else {
            Issue.record("the cancelled script should have stopped with a runtime error")
            return
        }
        #expect(failure.kind == .cancelled)
    }
}

// MARK: - PlanApplyReport

@Suite struct PlanApplyReportArticle {
    static let script = """
        let web = sg create "web" "web servers"
        sg $web ingress allow tcp [80, 443] from 0.0.0.0/0 "public web"
        """

    @Test func plansShowsAndApplies() async throws {
        let script = Self.script
        let backend = LocalBackend.inMemory()
        let interpreter = Interpreter(host: CollectingHost())
        let plan = try await interpreter.plan(source: script, name: "web.sgsh")

        let changes = try await interpreter.changes(for: plan, backend: backend)
        Swift.print(ReportRenderer.text(changes))  // what applying would change; nothing sent yet

        let report = await Executor(backend: backend).apply(changes)
        Swift.print(ReportRenderer.text(report))
        if let failure = report.failure {
            Swift.print("failed at \(failure.action): \(failure)")  // what was applied is rolled back
        }
        #expect(report.succeeded)
        #expect(report.callCount == 2)
        #expect(ReportRenderer.text(changes).contains(#"+ tcp 443 from 0.0.0.0/0 "public web""#))
        #expect(
            ReportRenderer.text(report).hasSuffix("Applied: 3 added, 0 changed, 0 removed, 0 unchanged (2 calls).\n"))
        #expect(ReportRenderer.jsonText(report).contains(#""Succeeded": true"#))

        // The same script again finds the group by name and has nothing to do.
        let again = try await interpreter.run(source: Self.script, name: "web.sgsh", backend: backend)
        #expect(!again.report.changeSet.hasChanges)
        #expect(again.report.callCount == 0)
    }

    @Test func aPolicyRefusesThePlanBeforeAnyCall() async throws {
        let backend = LocalBackend.inMemory()
        let interpreter = Interpreter(host: CollectingHost())
        let plan = try await interpreter.plan(source: Self.script, name: "web.sgsh")
        let organisation = try await interpreter.plan(
            source: #"policy deny ingress tcp 80 from 0.0.0.0/0, ::/0 "no plain http from the world""#,
            name: "org.sgsh")
        let options = Planner.Options(policies: organisation.policies)
        do throws(PlanningError) {
            _ = try await interpreter.changes(for: plan, backend: backend, options: options)
        } catch {
            Swift.print(error.rendered())  // the rule's line in web.sgsh, and the policy's in org.sgsh
        }
        await #expect {
            _ = try await interpreter.changes(for: plan, backend: backend, options: options)
        } throws: { error in
            guard case .policyViolations(let violations) = (error as? PlanningError)?.kind else { return false }
            return violations.map(\.policy.name) == ["no plain http from the world"]
        }
        var rendered = ""
        do throws(PlanningError) {
            _ = try await interpreter.changes(for: plan, backend: backend, options: options)
        } catch {
            rendered = error.rendered()
        }
        #expect(rendered.contains("web.sgsh:2:"), "\(rendered)")
        #expect(rendered.contains("org.sgsh:1:"), "\(rendered)")
        #expect(try await backend.describeSecurityGroups(.all).allSatisfy { $0.groupName != "web" })
    }
}

// MARK: - WritingABackend

@Suite struct WritingABackendArticle {
    @Test func aReadOnlyBackendPlansButNeverChanges() async throws {
        let live = LocalBackend.inMemory()
        let web = try await live.createSecurityGroup(
            name: "web", description: "web servers", vpcId: nil, tags: [], dryRun: false)
        let interpreter = Interpreter(host: CollectingHost())
        let result = try await interpreter.run(
            source: "sg \(web) ingress allow tcp 443 from 0.0.0.0/0 \"https\"", name: "web.sgsh",
            backend: ReadOnlyBackend(base: live))
        Swift.print(result.report.failure?.description ?? "applied")  // ReadOnly: authorize is not allowed here
        #expect(result.report.failure?.category == .unauthorized)
        #expect(result.report.failure?.description == "ReadOnly: authorize is not allowed here")
        let rules = try await live.describeSecurityGroups(SecurityGroupQuery(groupIds: [web])).first?.rules(.ingress)
        #expect(rules == [])
    }
}
