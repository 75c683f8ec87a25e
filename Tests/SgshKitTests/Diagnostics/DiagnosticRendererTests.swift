// The renderer on hand-made diagnostics: the corner cases of the caret line
// (zero width, end of line, ranges over several lines, tabs, wide scalars),
// notes with and without a location, the per-file cap, and the ANSI style
// being the plain text plus escape codes.

import Testing

@testable import SgshKit

@Suite struct DiagnosticRendererTests {
    static func render(
        _ text: String, _ start: Int, _ end: Int, file name: String = "f.sgsh",
        hint: String? = nil, notes: [DiagnosticNote] = []
    ) -> String {
        let file = SourceFile(name: name, text: text)
        let diagnostic = Diagnostic(
            .undefinedName, "m", at: SourceRange(file: file, start: start, end: end), hint: hint, notes: notes)
        return DiagnosticRenderer(style: .plain).render([diagnostic])
    }

    @Test(arguments: [
        // A range on one line.
        ("abc def\n", 4, 7, "f.sgsh:1:5: error: m\n   1 | abc def\n     |     ^~~\n"),
        // Zero width: one caret where the token should go.
        ("abc\n", 3, 3, "f.sgsh:1:4: error: m\n   1 | abc\n     |    ^\n"),
        // A range that runs onto the next line is underlined to the end of its first line.
        ("ab\ncd\n", 1, 5, "f.sgsh:1:2: error: m\n   1 | ab\n     |  ^\n"),
        ("abcd\nef\n", 1, 7, "f.sgsh:1:2: error: m\n   1 | abcd\n     |  ^~~\n"),
        // End of a file without a final newline.
        ("abc", 3, 3, "f.sgsh:1:4: error: m\n   1 | abc\n     |    ^\n"),
        // An empty file.
        ("", 0, 0, "f.sgsh:1:1: error: m\n   1 | \n     | ^\n"),
        // Tabs before the caret are copied; other characters become spaces.
        ("\tx\ty\n", 3, 4, "f.sgsh:1:4: error: m\n   1 | \tx\ty\n     | \t \t^\n"),
        // Columns count Unicode scalars: 'é' and '日' are one column each.
        ("é日 zz\n", 6, 8, "f.sgsh:1:4: error: m\n   1 | é日 zz\n     |    ^~\n"),
        // A CRLF line is shown without its '\r'.
        ("ab\r\ncd\r\n", 4, 6, "f.sgsh:2:1: error: m\n   2 | cd\n     | ^~\n"),
        // The gutter widens with the line number.
        (String(repeating: "\n", count: 11) + "x\n", 11, 12, "f.sgsh:12:1: error: m\n   12 | x\n      | ^\n"),
    ])
    func drawsTheCaretUnderTheRange(text: String, start: Int, end: Int, expected: String) {
        #expect(Self.render(text, start, end) == expected)
    }

    /// A 10,000-character line is shown as a window around the caret, cut ends marked `…`,
    /// with the caret still under the character the range starts at.
    @Test func aHugeLineIsShownAsAWindowAroundTheCaret() {
        let line = (0..<10_000).map { String($0 % 10) }.joined()
        let text = line + "\n"
        let rendered = Self.render(text, 5_000, 5_003).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rendered[0] == "f.sgsh:1:5001: error: m")
        let shown = rendered[1].dropFirst("   1 | ".count)
        let caret = rendered[2].dropFirst("     | ".count)
        #expect(shown.hasPrefix("…") && shown.hasSuffix("…"))
        #expect(shown.count <= 402)
        let column = caret.firstIndex(of: "^").map { caret.distance(from: caret.startIndex, to: $0) }
        #expect(column.map { Array(shown)[$0] } == Array(line)[5_000])
        #expect(caret.hasSuffix("^~~"))
    }

    @Test func aLongQuotedWordInAMessageIsShortened() {
        let word = String(repeating: "a", count: 1_000)
        let message = DiagnosticRenderer.shorteningQuotedWords("undefined name '\(word)'")
        #expect(message == "undefined name '\(String(repeating: "a", count: 48))…\(String(repeating: "a", count: 15))'")
        // Quoted text with spaces (prose, a description) is left alone.
        let prose = "description '\(String(repeating: "a b ", count: 40))' is fine"
        #expect(DiagnosticRenderer.shorteningQuotedWords(prose) == prose)
    }

    @Test func notesAndHintsFollowTheExcerpt() {
        let file = SourceFile(name: "f.sgsh", text: "let a = 1\nlet b = a(\n")
        let rendered = Self.render(
            "let a = 1\nlet b = a(\n", 19, 19, hint: "close it",
            notes: [
                DiagnosticNote("to match this '('", range: SourceRange(file: file, start: 19, end: 20)),
                DiagnosticNote("no location"),
            ])
        #expect(
            rendered == """
                f.sgsh:2:10: error: m
                   2 | let b = a(
                     |          ^
                f.sgsh:2:10: note: to match this '('
                   2 | let b = a(
                     |          ^
                note: no location
                hint: close it

                """)
    }

    @Test func capsErrorsPerFileButNotWarnings() {
        let one = SourceFile(name: "one.sgsh", text: "x\n")
        let two = SourceFile(name: "two.sgsh", text: "y\n")
        func error(_ file: SourceFile) -> Diagnostic { Diagnostic(.undefinedName, "e", at: .point(file, 0)) }
        let warnings = (0..<30).map { _ in Diagnostic(.undefinedName, "w", at: .point(one, 0), severity: .warning) }
        let diagnostics = warnings + (0..<25).map { _ in error(one) } + (0..<3).map { _ in error(two) }
        let rendered = DiagnosticRenderer(style: .plain).render(diagnostics)
        #expect(rendered.components(separatedBy: "one.sgsh:1:1: error: e").count - 1 == 20)
        #expect(rendered.components(separatedBy: "one.sgsh:1:1: warning: w").count - 1 == 30)
        #expect(rendered.components(separatedBy: "one.sgsh: note: too many errors, stopping\n").count - 1 == 1)
        #expect(rendered.components(separatedBy: "two.sgsh:1:1: error: e").count - 1 == 3)
        #expect(!rendered.contains("two.sgsh: note: too many errors"))
    }

    @Test func ansiIsThePlainTextWithEscapes() throws {
        let file = SourceFile(name: "f.sgsh", text: "sg $web egress allow tcp 443 from 10.0.0.0/8\n")
        let diagnostic = Diagnostic(
            .wrongPreposition, "egress rules take 'to', not 'from'",
            at: SourceRange(file: file, start: 29, end: 33), hint: "write 'to 10.0.0.0/8'")
        let plain = DiagnosticRenderer(style: .plain).render([diagnostic])
        let ansi = DiagnosticRenderer(style: .ansi).render([diagnostic])
        #expect(ansi.contains("\u{1B}["))
        #expect(!plain.contains("\u{1B}"))
        let stripped = try Regex("\u{1B}\\[[0-9;]*m")
        #expect(ansi.replacing(stripped, with: "") == plain)
    }

    @Test func theHeaderIsTheDescription() {
        let file = SourceFile(name: "f.sgsh", text: "x")
        let diagnostic = Diagnostic(.undefinedName, "undefined name 'x'", at: .point(file, 0))
        #expect(diagnostic.description == "f.sgsh:1:1: error: undefined name 'x'")
    }
}
