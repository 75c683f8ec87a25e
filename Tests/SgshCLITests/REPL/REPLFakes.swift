// Test doubles for the REPL: an engine that records entries and answers by
// keyword, a reader that replays scripted input (and asks for completions
// between lines), and captured output.

import Foundation

@testable import SgshCLI

/// Records each entry; an entry containing `bad` is an invalid program, `fail` fails
/// at run time, `change` asks for changes (not applied under dry-run), anything else succeeds.
final class FakeEngine: REPLEngine, @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String] = []
    private var dry = false

    let promptLabel = "fake"
    let backendDescription = "a fake backend"
    let builtinNames = ["len", "print_all"]
    let moduleNames = ["networks"]

    var executed: [String] { lock.withLock { entries } }

    func isDryRun() -> Bool { lock.withLock { dry } }
    func setDryRun(_ on: Bool) { lock.withLock { dry = on } }

    func bindings() -> [REPLBinding] {
        [
            REPLBinding(name: "bastion", value: "<function bastion>", isFunction: true),
            REPLBinding(name: "web", value: "sg-0abc123", isFunction: false),
        ]
    }

    func groups() -> [REPLGroup] { [REPLGroup(id: "sg-0abc123", name: "web", detail: "1 in, 1 out")] }

    func execute(_ entry: String) -> REPLOutcome {
        lock.withLock { entries.append(entry) }
        if entry.contains("bad") { return REPLOutcome(diagnostics: "error: bad entry", status: .invalidProgram) }
        if entry.contains("fail") { return REPLOutcome(diagnostics: "error: it failed", status: .failed) }
        let changes = entry.contains("change")
        return REPLOutcome(
            output: "ran: \(entry)", status: .succeeded, changedGroups: changes,
            notApplied: changes && isDryRun())
    }

    func appliedScript() -> String { "sg sg-0abc123 ingress allow tcp 443 from 0.0.0.0/0" }
}

/// Replays scripted input; `.complete(text)` steps call the REPL's completion between lines.
final class ScriptedReader: LineReader {
    enum Step {
        case input(LineInput)
        case complete(String)
    }

    let isInteractive: Bool
    var completion: ((String) -> [String])?
    var completionNote: ((String) -> String?)?
    private var steps: [Step]
    private(set) var prompts: [String] = []
    private(set) var completions: [[String]] = []
    private var history: [String] = []

    init(interactive: Bool, _ steps: [Step]) {
        self.isInteractive = interactive
        self.steps = steps
    }

    /// Lines only.
    convenience init(interactive: Bool, lines: [String]) {
        self.init(interactive: interactive, lines.map { .input(.line($0)) })
    }

    func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        while !steps.isEmpty {
            switch steps.removeFirst() {
            case .input(let input): return input
            case .complete(let text): completions.append(completion?(text) ?? [])
            }
        }
        return .endOfInput
    }

    func addHistory(_ line: String) { history.append(line) }
    func historyEntries() -> [String] { history }
}

/// Output captured from the REPL.
final class CapturedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var out = ""
    private var err = ""

    var standard: String { lock.withLock { out } }
    var error: String { lock.withLock { err } }

    var sink: REPL.Output {
        REPL.Output(
            standard: { [self] text in lock.withLock { out += text } },
            error: { [self] text in lock.withLock { err += text } })
    }
}
