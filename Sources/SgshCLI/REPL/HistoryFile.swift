// Where the REPL keeps its history: per user, like other shells, with
// SGSH_HISTORY to move it (or, set to the empty string, to keep none).

/// The location and size of the REPL's history file.
enum HistoryFile {
    /// Lines kept, in memory and in the file.
    static let maximumEntries = 1000

    /// `$SGSH_HISTORY` if set (nil when it is empty: no history file), else
    /// `$XDG_DATA_HOME/sgsh/history`, else `~/.local/share/sgsh/history`; nil without a home.
    static func path(environment: [String: String]) -> String? {
        if let explicit = environment["SGSH_HISTORY"] { return explicit.isEmpty ? nil : explicit }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty { return data + "/sgsh/history" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.local/share/sgsh/history" }
        return nil
    }
}
