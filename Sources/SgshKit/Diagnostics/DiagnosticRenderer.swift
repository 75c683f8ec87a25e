// Renders diagnostics in the format of LANGUAGE.md §4:
//
//     rules.sgsh:12:31: error: egress rules take 'to', not 'from'
//        12 | sg $web egress allow tcp 443 from 10.0.0.0/8
//           |                              ^~~~
//     hint: write 'to 10.0.0.0/8'
//
// The caret sits under the first character of the range and `~` covers the
// rest of it on that line; tabs in the line's prefix are copied so the caret
// lines up. Colour (ANSI) is a style chosen by the caller, never by default.
// Hostile input stays readable: a line longer than `excerptWidth` is shown as
// a window around the caret with `…` at the cut ends, and a quoted word in a
// message longer than `quotedWidth` (a 10 MB identifier) is shortened.

/// How rendered diagnostics are decorated.
public enum DiagnosticStyle: Sendable {
    case plain
    /// ANSI colours; use only when the output is a terminal and NO_COLOR is unset.
    case ansi
}

/// Turns diagnostics into text.
public struct DiagnosticRenderer: Sendable {
    /// At most this many errors are shown per file (STYLE.md 3.2 rule 6).
    public static let maxErrorsPerFile = 20
    /// The most characters of a source line an excerpt shows.
    static let excerptWidth = 400
    /// The most characters of one quoted word a message shows.
    static let quotedWidth = 64

    public var style: DiagnosticStyle

    public init(style: DiagnosticStyle = .plain) { self.style = style }

    /// Renders diagnostics in order, capping errors at 20 per file.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        var errorsPerFile: [String: Int] = [:]
        var stopped: Set<String> = []
        for diagnostic in diagnostics {
            let file = diagnostic.range.file.name
            if stopped.contains(file) { continue }
            if diagnostic.severity == .error {
                let count = errorsPerFile[file, default: 0] + 1
                errorsPerFile[file] = count
                if count > Self.maxErrorsPerFile {
                    out += "\(paint("\(file): note:", .note)) too many errors, stopping\n"
                    stopped.insert(file)
                    continue
                }
            }
            out += render(diagnostic)
        }
        return out
    }

    /// Renders one diagnostic with its excerpt, notes and hint.
    public func render(_ diagnostic: Diagnostic) -> String {
        render(
            diagnostic.severity, diagnostic.message, at: diagnostic.range, hint: diagnostic.hint,
            notes: diagnostic.notes)
    }

    /// Renders a message at a range the way diagnostics look (header, excerpt, caret,
    /// hint), for errors found after checking (planning, applying) that still point into
    /// the script.
    public func render(
        _ severity: Severity, _ message: String, at range: SourceRange, hint: String? = nil,
        notes: [DiagnosticNote] = []
    ) -> String {
        var out = header(range, severity, message) + excerpt(range)
        for note in notes {
            if let range = note.range {
                out += header(range, .note, note.message)
                out += excerpt(range)
            } else {
                out += "\(paint("note:", .note)) \(note.message)\n"
            }
        }
        if let hint { out += "\(paint("hint:", .hint)) \(hint)\n" }
        return out
    }

    /// The `file:line:col: severity: message` line.
    func header(_ range: SourceRange, _ severity: Severity, _ message: String) -> String {
        let location = range.location
        let label = severity == .error ? Paint.error : severity == .warning ? Paint.warning : Paint.note
        let shown = Self.shorteningQuotedWords(message)
        return "\(paint("\(location):", .bold)) \(paint("\(severity.rawValue):", label)) \(paint(shown, .bold))\n"
    }

    /// The numbered source line and the caret line under the range.
    func excerpt(_ range: SourceRange) -> String {
        let location = range.location
        let lineText = range.file.lineText(location.line)
        let number = String(location.line)
        let gutter = "   " + number
        let blank = String(repeating: " ", count: 3 + number.count)
        // Prefix: the line's scalars before the caret; tabs stay tabs so the caret lines up.
        let scalars = Array(lineText.unicodeScalars)
        let caretIndex = min(location.column - 1, scalars.count)
        let prefix = String(String.UnicodeScalarView(scalars[..<caretIndex].map { $0 == "\t" ? "\t" : " " }))
        let endOnLine =
            range.end <= lineEndOffset(range.file, line: location.line)
            ? range.file.location(of: range.end).column - 1 : scalars.count
        var width = max(1, endOnLine - caretIndex)
        var shownLine = lineText
        var shownPrefix = prefix
        if scalars.count > Self.excerptWidth {
            // A window of the line around the caret, its cut ends marked with `…`.
            let start = max(0, min(caretIndex - Self.excerptWidth / 4, scalars.count - Self.excerptWidth))
            let end = min(scalars.count, start + Self.excerptWidth)
            let lead = start > 0 ? "…" : ""
            shownLine = lead + String(String.UnicodeScalarView(scalars[start..<end])) + (end < scalars.count ? "…" : "")
            shownPrefix = String(repeating: " ", count: lead.count) + String(prefix.unicodeScalars.dropFirst(start))
            width = min(width, end - caretIndex + 1)
        }
        let marker = "^" + String(repeating: "~", count: max(0, width - 1))
        return
            "\(paint(gutter + " |", .gutter)) \(shownLine)\n\(paint(blank + " |", .gutter)) \(shownPrefix)\(paint(marker, .caret))\n"
    }

    /// The message with each quoted word (between single quotes, no spaces) longer than
    /// `quotedWidth` cut in the middle: `'aaaa…aaaa'`.
    static func shorteningQuotedWords(_ message: String) -> String {
        guard message.count > quotedWidth else { return message }
        var parts = message.split(separator: "'", omittingEmptySubsequences: false).map(String.init)
        for index in parts.indices where index % 2 == 1 && index < parts.count - 1 {
            let word = parts[index]
            guard word.count > quotedWidth, !word.contains(where: \.isWhitespace) else { continue }
            parts[index] = word.prefix(quotedWidth - 16) + "…" + word.suffix(15)
        }
        return parts.joined(separator: "'")
    }

    private func lineEndOffset(_ file: SourceFile, line: Int) -> Int {
        let lineStarts = file.lineStarts
        return line < lineStarts.count ? lineStarts[line] - 1 : file.utf8.count
    }

    enum Paint: String {
        case bold = "1", error = "1;31", warning = "1;35", note = "1;36", hint = "1;32", gutter = "34", caret = "32;1"
    }

    func paint(_ text: String, _ paint: Paint) -> String {
        style == .ansi ? "\u{1B}[\(paint.rawValue)m\(text)\u{1B}[0m" : text
    }
}
