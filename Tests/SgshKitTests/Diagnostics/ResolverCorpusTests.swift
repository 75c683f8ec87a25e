// The resolver's inline-expectation corpus (STYLE.md §3.4): each chunk of
// Fixtures/diagnostics/inline/*.sgsh is checked on its own, and its errors
// must be exactly the `# error:` annotations, line by line.

import SgshKit
import SgshTestSupport
import Testing

@Suite struct ResolverCorpusTests {
    static let files = Golden.names(in: "diagnostics/inline", withExtension: "sgsh", filePath: #filePath)

    @Test func corpusExists() {
        #expect(!Self.files.isEmpty)
    }

    @Test(arguments: files)
    func errorsMatchTheAnnotations(name: String) throws {
        let text = try #require(Golden.read("diagnostics/inline/\(name).sgsh", filePath: #filePath))
        let chunked = ChunkedFile(text)
        #expect(chunked.chunks.count > 1)
        for chunk in chunked.chunks {
            let file = SourceFile(name: "\(name).sgsh", text: chunk.source)
            let errors = ProgramChecker.check(file).1.filter { $0.severity == .error }
            let reported = errors.map { (line: $0.range.location.line, message: $0.message) }
            for problem in chunk.mismatches(reported) {
                Issue.record("\(name).sgsh:\(chunk.firstLine) chunk: \(problem)")
            }
        }
    }

    @Test func chunkedFileKeepsLineNumbersAndReadsAnnotations() throws {
        let chunked = ChunkedFile("a\nb # error: x\n---\nc # error: y # error: z\n")
        #expect(chunked.chunks.count == 2)
        let second = try #require(chunked.chunks.last)
        #expect(second.firstLine == 4)
        #expect(second.source == "\n\n\nc # error: y # error: z\n\n")
        #expect(second.expectations.map(\.description) == ["line 4: error: z"])
        #expect(chunked.chunks[0].mismatches([(line: 2, message: "has x in it")]).isEmpty)
        #expect(chunked.chunks[0].mismatches([(line: 1, message: "x")]).count == 2)
        #expect(chunked.chunks[0].mismatches([]).count == 1)
    }
}
