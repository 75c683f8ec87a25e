// How the REPL gets its input: a line editor on a terminal, plain stdin otherwise.

/// What one read produced.
enum LineInput: Hashable, Sendable {
    /// A line, without its newline.
    case line(String)
    /// Ctrl-C: the line being edited was abandoned.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}

/// A source of input lines for the REPL.
protocol LineReader: AnyObject {
    /// True for a terminal: prompts are shown, and errors do not end the session.
    var isInteractive: Bool { get }

    /// Called on Tab with the current line's text before the cursor; returns whole words
    /// that replace `Completer.currentWord(in:)` of that text.
    var completion: ((String) -> [String])? { get set }

    /// What to show beside a candidate when several are listed (a group id's name), if anything.
    var completionNote: ((String) -> String?)? { get set }

    /// Reads one line, showing `prompt` when interactive.
    func readLine(prompt: String) -> LineInput

    /// Adds a line to the history (and to the history file, when there is one).
    func addHistory(_ line: String)

    /// The history, oldest first.
    func historyEntries() -> [String]
}

/// Chooses the reader for this process.
enum LineReaders {
    /// A libedit reader when stdin and stdout are terminals, else plain stdin.
    /// - Parameter historyPath: the history file (see `HistoryFile.path(environment:)`); nil keeps no file.
    static func standard(historyPath: String?) -> any LineReader {
        if LibEditLineReader.canEdit { return LibEditLineReader(historyPath: historyPath) }
        return PlainLineReader()
    }
}
