// Diagnostics are data: an id, a severity, a one-line message, a range,
// notes and an optional hint. They never contain rendered text; only
// DiagnosticRenderer turns them into the caret format people read.

/// How serious a diagnostic is.
public enum Severity: String, Hashable, Sendable, Comparable {
    case error, warning, note

    private var rank: Int { self == .error ? 2 : self == .warning ? 1 : 0 }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A secondary location attached to a diagnostic (`note: 'web' declared here`).
public struct DiagnosticNote: Hashable, Sendable {
    public let message: String
    public let range: SourceRange?
    public init(_ message: String, range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }
}

/// A problem found in a program, with where it is and how to fix it.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public let id: DiagnosticID
    public let severity: Severity
    /// One line, lowercase first letter, no trailing period, source text in single quotes.
    public let message: String
    public let range: SourceRange
    public var notes: [DiagnosticNote]
    /// What to write instead, when one fix is clear (`write 'to 10.0.0.0/8'`).
    public var hint: String?

    public init(
        _ id: DiagnosticID, _ message: String, at range: SourceRange, severity: Severity = .error,
        hint: String? = nil, notes: [DiagnosticNote] = []
    ) {
        self.id = id
        self.severity = severity
        self.message = message
        self.range = range
        self.hint = hint
        self.notes = notes
    }

    /// `file:line:col: error: message` — the header line only.
    public var description: String { "\(range.location): \(severity.rawValue): \(message)" }
}

extension Array where Element == Diagnostic {
    /// True when any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
