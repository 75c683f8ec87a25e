// The record behind `:save`: every entry that succeeded, in order, with the
// dry-run state it ran under. Entries run under dry-run changed nothing, so
// the script brackets them with `dryrun on` / `dryrun off`: replayed on a
// fresh state it makes the same definitions and the same changes as the
// session did, and no others.

/// The successful entries of a REPL session.
struct SessionTranscript: Sendable {
    private(set) var entries: [(text: String, dryRun: Bool)] = []

    mutating func record(_ text: String, dryRun: Bool) { entries.append((text, dryRun)) }

    /// The entries as a script, with a header comment.
    func script(header: String) -> String {
        var lines = ["# " + header]
        var dryRun = false
        for entry in entries {
            if entry.dryRun != dryRun {
                lines.append(entry.dryRun ? "dryrun on" : "dryrun off")
                dryRun = entry.dryRun
            }
            lines.append(entry.text)
        }
        if dryRun { lines.append("dryrun off") }
        return lines.joined(separator: "\n") + "\n"
    }
}
