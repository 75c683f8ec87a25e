// Tab in the REPL: meta-commands at the start of an entry, the language's
// words (Completer) everywhere else, with the lines of an unfinished entry as
// context so a rule inside `sg $web ingress {` completes as a rule.

import SgshKit

extension REPL {
    /// Candidates replacing the word at the end of `lineBeforeCursor`.
    func completions(for lineBeforeCursor: String) -> [String] {
        let word = Completer.currentWord(in: lineBeforeCursor)
        let trimmed = lineBeforeCursor.drop(while: \.isWhitespace)
        if pending.isEmpty, trimmed.hasPrefix(":") {
            let parts = trimmed.split(separator: " ", omittingEmptySubsequences: false)
            let candidates: [String]
            switch parts.count {
            case 1: candidates = MetaCommand.allCases.map { ":" + $0.rawValue }
            case 2 where parts[0] == ":help": candidates = REPL.helpTopics.map(\.name)
            case 2 where parts[0] == ":dryrun": candidates = ["off", "on"]
            default: candidates = []
            }
            return candidates.filter { $0.hasPrefix(word) }.sorted()
        }
        let context = (pending + [lineBeforeCursor]).joined(separator: "\n")
        return Completer(scope: completionScope).completions(for: context)
    }
}
