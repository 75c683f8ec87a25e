// The terminal line editor, over libedit's native API (through the fixed-
// argument wrappers in CLibEdit/shim.h).
//
// Design choices:
// - ~/.editrc is read (`el_source`), so emacs or vi keys and any bindings are
//   the user's, as in every libedit program; emacs is the default. Tab and ^C
//   are bound after it, since `bind -v` there resets every key.
// - Ctrl-C is a key, not a signal, while a line is edited (`setty -d -isig`):
//   it abandons the line and `readLine` returns `.interrupted`. Outside
//   editing the terminal sends SIGINT as usual, which the REPL uses to cancel
//   a running apply (InterruptWatcher).
// - libedit calls back through C function pointers that cannot capture, so
//   the active reader (weakly) and the prompt live in two globals; the newest
//   reader is the active one, and a process normally has only one.

import CLibEdit
import Foundation
import SgshKit

nonisolated(unsafe) private weak var activeReader: LibEditLineReader?
nonisolated(unsafe) private var promptText: UnsafeMutablePointer<CChar>? = strdup("")

/// A libedit line editor with history and Tab completion.
final class LibEditLineReader: LineReader {
    /// True when stdin and stdout are terminals.
    static var canEdit: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    var isInteractive: Bool { true }
    var completion: ((String) -> [String])?
    var completionNote: ((String) -> String?)?

    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let historyPath: String?
    private let historySize: Int
    private var interrupted = false

    /// Creates the editor and loads the history file, if any.
    /// - Parameters:
    ///   - historyPath: the history file; nil keeps history for this session only.
    ///   - historySize: lines kept, in memory and in the file (the oldest go first).
    init(historyPath: String?, historySize: Int = HistoryFile.maximumEntries) {
        setlocale(LC_CTYPE, "")
        self.historyPath = historyPath
        self.historySize = historySize
        history = history_init()
        sgsh_history_setsize(history, Int32(historySize))
        sgsh_history_setunique(history, 1)
        editLine = el_init("sgsh", sgsh_stdin(), sgsh_stdout(), sgsh_stderr())
        sgsh_el_set_editor(editLine, "emacs")
        sgsh_el_set_signal(editLine, 1)
        sgsh_el_set_history(editLine, history)
        sgsh_el_set_prompt(editLine) { _ in promptText }
        sgsh_el_add_function(editLine, "sgsh-complete", "Complete the word at the cursor") { _, _ in
            activeReader?.complete() ?? UInt8(CC_ERROR)
        }
        sgsh_el_add_function(editLine, "sgsh-interrupt", "Abandon the line") { _, _ in
            activeReader?.interrupt() ?? UInt8(CC_ERROR)
        }
        sgsh_el_setty_edit(editLine, "-isig")
        // ~/.editrc first (it may switch to vi keys, which resets the keymaps), then
        // sgsh's keys on top, in both vi maps: Tab completes, ^C abandons the line.
        el_source(editLine, nil)
        sgsh_el_bind(editLine, "^I", "sgsh-complete")
        sgsh_el_bind(editLine, "^C", "sgsh-interrupt")
        sgsh_el_bind_alternate(editLine, "^C", "sgsh-interrupt")
        if let historyPath { sgsh_history_load(history, historyPath) }
        activeReader = self
    }

    deinit {
        el_end(editLine)
        history_end(history)
    }

    func readLine(prompt: String) -> LineInput {
        free(promptText)
        promptText = strdup(prompt)
        interrupted = false
        var count: Int32 = 0
        let line = el_gets(editLine, &count)
        if interrupted { return .interrupted }
        guard let line, count > 0 else { return .endOfInput }
        var text = String(cString: line)
        if text.hasSuffix("\n") { text.removeLast() }
        return .line(text)
    }

    func addHistory(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace) else { return }
        sgsh_history_enter(history, line)
        save(line)
    }

    func historyEntries() -> [String] {
        var entries: [String] = []
        var entry = sgsh_history_step(history, H_LAST)
        while let text = entry {
            entries.append(String(cString: text))
            entry = sgsh_history_step(history, H_PREV)
        }
        return entries
    }

    /// Writes the history file after every entry, so a killed session loses nothing;
    /// the file is private to the user, as shells keep theirs. Another session may have
    /// written the file since this one read it: the entry is added to what the file holds
    /// now (libedit rewrites the file whole), so both sessions keep their lines.
    private func save(_ line: String) {
        guard let historyPath else { return }
        let folder = (historyPath as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let file = history_init()
        defer { history_end(file) }
        sgsh_history_setsize(file, Int32(historySize))
        sgsh_history_setunique(file, 1)
        sgsh_history_load(file, historyPath)
        sgsh_history_enter(file, line)
        if sgsh_history_save(file, historyPath) != -1 { chmod(historyPath, 0o600) }
    }

    // MARK: - Key functions

    /// Ctrl-C: end the line as if Enter were pressed, flagged so readLine drops it.
    private func interrupt() -> UInt8 {
        interrupted = true
        fputs("^C", sgsh_stdout())
        return UInt8(CC_NEWLINE)
    }

    /// Tab: one candidate is inserted with a space; several are narrowed to their common
    /// prefix, or listed under the line when they have none longer than the word.
    private func complete() -> UInt8 {
        guard let completion, let info = el_line(editLine)?.pointee else { return UInt8(CC_ERROR) }
        let length = info.cursor - info.buffer
        let bytes = UnsafeRawPointer(info.buffer).assumingMemoryBound(to: UInt8.self)
        let before = String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
        let word = Completer.currentWord(in: before)
        let candidates = completion(before).filter { $0.hasPrefix(word) }
        guard let first = candidates.first else { return UInt8(CC_ERROR) }
        if candidates.count == 1 {
            // A folder goes on being typed; anything else is a finished word.
            el_insertstr(editLine, String(first.dropFirst(word.count)) + (first.hasSuffix("/") ? "" : " "))
            return UInt8(CC_REFRESH)
        }
        let common = candidates.dropFirst().reduce(first) { String($0.commonPrefix(with: $1)) }
        if common.count > word.count {
            el_insertstr(editLine, String(common.dropFirst(word.count)))
            return UInt8(CC_REFRESH)
        }
        let listed = candidates.map { candidate in completionNote?(candidate).map { "\(candidate) \($0)" } ?? candidate
        }
        fputs("\n" + Self.columns(listed) + "\n", sgsh_stdout())
        return UInt8(CC_REDISPLAY)
    }

    /// Candidates in columns, as shells list completions, for an 80-column terminal.
    static func columns(_ words: [String], width: Int = 80) -> String {
        let columnWidth = (words.map(\.count).max() ?? 0) + 2
        let perLine = max(1, width / columnWidth)
        return stride(from: 0, to: words.count, by: perLine).map { start in
            words[start..<min(start + perLine, words.count)]
                .map { $0.padding(toLength: columnWidth, withPad: " ", startingAt: 0) }
                .joined().trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
