// Keeps the DocC articles' code real: every ```swift block in the catalogs
// must appear, line for line, in ArticleExamples.swift or
// ArticleExamples+Types.swift, which the compiler checks and the tests run. Indentation may differ by a constant prefix
// (the examples sit inside functions), nothing else.

import Foundation
import Testing

@Suite struct ArticleSnippetTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let catalogs = ["Sources/SgshKit/SgshKit.docc", "Sources/SgshModel/SgshModel.docc"]
    /// The articles the issue asks for; each must hold Swift code.
    static let articles = [
        "Sources/SgshKit/SgshKit.docc/EmbeddingAnInterpreter.md",
        "Sources/SgshKit/SgshKit.docc/HostFunctionsAndPredeclaredValues.md",
        "Sources/SgshKit/SgshKit.docc/LimitsAndCancellation.md",
        "Sources/SgshKit/SgshKit.docc/PlanApplyReport.md",
        "Sources/SgshModel/SgshModel.docc/WritingABackend.md",
    ]

    /// The ```swift blocks of a Markdown text, each as its lines.
    static func swiftBlocks(in markdown: String) -> [[String]] {
        var blocks: [[String]] = []
        var current: [String]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```swift" {
                current = []
            } else if current != nil, trimmed == "```" {
                blocks.append(current!)
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    /// Whether `block` occurs in `lines` as consecutive lines, all shifted by one indentation.
    static func contains(_ lines: [String], _ block: [String]) -> Bool {
        let margin = block.filter { !$0.isEmpty }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        let block = block.map { $0.isEmpty ? "" : String($0.dropFirst(margin)) }
        guard let first = block.first, !block.isEmpty else { return true }
        for start in lines.indices where lines[start].hasSuffix(first) {
            let indent = String(lines[start].dropLast(first.count))
            guard indent.allSatisfy({ $0 == " " }), start + block.count <= lines.count else { continue }
            let matches = block.indices.allSatisfy { k in
                block[k].isEmpty ? lines[start + k].isEmpty : lines[start + k] == indent + block[k]
            }
            if matches { return true }
        }
        return false
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func everyArticleHasCode() throws {
        for article in Self.articles {
            #expect(!Self.swiftBlocks(in: try Self.read(article)).isEmpty, "\(article) has no ```swift block")
        }
    }

    @Test func everySnippetIsCompiledAndRunHere() throws {
        let examples = try ["ArticleExamples.swift", "ArticleExamples+Types.swift"].flatMap { file in
            try Self.read("Tests/EmbeddingTests/\(file)").split(separator: "\n", omittingEmptySubsequences: false)
                .map(String.init) + [""]
        }
        var checked = 0
        for catalog in Self.catalogs {
            let files = try FileManager.default.contentsOfDirectory(
                atPath: Self.root.appendingPathComponent(catalog).path)
            for file in files.sorted() where file.hasSuffix(".md") {
                for block in Self.swiftBlocks(in: try Self.read("\(catalog)/\(file)")) {
                    checked += 1
                    let found = Self.contains(examples, block)
                    #expect(
                        found,
                        "\(catalog)/\(file): this block is not in ArticleExamples(+Types).swift:\n\(block.joined(separator: "\n"))"
                    )
                }
            }
        }
        #expect(checked >= Self.articles.count)
    }

    @Test func theMatcherToleratesIndentationOnly() {
        let lines = ["func f() {", "    let a = 1", "", "    print(a)", "}"]
        #expect(Self.contains(lines, ["let a = 1", "", "print(a)"]))
        #expect(Self.contains(lines, ["  let a = 1", "", "  print(a)"]))
        #expect(!Self.contains(lines, ["let a = 2"]))
        #expect(!Self.contains(lines, ["let a = 1", "print(a)"]))
        #expect(!Self.contains(lines, ["let a = 1", "", "  print(a)"]))
    }
}
