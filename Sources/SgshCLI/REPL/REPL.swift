// The interactive shell's loop: read lines until an entry is complete (Lua's
// policy, EntryCompleteness), run it through the engine, print what it says,
// carry on. Meta-commands start with `:` and are handled here, never by the
// language. The loop is the same on a terminal and on piped input; only the
// reader differs, and piped input stops at the first failing entry with its
// exit code, as a script would.

import Foundation
import SgshKit

/// The sgsh REPL.
///
/// The CLI starts it with `REPL.run(engine:reader:)`:
/// ```swift
/// let reader = LineReaders.standard(historyPath: HistoryFile.path(environment: ProcessEnvironment.variables))
/// let status = await REPL.run(engine: engine, reader: reader)
/// ```
final class REPL {
    /// Where text goes: stdout and stderr by default; tests capture it.
    struct Output: Sendable {
        var standard: @Sendable (String) -> Void
        var error: @Sendable (String) -> Void

        static let terminal = Output(
            standard: { FileHandle.standardOutput.write(Data($0.utf8)) },
            error: { FileHandle.standardError.write(Data($0.utf8)) })
    }

    let engine: any REPLEngine
    let reader: any LineReader
    let output: Output
    let interrupts: InterruptWatcher?

    /// Lines of the entry being entered, while it is incomplete.
    var pending: [String] = [] {
        didSet { if pending.isEmpty { pendingState = .complete } }
    }
    /// Whether `pending` needs more lines (`.incomplete`) or may take an `elif`/`else` line.
    private(set) var pendingState = EntryCompleteness.complete
    var transcript = SessionTranscript()
    /// Names for completion, refreshed after each entry (completion itself must not wait).
    var scope = CompletionScope()
    /// The backend's groups for completion, refreshed in the background.
    let groupCache = GroupCache()

    static let continuationPrompt = "...> "

    init(engine: any REPLEngine, reader: any LineReader, output: Output = .terminal, interrupts: InterruptWatcher?) {
        self.engine = engine
        self.reader = reader
        self.output = output
        self.interrupts = interrupts
    }

    /// Runs a session until `:quit`, Ctrl-D, or (on piped input) the end of input or a failing entry.
    /// - Returns: `.succeeded`, or on piped input the failing entry's outcome.
    static func run(engine: any REPLEngine, reader: any LineReader) async -> Outcome {
        let interrupts = reader.isInteractive ? InterruptWatcher() : nil
        return await REPL(engine: engine, reader: reader, interrupts: interrupts).run()
    }

    func run() async -> Outcome {
        if reader.isInteractive {
            output.standard("sgsh — type :help for help, Ctrl-D to leave\n")
        }
        await refreshScope(groups: reader.isInteractive)
        reader.completion = { [unowned self] before in completions(for: before) }
        reader.completionNote = { [unowned self] candidate in Self.groupNote(for: candidate, in: groupCache.current) }
        defer {
            reader.completion = nil
            reader.completionNote = nil
        }
        while true {
            let prompt = pending.isEmpty ? await primaryPrompt() : Self.continuationPrompt
            switch reader.readLine(prompt: prompt) {
            case .endOfInput:
                if reader.isInteractive {
                    output.standard("\n")
                    // Ctrl-D on a `...>` line abandons the entry, as Ctrl-C does; on an empty
                    // prompt it leaves.
                    if !pending.isEmpty {
                        reader.addHistory(pending.joined(separator: "\n"))
                        pending = []
                        continue
                    }
                    return .succeeded
                }
                // Piped input that ends inside a block: run it, so its error is reported.
                if !pending.isEmpty {
                    let entry = pending.joined(separator: "\n")
                    reader.addHistory(entry)
                    let outcome = await submit(entry)
                    if outcome != .succeeded { return outcome }
                }
                return .succeeded
            case .interrupted:
                // The lines already entered stay recallable, as one item, to be finished.
                if !pending.isEmpty { reader.addHistory(pending.joined(separator: "\n")) }
                pending = []
                output.standard("\n")
            case .line(let line):
                if pendingState == .mayContinue, !EntryCompleteness.continuesIf(line) {
                    // The `if` is finished: run it, then read this line as the start of the next entry.
                    let entry = pending.joined(separator: "\n")
                    pending = []
                    reader.addHistory(entry)
                    let outcome = await submit(entry)
                    if outcome != .succeeded, !reader.isInteractive { return outcome }
                    // An empty line only said so.
                    if line.allSatisfy(\.isWhitespace) { continue }
                }
                if pending.isEmpty, line.drop(while: \.isWhitespace).hasPrefix(":") {
                    reader.addHistory(line)
                    if await runMetaCommand(line) == .quit { return .succeeded }
                    continue
                }
                if pending.isEmpty, line.allSatisfy(\.isWhitespace) { continue }
                pending.append(line)
                let entry = pending.joined(separator: "\n")
                pendingState = EntryCompleteness(entry)
                // Collected until every bracket closes, even past a line with an error, so
                // an error inside a block rejects the whole block (EntryCompleteness).
                if pendingState != .complete { continue }
                pending = []
                // One history item per entry: Up brings a block back whole, its lines
                // joined by newlines, and Enter runs it as typed (libedit returns the
                // buffer with its newlines; the history file keeps them escaped).
                reader.addHistory(entry)
                let outcome = await submit(entry)
                if outcome != .succeeded, !reader.isInteractive { return outcome }
            }
        }
    }

    /// `sgsh local> `, `sgsh aws:123456789012:eu-west-1 [dry]> ` (BackendTarget.promptLabel).
    func primaryPrompt() async -> String {
        let dry = await engine.isDryRun() ? " [dry]" : ""
        return "sgsh \(engine.promptLabel)\(dry)> "
    }

    /// Runs one complete entry; returns how it ended.
    func submit(_ entry: String) async -> Outcome {
        let engine = engine
        let outcome: REPLOutcome
        if let interrupts {
            outcome = await interrupts.cancellable { await engine.execute(entry) }
        } else {
            outcome = await engine.execute(entry)
        }
        if !outcome.output.isEmpty { output.standard(Self.terminated(outcome.output)) }
        if !outcome.diagnostics.isEmpty { output.error(Self.terminated(outcome.diagnostics)) }
        if outcome.status == .succeeded { transcript.record(entry, notApplied: outcome.notApplied) }
        await refreshScope(groups: outcome.changedGroups && reader.isInteractive)
        return outcome.outcome
    }

    /// Reloads the names offered by Tab; the groups only when asked, and without waiting
    /// (they cost a backend call).
    func refreshScope(groups: Bool) async {
        let bindings = await engine.bindings()
        scope.variables = bindings.filter { !$0.isFunction }.map(\.name)
        scope.functions = bindings.filter(\.isFunction).map(\.name) + engine.builtinNames
        scope.modules = engine.moduleNames
        if groups { groupCache.refresh(from: engine) }
    }

    /// The scope for completion, with the groups the cache holds now.
    var completionScope: CompletionScope {
        var scope = scope
        let groups = groupCache.current
        scope.groupIDs = groups.map(\.id)
        scope.groupNames = groups.map(\.name).filter { !$0.isEmpty }
        return scope
    }

    static func terminated(_ text: String) -> String { text.hasSuffix("\n") ? text : text + "\n" }
}
