// The fallback when stdin is not a terminal (Lua's `fgets` path): no prompts,
// no editing, no history file — output stays exactly what the entries print.

/// Reads lines from stdin without a prompt.
final class PlainLineReader: LineReader {
    var isInteractive: Bool { false }
    var completion: ((String) -> [String])?
    var completionNote: ((String) -> String?)?
    private var lines: [String] = []

    func readLine(prompt: String) -> LineInput {
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line)
    }

    func addHistory(_ line: String) { lines.append(line) }

    func historyEntries() -> [String] { lines }
}
