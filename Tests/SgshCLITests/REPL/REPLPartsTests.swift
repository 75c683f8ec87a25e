import Foundation
import Testing

@testable import SgshCLI

@Suite struct HistoryFileTests {
    @Test(arguments: [
        (["SGSH_HISTORY": "/x/h", "HOME": "/home/u"], "/x/h" as String?),
        (["SGSH_HISTORY": "", "HOME": "/home/u"], nil),
        (["XDG_DATA_HOME": "/data", "HOME": "/home/u"], "/data/sgsh/history"),
        (["HOME": "/home/u"], "/home/u/.local/share/sgsh/history"),
        ([:], nil),
    ])
    func pathFollowsTheEnvironment(environment: [String: String], expected: String?) {
        #expect(HistoryFile.path(environment: environment) == expected)
    }
}

@Suite struct MetaCommandTests {
    @Test(arguments: [(":quit", MetaCommand.quit), (":q", .quit), (":exit", .quit), (":help", .help), (":save", .save)])
    func parsesNamesAndAliases(word: String, command: MetaCommand) {
        #expect(MetaCommand(word: word[...]) == command)
    }

    @Test(arguments: ["quit", ":", ":qu", ":Help"])
    func rejectsOtherWords(word: String) {
        #expect(MetaCommand(word: word[...]) == nil)
    }
}

@Suite(.serialized) struct LibEditLineReaderTests {
    @Test func historyIsBoundedSavedAndLoaded() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sgsh-history-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("sub/history").path
        do {
            let reader = LibEditLineReader(historyPath: path, historySize: 3)
            for line in ["one", "two", "  ", "three", "four", "four", "five"] { reader.addHistory(line) }
            #expect(reader.historyEntries() == ["three", "four", "five"])
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let next = LibEditLineReader(historyPath: path, historySize: 3)
        #expect(next.historyEntries() == ["three", "four", "five"])
    }

    /// Two sessions on one history file both keep their entries (an entry with a newline,
    /// as a pasted block would be, comes back whole from the file).
    @Test func sessionsShareTheFileAndEntriesKeepTheirLines() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sgsh-history-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("history").path
        let block = "if prod {\n  sg $web ingress allow tcp 443 from 0.0.0.0/0 \"https\"\n}"
        do {
            let first = LibEditLineReader(historyPath: path)
            let second = LibEditLineReader(historyPath: path)
            first.addHistory("print \"first\"")
            second.addHistory(block)
            first.addHistory("print \"first again\"")
        }
        let next = LibEditLineReader(historyPath: path)
        #expect(next.historyEntries() == ["print \"first\"", block, "print \"first again\""])
    }

    @Test func columnsFitTheWidth() {
        let words = ["allow", "exactly", "revoke", "ingress", "egress"]
        #expect(LibEditLineReader.columns(words, width: 30) == "allow    exactly  revoke\ningress  egress")
    }
}

/// Tab after `:save` completes paths, and after `use "` modules (issue 17).
@Suite struct PathCompletionTests {
    @Test func pathsAndModulesComplete() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sgsh-paths-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/lib", withIntermediateDirectories: true)
        for name in ["common.sgsh", "notes.txt", ".hidden.sgsh"] {
            FileManager.default.createFile(atPath: folder + "/" + name, contents: Data())
        }
        #expect(
            REPL.paths(completing: folder + "/") == [folder + "/common.sgsh", folder + "/lib/", folder + "/notes.txt"])
        #expect(REPL.paths(completing: folder + "/c") == [folder + "/common.sgsh"])
        #expect(REPL.paths(completing: folder + "/", modules: true) == [folder + "/common", folder + "/lib/"])
        #expect(REPL.paths(completing: folder + "/.") == [folder + "/.hidden.sgsh"])
    }

    @Test func listedGroupIdsShowTheirNamesAndQuotedNamesTheirIds() {
        let groups = [
            REPLGroup(id: "sg-0aaaaaaaaaaaaaaa1", name: "web", detail: ""),
            REPLGroup(id: "sg-0aaaaaaaaaaaaaaa2", name: "db", detail: ""),
        ]
        #expect(REPL.groupNote(for: "sg-0aaaaaaaaaaaaaaa1", in: groups) == "(web)")
        #expect(REPL.groupNote(for: "\"db\"", in: groups) == "(sg-0aaaaaaaaaaaaaaa2)")
        #expect(REPL.groupNote(for: "$web", in: groups) == nil)
        #expect(REPL.groupNote(for: "\"\"", in: groups) == nil)
    }
}
