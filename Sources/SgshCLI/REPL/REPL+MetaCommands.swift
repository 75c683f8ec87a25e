// `:` commands: they inspect and steer the session, and are not language
// statements, so they are neither sent to the engine nor saved by `:save`.

import Foundation
import SgshKit

extension REPL {
    func runMetaCommand(_ line: String) async -> MetaCommand.Result {
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        // `:save! FILE` overwrites; `!` means nothing after any other command.
        let force = words.first?.hasSuffix("!") == true
        let name = force ? words.first?.dropLast() : words.first
        guard let first = name, let command = MetaCommand(word: first), !force || command == .save else {
            let known = MetaCommand.allCases.map { ":" + $0.rawValue }.joined(separator: " ")
            output.error("error: unknown command '\(words.first ?? "")'; commands: \(known)\n")
            return .proceed
        }
        let argument = words.dropFirst().joined(separator: " ")
        switch command {
        case .quit:
            return .quit
        case .help:
            output.standard(REPL.help(topic: argument))
        case .vars:
            let bindings = await engine.bindings()
            let text = bindings.map { "\($0.name) = \($0.value)\n" }.joined()
            output.standard(bindings.isEmpty ? "(no variables or functions yet)\n" : text)
        case .dryrun:
            await setDryRun(argument)
        case .plan:
            let script = await engine.appliedScript()
            output.standard(script.isEmpty ? "(nothing applied yet)\n" : REPL.terminated(script))
        case .save:
            await save(to: argument, overwriting: force)
        case .backend:
            output.standard(REPL.terminated(engine.backendDescription))
        case .groups:
            await listGroups()
        case .history:
            let entries = reader.historyEntries()
            let width = String(entries.count).count
            for (index, entry) in entries.enumerated() {
                let number = String(index + 1)
                // A multi-line entry's later lines line up under its first.
                let lines = entry.replacingOccurrences(of: "\n", with: "\n" + String(repeating: " ", count: width + 2))
                output.standard(String(repeating: " ", count: width - number.count) + number + "  " + lines + "\n")
            }
        }
        return .proceed
    }

    private func setDryRun(_ argument: String) async {
        switch argument {
        case "on": await engine.setDryRun(true)
        case "off": await engine.setDryRun(false)
        case "": break
        default:
            output.error("error: ':dryrun' takes 'on' or 'off', not '\(argument)'\n")
            return
        }
        output.standard(
            "dry-run is \(await engine.isDryRun() ? "on: entries are planned and shown, not applied" : "off")\n")
    }

    private func save(to argument: String, overwriting: Bool) async {
        guard !argument.isEmpty else {
            output.error("error: ':save' needs a file name, e.g. ':save session.sgsh'\n")
            return
        }
        let path = Self.expandingHome(argument, environment: ProcessEnvironment.variables)
        if !overwriting, FileManager.default.fileExists(atPath: path) {
            output.error("error: '\(argument)' exists; ':save! \(argument)' overwrites it\n")
            return
        }
        let script = transcript.script(header: "saved by sgsh from a REPL session")
        // A definition made in a dry-run entry is saved as a comment; an applied entry that
        // uses it would then not replay. Say so rather than save a script that fails.
        if let problems = await engine.problems(inScript: script, name: path) {
            output.error(
                problems
                    + "error: not saved: the session's entries would not replay as a script (an entry uses a name defined in an entry that was not applied); redefine it, or copy the entries by hand\n"
            )
            return
        }
        do {
            try script.write(toFile: path, atomically: true, encoding: .utf8)
            let count = transcript.entries.count
            output.standard("saved \(count) \(count == 1 ? "entry" : "entries") to \(path)\n")
        } catch {
            output.error("error: cannot write '\(path)': \(error.localizedDescription)\n")
        }
    }

    /// `~` or `~/…` under `$HOME`, as a shell expands it (the user's HOME, not the password file's).
    static func expandingHome(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty else { return path }
        return home + path.dropFirst()
    }

    /// `:groups` waits for the backend (Ctrl-C stops the wait) and refills the completion cache.
    private func listGroups() async {
        let engine = engine
        let read: @Sendable () async -> Result<[REPLGroup], any Error> = {
            do { return .success(try await engine.groups()) } catch { return .failure(error) }
        }
        let result = if let interrupts { await interrupts.cancellable(read) } else { await read() }
        do {
            let groups = try result.get()
            groupCache.replace(with: groups)
            guard !groups.isEmpty else {
                output.standard("(no security groups)\n")
                return
            }
            let idWidth = groups.map(\.id.count).max() ?? 0
            let nameWidth = groups.map(\.name.count).max() ?? 0
            for group in groups {
                let line =
                    group.id.padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  "
                    + group.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  " + group.detail
                output.standard(line.trimmingCharacters(in: .whitespaces) + "\n")
            }
        } catch {
            output.error("error: cannot list groups: \(error)\n")
        }
    }
}
