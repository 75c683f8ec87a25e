import Foundation
import Testing

@testable import SgshCLI

@Suite struct REPLTests {
    let engine = FakeEngine()
    let captured = CapturedOutput()

    /// Runs the shell; returns the exit code its outcome maps to.
    func run(_ reader: ScriptedReader) async -> Int32 {
        await REPL(engine: engine, reader: reader, output: captured.sink, interrupts: nil).run().code()
    }

    @Test func aBlockIsOneEntryReadOnContinuationPrompts() async {
        let reader = ScriptedReader(
            interactive: true, lines: ["sg $web ingress {", "  allow tcp 443 from 0.0.0.0/0", "}", "print 1"])
        #expect(await run(reader) == 0)
        #expect(engine.executed == ["sg $web ingress {\n  allow tcp 443 from 0.0.0.0/0\n}", "print 1"])
        #expect(reader.prompts == ["sgsh fake> ", "...> ", "...> ", "sgsh fake> ", "sgsh fake> "])
    }

    @Test func anErrorInsideABlockDoesNotEndTheEntry() async {
        let reader = ScriptedReader(
            interactive: true,
            lines: ["if prod {", "  sg $web ingress allow tcpp 22", "  sg $web ingress allow tcp 9999", "}", "print 1"])
        _ = await run(reader)
        #expect(
            engine.executed == [
                "if prod {\n  sg $web ingress allow tcpp 22\n  sg $web ingress allow tcp 9999\n}", "print 1",
            ])
    }

    @Test func elseOnTheNextLineContinuesTheIf() async {
        let reader = ScriptedReader(
            interactive: true, lines: ["if a {", "}", "else {", "  print 2", "}", "if b { print 3 }", "", ":vars"])
        _ = await run(reader)
        #expect(engine.executed == ["if a {\n}\nelse {\n  print 2\n}", "if b { print 3 }"])
        #expect(
            reader.prompts == [
                "sgsh fake> ", "...> ", "...> ", "...> ", "...> ", "sgsh fake> ", "...> ", "sgsh fake> ", "sgsh fake> ",
            ])
    }

    @Test func thePromptShowsDryRun() async {
        let reader = ScriptedReader(interactive: true, lines: [":dryrun on", ":dryrun off"])
        _ = await run(reader)
        #expect(reader.prompts == ["sgsh fake> ", "sgsh fake [dry]> ", "sgsh fake> "])
        #expect(captured.standard.contains("dry-run is on"))
    }

    @Test func ctrlCAbandonsAnUnfinishedEntry() async {
        let reader = ScriptedReader(
            interactive: true,
            [.input(.line("sg $web ingress {")), .input(.interrupted), .input(.line("print 2"))])
        #expect(await run(reader) == 0)
        #expect(engine.executed == ["print 2"])
        #expect(reader.prompts == ["sgsh fake> ", "...> ", "sgsh fake> ", "sgsh fake> "])
    }

    @Test func anErrorIsPrintedAndTheShellCarriesOn() async {
        let reader = ScriptedReader(interactive: true, lines: ["bad", "fail", "print 3"])
        #expect(await run(reader) == 0)
        #expect(engine.executed == ["bad", "fail", "print 3"])
        #expect(captured.error == "error: bad entry\nerror: it failed\n")
        #expect(captured.standard.hasSuffix("ran: print 3\n\n"))
    }

    @Test(arguments: [("bad", Int32(2)), ("fail", Int32(1))])
    func pipedInputStopsAtTheFirstFailingEntry(failing: String, status: Int32) async {
        let reader = ScriptedReader(interactive: false, lines: ["print 1", failing, "print 2"])
        #expect(await run(reader) == status)
        #expect(engine.executed == ["print 1", failing])
        #expect(!captured.standard.contains("sgsh"))
    }

    @Test func pipedInputEndingInsideABlockReportsIt() async {
        let reader = ScriptedReader(interactive: false, lines: ["sg $web ingress {", "  allow bad"])
        #expect(await run(reader) == 2)
        #expect(engine.executed == ["sg $web ingress {\n  allow bad"])
    }

    @Test func quitEndsTheSession() async {
        let reader = ScriptedReader(interactive: true, lines: [":quit", "print 1"])
        #expect(await run(reader) == 0)
        #expect(engine.executed.isEmpty)
    }

    @Test func metaCommandsAnswerFromTheEngineAndTheReader() async {
        let reader = ScriptedReader(
            interactive: true, lines: ["print 1", ":vars", ":groups", ":plan", ":backend", ":history", ":nope"])
        _ = await run(reader)
        let out = captured.standard
        #expect(out.contains("bastion = <function bastion>\nweb = sg-0abc123\n"))
        #expect(out.contains("sg-0abc123  web  1 in, 1 out\n"))
        #expect(out.contains("sg sg-0abc123 ingress allow tcp 443 from 0.0.0.0/0\n"))
        #expect(out.contains("a fake backend\n"))
        #expect(out.contains("1  print 1\n2  :vars\n"))
        #expect(captured.error.contains("unknown command ':nope'"))
        #expect(engine.executed == ["print 1"])
    }

    @Test func helpHasAnIndexAndTopics() async {
        let reader = ScriptedReader(interactive: true, lines: [":help", ":help rules", ":help nothing"])
        _ = await run(reader)
        #expect(captured.standard.contains("  rules     sg statements"))
        #expect(captured.standard.contains("sg GROUP DIRECTION VERB PROTOCOL"))
        #expect(captured.standard.contains("no help topic 'nothing'"))
    }

    @Test func saveWritesSuccessfulEntriesAndCommentsWhatWasNotApplied() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("repl-save-\(UUID()).sgsh").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = ScriptedReader(
            interactive: true,
            lines: [
                "let a = 1", "bad", "if true {", "  change(1)", "}", "fail", ":dryrun on", "change 2", "let b = 2",
                ":save \(path)",
            ])
        _ = await run(reader)
        let saved = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            saved == """
                # saved by sgsh from a REPL session
                let a = 1
                if true {
                  change(1)
                }
                # not applied (dry-run):
                #   change 2
                let b = 2

                """)
        #expect(captured.standard.contains("saved 4 entries to \(path)"))
    }

    @Test func saveWithoutAFileNameIsAnError() async {
        _ = await run(ScriptedReader(interactive: true, lines: [":save"]))
        #expect(captured.error.contains("':save' needs a file name"))
    }

    @Test func completionUsesTheUnfinishedEntryAndTheEngineNames() async {
        let reader = ScriptedReader(
            interactive: true,
            [
                // :groups waits for the backend; the start-up refresh runs in the background.
                .input(.line(":groups")), .complete("sg $web in"), .complete("sg sg-0a"), .complete(":he"),
                .complete(":help ru"),
                .complete("print le"), .input(.line("sg $web egress {")), .complete("  al"),
                .complete("  allow tcp 1 "),
            ])
        _ = await run(reader)
        #expect(
            reader.completions == [
                ["ingress"], ["sg-0abc123"], [":help"], ["rules"], ["len"], ["allow"], ["to"],
            ])
    }
}
