// The parse corpus: every Fixtures/parse/NAME.sgsh parses without a syntax
// error, and its tree printed by ASTPrinter equals Fixtures/parse/NAME.ast.
// Names are only parsed here, not resolved, so fixtures may use `$web` freely.

import SgshKit
import SgshTestSupport
import Testing

@Suite struct ParseGoldenTests {
    static let names = Golden.names(in: "parse", withExtension: "sgsh", filePath: #filePath)

    @Test func corpusCoversAtLeastSixtyPrograms() {
        #expect(Self.names.count >= 60)
    }

    @Test(arguments: names)
    func parsesToTheGoldenTree(name: String) throws {
        let text = try #require(Golden.read("parse/\(name).sgsh", filePath: #filePath))
        let (program, diagnostics) = Parser.parse(SourceFile(name: "\(name).sgsh", text: text))
        #expect(diagnostics.isEmpty, "\(DiagnosticRenderer().render(diagnostics))")
        assertGolden(actual: ASTPrinter.print(program), fixture: "parse/\(name).ast")
    }
}
