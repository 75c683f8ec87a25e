// The parser lexes as it goes and drops the tokens of top-level statements it
// has parsed (TokenStream.swift). A script long enough for tokens to be
// dropped must parse and report exactly as its parts do alone.

import SgshKit
import Testing

@Suite struct TokenStreamTests {
    /// Enough statements ahead of the snippet that thousands of tokens are dropped before it.
    static let prefixLines = 3_000
    static let prefix = String(repeating: "let a = 1\n", count: prefixLines)

    static func report(_ source: String, droppingLines: Int = 0) -> [String] {
        let (program, diagnostics) = Parser.parse(SourceFile(name: "t.sgsh", text: source))
        return diagnostics.map { diagnostic in
            let location = diagnostic.range.location
            return "\(location.line - droppingLines):\(location.column) \(diagnostic.id) \(diagnostic.message)"
        } + ["recovered: \(program.recoveredNames.sorted())"]
    }

    @Test(arguments: [
        "let x =\n",
        "let x =\n\n\n\n",
        "let y = (1 +\n\n\n",
        "}\n",
        "sg sg-0abc ingress allow tcp 22 from @ \"x\"\n",
        "print \"${ 1 + }\"\n",
        "print \"${ (1 + }\" @\n",
        "if x {\n  let z =\n}\nelse\n",
        "let b = [1,\n 2,\n",
    ])
    func aSnippetAfterThousandsOfStatementsReportsAsItDoesAlone(_ snippet: String) {
        let alone = Self.report(snippet)
        #expect(alone.count > 1)  // at least one diagnostic besides the recovered names
        #expect(Self.report(Self.prefix + snippet, droppingLines: Self.prefixLines) == alone)
    }

    @Test func aLongScriptParsesToTheSameTreeAsItsStatements() {
        let statement = "sg sg-0abc ingress allow tcp 22 from 10.0.0.0/24 \"ssh\"\n"
        let (long, diagnostics) = Parser.parse(
            SourceFile(name: "t.sgsh", text: String(repeating: statement, count: 2_000)))
        let (one, _) = Parser.parse(SourceFile(name: "t.sgsh", text: statement))
        #expect(diagnostics.isEmpty)
        #expect(long.statements.count == 2_000)
        #expect(ASTPrinter.print(long) == String(repeating: ASTPrinter.print(one), count: 2_000))
    }
}
