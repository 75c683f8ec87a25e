// Tab in the REPL: meta-commands at the start of an entry, file paths after
// `:save` and modules after `use "`, the language's words (Completer)
// everywhere else, with the lines of an unfinished entry as context so a rule
// inside `sg $web ingress {` completes as a rule.

import Foundation
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
            case 2 where parts[0] == ":save" || parts[0] == ":save!": candidates = Self.paths(completing: String(word))
            default: candidates = []
            }
            return candidates.filter { $0.hasPrefix(word) }.sorted()
        }
        // `use "lib/co`: modules are .sgsh files (named without the extension) and folders.
        if word.hasPrefix("\""), lineBeforeCursor.dropLast(word.count).hasSuffix("use ") {
            return Self.paths(completing: String(word.dropFirst()), modules: true)
                .map { "\"" + $0 + ($0.hasSuffix("/") ? "" : "\"") }
        }
        let context = (pending + [lineBeforeCursor]).joined(separator: "\n")
        return Completer(scope: completionScope).completions(for: context)
    }

    /// Beside a listed group id its name, beside a quoted group name its id, so a list of
    /// `sg-0…` ids says which group is which: `sg-0abc (web)`, `"web" (sg-0abc)`.
    static func groupNote(for candidate: String, in groups: [REPLGroup]) -> String? {
        if let group = groups.first(where: { $0.id == candidate }), !group.name.isEmpty { return "(\(group.name))" }
        if candidate.count > 2, candidate.hasPrefix("\""), candidate.hasSuffix("\""),
            let group = groups.first(where: { "\"\($0.name)\"" == candidate })
        {
            return "(\(group.id))"
        }
        return nil
    }

    /// The paths that complete `typed` (as typed: `~` stays `~`); folders end in `/`. With
    /// `modules`, only folders and .sgsh files, the files without their extension.
    static func paths(completing typed: String, modules: Bool = false) -> [String] {
        let folderPart = typed.lastIndex(of: "/").map { String(typed[...$0]) } ?? ""
        let namePrefix = String(typed.dropFirst(folderPart.count))
        let folder = expandingHome(
            folderPart.isEmpty ? "." : folderPart, environment: ProcessEnvironment.variables)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.filter { $0.hasPrefix(namePrefix) && ($0.hasPrefix(".") == namePrefix.hasPrefix(".")) }
            .compactMap { name -> String? in
                var isFolder: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder)
                if isFolder.boolValue { return folderPart + name + "/" }
                guard modules else { return folderPart + name }
                return name.hasSuffix(".sgsh") ? folderPart + String(name.dropLast(5)) : nil
            }.sorted()
    }
}
