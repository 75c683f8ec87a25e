import SgshLocal
import SgshTestSupport
import Testing

@testable import SgshCLI

@Suite struct InterpreterREPLEngineTests {
    let backend = LocalBackend.inMemory()
    var engine: InterpreterREPLEngine {
        InterpreterREPLEngine(backend: backend, promptLabel: "local", backendDescription: "in memory")
    }

    func groupID(_ name: String) async throws -> String? {
        // All groups, filtered here: EC2 (and so the local backend) fails a describe by an unknown name.
        try await backend.describeSecurityGroups(.init()).first { $0.groupName == name }?.groupId
    }

    @Test func entriesShareDefinitionsAndACreatedGroupIsReboundToItsID() async throws {
        let engine = engine
        let created = await engine.execute(#"let web = sg create "web" "web servers""#)
        #expect(created.status == .succeeded && created.changedGroups)
        let id = try #require(try await groupID("web"))
        #expect(engine.bindings() == [REPLBinding(name: "web", value: id, isFunction: false)])

        let rule = await engine.execute("sg $web ingress allow tcp 443 from 0.0.0.0/0")
        #expect(rule.status == .succeeded)
        #expect(rule.output.contains("+ tcp 443 from 0.0.0.0/0"))
        // A later entry finds the group on the backend, not as the first entry's placeholder.
        let lookup = await engine.execute(#"let again = sg lookup "web"; print again"#)
        #expect(lookup.output.hasPrefix(id + "\n"))
        #expect(
            engine.appliedScript() == """
                sg create "web" "web servers"  # \(id)
                sg \(id) ingress allow tcp 443 from 0.0.0.0/0
                """)
    }

    /// `sg create` of a group that exists adopts it; the binding is then the group's id, so a
    /// later entry can name it (issue 17).
    @Test func anAdoptedGroupIsBoundToItsID() async throws {
        let id = try await backend.createSecurityGroup(
            name: "web", description: "web servers", vpcId: nil, tags: [], dryRun: false)
        let engine = engine
        let adopted = await engine.execute(#"let web = sg create "web" "web servers""#)
        #expect(adopted.status == .succeeded)
        #expect(engine.bindings() == [REPLBinding(name: "web", value: id, isFunction: false)])
        let rule = await engine.execute("sg $web ingress allow tcp 22 from 10.0.0.0/8")
        #expect(rule.status == .succeeded, "\(rule.diagnostics)")
    }

    /// A group planned while dry run was on is forgotten when it goes off: naming it later is
    /// an undefined name, not a call on a group that does not exist (issue 17).
    @Test func dryRunOffForgetsPlannedGroups() async throws {
        let engine = InterpreterREPLEngine(
            backend: backend, promptLabel: "local", backendDescription: "in memory", dryRun: true)
        #expect(await engine.execute(#"let tmp = sg create "tmp" "scratch""#).notApplied)
        #expect(engine.bindings().map(\.name) == ["tmp"])
        engine.setDryRun(false)
        #expect(engine.bindings().isEmpty)
        let later = await engine.execute("sg $tmp ingress allow tcp 22 from 10.0.0.0/8")
        #expect(later.status == .invalidProgram)
        #expect(later.diagnostics.contains("undefined name 'tmp'"), "\(later.diagnostics)")
    }

    /// Placeholders restart in each entry's plan: only the groups the applied entry created are
    /// rebound, never a placeholder left by a dry-run entry that happens to share its number
    /// (and that placeholder is forgotten when dry run goes off).
    @Test func onlyTheAppliedEntrysGroupsAreRebound() async throws {
        let engine = engine
        engine.setDryRun(true)
        _ = await engine.execute(#"let draft = sg create "draft" "never applied""#)
        engine.setDryRun(false)
        _ = await engine.execute(#"let real = sg create "real" "applied"; let both = [real, 1]"#)
        let id = try #require(try await groupID("real"))
        #expect(
            engine.bindings() == [
                REPLBinding(name: "both", value: "[\(id), 1]", isFunction: false),
                REPLBinding(name: "real", value: id, isFunction: false),
            ])
    }

    @Test func dryRunPlansWithoutApplyingAndADryrunStatementSetsTheMode() async throws {
        let engine = engine
        engine.setDryRun(true)
        let planned = await engine.execute(#"sg create "tmp" "scratch""#)
        #expect(planned.status == .succeeded && planned.notApplied)
        #expect(try await groupID("tmp") == nil)

        let off = await engine.execute("dryrun off")
        let stillDry = engine.isDryRun()
        #expect(off.notApplied && !stillDry)
        #expect(await engine.execute(#"sg create "tmp" "scratch""#).notApplied == false)
        #expect(try await groupID("tmp") != nil)
        _ = await engine.execute("dryrun on")
        #expect(engine.isDryRun())
    }

    /// Entries are numbered, so a traceback tells a function's entry from the caller's.
    @Test func aTracebackNamesTheEntryOfEachFrame() async {
        let engine = engine
        _ = await engine.execute("def size(x) {\n  return len(x)\n}")
        let failed = await engine.execute("print size(1)")
        #expect(failed.status == .failed)
        #expect(failed.diagnostics.contains("<repl-2>:1:7"), "\(failed.diagnostics)")
        #expect(failed.diagnostics.contains("<repl-1>:2:10"), "\(failed.diagnostics)")
    }

    /// As in a script, a function may call one defined later: here, in a later entry. Called
    /// too early it fails at run time; a probable typo of a known name is still caught at once.
    @Test func aFunctionMayCallAFunctionALaterEntryDefines() async {
        let engine = engine
        let early = await engine.execute("def outer(x) {\n  return inner(x) + 1\n}")
        #expect(early.status == .succeeded, "\(early.diagnostics)")
        let tooSoon = await engine.execute("print outer(1)")
        #expect(tooSoon.status == .failed)
        #expect(tooSoon.diagnostics.contains("undefined name 'inner'"), "\(tooSoon.diagnostics)")
        let defined = await engine.execute("def inner(x) {\n  return x + x\n}")
        #expect(defined.status == .succeeded, "\(defined.diagnostics)")
        #expect(await engine.execute("print outer(20)").output == "41\n")
        let typo = await engine.execute("def twice(x) {\n  return innr(x)\n}")
        #expect(typo.status == .invalidProgram)
        #expect(typo.diagnostics.contains("undefined name 'innr'; did you mean 'inner'?"), "\(typo.diagnostics)")
        // At top level a name must exist when the entry runs.
        #expect(await engine.execute("print nosuch").status == .invalidProgram)
    }

    @Test func errorsAreRenderedWithTheirStatus() async {
        let engine = engine
        let invalid = await engine.execute("sg sg-0abc ingress allow tcpp 443 from 0.0.0.0/0")
        #expect(invalid.status == .invalidProgram)
        #expect(invalid.diagnostics.contains("<repl-1>:1:26: error: unknown protocol 'tcpp'"))
        let runtime = await engine.execute(#"print "before"; print len(1)"#)
        #expect(runtime.status == .failed)
        #expect(runtime.output == "before\n")
        #expect(runtime.diagnostics.contains("traceback"))
        let missing = await engine.execute("sg sg-0123456789abcdef0 ingress allow tcp 22 from 10.0.0.0/8")
        #expect(missing.status == .failed)
        #expect(!missing.diagnostics.isEmpty)
    }

    @Test func showPrintsTheGroupWithoutAnEmptyReport() async {
        let engine = engine
        _ = await engine.execute(#"let web = sg create "web" "w""#)
        let shown = await engine.execute("sg $web show")
        #expect(shown.output.contains("\"web\""))
        #expect(!shown.output.contains("Applied:"))
    }

    @Test func groupsAndNamesForCompletion() async throws {
        let engine = engine
        _ = await engine.execute(#"sg create "db" "database""#)
        let names = try await engine.groups().map(\.name)
        #expect(names.contains("db"))
        #expect(engine.moduleNames.contains("networks"))
        #expect(engine.builtinNames.contains("len"))
    }
}

@Suite struct InterpreterREPLEngineCancellationTests {
    /// The backend cancels the applying task right after the entry's first rule call, as
    /// Ctrl-C would; the engine reports it as cancelled, with what was undone.
    @Test func aCancelledApplyIsRolledBackAndReported() async throws {
        let base = LocalBackend.inMemory()
        let canceller = TaskCanceller()
        let backend = FaultInjectingBackend(base, faults: [2: .cancelAfter(canceller)])
        let engine = InterpreterREPLEngine(backend: backend, promptLabel: "local", backendDescription: "")
        #expect(await engine.execute(#"let web = sg create "web" "w""#).status == .succeeded)
        let entry = """
            sg $web ingress allow tcp 443 from 0.0.0.0/0
            sg $web egress allow tcp 5432 to 10.0.0.0/8
            """
        let outcome = await canceller.run { await engine.execute(entry) }
        #expect(outcome.status == .cancelled)
        #expect(outcome.output.contains("↺ tcp 443 from 0.0.0.0/0"))
        #expect(outcome.output.contains("every applied change was rolled back"))
        let web = try #require(try await base.describeSecurityGroups(.init()).first { $0.groupName == "web" })
        #expect(web.permissions(.ingress).isEmpty)
        #expect(engine.appliedScript().contains("5432") == false)
    }
}
