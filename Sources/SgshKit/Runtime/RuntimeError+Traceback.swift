// Runtime errors rendered as a diagnostic with a starlark-style traceback:
//
//     web.sgsh:20:3: error: security group 'sg-0123' not found
//        20 |   revoke(web_sg, ssh)
//           |   ^~~~~~~~~~~~~~~~~~~
//     traceback (most recent call last):
//       web.sgsh:31:1: in <toplevel>
//       web.sgsh:20:3: in close_ssh
//       <builtin>: in revoke
//
// The header and excerpt come from DiagnosticRenderer so both kinds of error
// look the same; only the traceback is added here.

extension RuntimeError {
    /// The traceback lines, starting with `traceback (most recent call last):`.
    /// A frame repeated more than three times in a row (runaway recursion) is
    /// shown three times and then counted, as Python does.
    public var traceback: String {
        let lines = callStack.map { frame in
            frame.range.map { "  \($0.location): in \(frame.name)\n" } ?? "  <builtin>: in \(frame.name)\n"
        }
        var out = "traceback (most recent call last):\n"
        var index = 0
        while index < lines.count {
            var run = 1
            while index + run < lines.count, lines[index + run] == lines[index] { run += 1 }
            out += String(repeating: lines[index], count: min(run, 3))
            if run > 3 { out += "  (previous frame repeated \(run - 3) more times)\n" }
            index += run
        }
        return out
    }

    /// The error as a diagnostic (header, source excerpt, caret) followed by the traceback.
    public func rendered(style: DiagnosticStyle = .plain) -> String {
        let renderer = DiagnosticRenderer(style: style)
        guard !notes.isEmpty else { return renderer.render(.error, message, at: range, hint: hint) + traceback }
        // With notes: header and excerpt, each note with its own, then the hint (as `check` prints).
        var out = renderer.render(.error, message, at: range)
        for note in notes {
            out += note.range.map { renderer.render(.note, note.message, at: $0) } ?? "note: \(note.message)\n"
        }
        if let hint { out += "\(renderer.paint("hint:", .hint)) \(hint)\n" }
        return out + traceback
    }
}
