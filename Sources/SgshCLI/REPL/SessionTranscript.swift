// The record behind `:save`: every entry that succeeded, in order. An entry
// whose changes were not applied (dry-run was on, or the entry switched
// dry-run) is written as a comment: replayed on a fresh state, by `sgsh FILE`
// or line by line, the script makes the changes the session made and no
// others. (A definition inside such an entry is commented out with it.)

/// The successful entries of a REPL session.
struct SessionTranscript: Sendable {
    struct Entry: Sendable {
        var text: String
        /// True when the entry's changes were not applied; it is saved as a comment.
        var notApplied: Bool
    }

    private(set) var entries: [Entry] = []

    mutating func record(_ text: String, notApplied: Bool) {
        entries.append(Entry(text: text, notApplied: notApplied))
    }

    /// The entries as a script, after a header comment.
    func script(header: String) -> String {
        var lines = ["# " + header]
        for entry in entries {
            if entry.notApplied {
                lines.append("# not applied (dry-run):")
                lines += entry.text.split(separator: "\n", omittingEmptySubsequences: false).map { "#   " + $0 }
            } else {
                lines.append(entry.text)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
