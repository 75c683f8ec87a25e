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
    public var traceback: String {
        var out = "traceback (most recent call last):\n"
        for frame in callStack {
            if let range = frame.range {
                out += "  \(range.location): in \(frame.name)\n"
            } else {
                out += "  <builtin>: in \(frame.name)\n"
            }
        }
        return out
    }

    /// The error as a diagnostic (header, source excerpt, caret) followed by the traceback.
    public func rendered(style: DiagnosticStyle = .plain) -> String {
        let renderer = DiagnosticRenderer(style: style)
        return renderer.header(range, .error, message) + renderer.excerpt(range) + traceback
    }
}
