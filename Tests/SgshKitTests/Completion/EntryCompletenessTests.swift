import SgshKit
import Testing

@Suite struct EntryCompletenessTests {
    @Test(arguments: [
        "sg $web ingress {",
        "sg $web ingress {\n  allow tcp 443 from 0.0.0.0/0\n",
        "sg $web ingress exactly {\n  allow tcp 443 from 0.0.0.0/0",
        "let office = [203.0.113.0/24,",
        "let office = [\n  203.0.113.0/24\n",
        "let x = aggregate([10.0.0.0/8],",
        "def f(a, b) {\n  return a\n",
        "if true {\n  print 1\n} else {",
        "for x in [1, 2] {  # a comment after the brace\n",
        // An error inside a block does not end it: the rest of the block must not run alone.
        "sg $web ingress {\n  allow tcpp 443 frm 0.0.0.0/0\n",
        "if prod {\n  sg $web ingress allow tcpp 22 from 10.0.0.0/8\n  sg $web ingress allow tcp 9999 from 0.0.0.0/0",
        // A closer that does not match the innermost opener closes nothing it does not match.
        "if prod {\n  sg $web ingress allow tcp [22) from 10.0.0.0/8\n",
        "let x = (1 + ]",
        "if a {\n} else {",
    ])
    func openBracketAtEndIsIncomplete(source: String) {
        #expect(EntryCompleteness(source) == .incomplete)
    }

    @Test(arguments: [
        "",
        "let web = sg-0abc123",
        "sg $web ingress allow tcp 443 from 0.0.0.0/0",
        "sg $web ingress {\n  allow tcp 443 from 0.0.0.0/0\n}",
        // Errors outside brackets are reported at once.
        "let x = 1 +",
        "if prod {\n  sg $web ingress allow tcp [22) from 10.0.0.0/8\n}\nprint 1",
        "if a { print 1 } else { print 2 }",
        "if a {\n}\nelse {\n}",
        "if a { print 1 }\nprint 2",
        "if a { print 1 }; print 2",
        "if a { print 1 } elif b { print 2 } else if c { print 3 }",
        "print \"unterminated",
        "sg $web ingress allow tcp 443 from 0.0.0.0/0 \"open { brace in a string\"",
        "}",
    ])
    func finishedOrUnfixableInputIsComplete(source: String) {
        #expect(EntryCompleteness(source) == .complete)
    }

    @Test(arguments: [
        "if a { print 1 }",
        "if a {\n  print 1\n}\n",
        "if a {\n}\nelif b {\n}",
        "let x = 1\nif a { print 1 } elif b { print 2 }",
        "if a {\n  sg $web ingress allow tcpp 22 from 10.0.0.0/8\n}",
    ])
    func anIfBlockAtTheEndMayTakeAnElseOnTheNextLine(source: String) {
        #expect(EntryCompleteness(source) == .mayContinue)
    }

    @Test func onlyElifAndElseContinueAnIf() {
        #expect(EntryCompleteness.continuesIf("else {"))
        #expect(EntryCompleteness.continuesIf("  elif b {"))
        #expect(EntryCompleteness.continuesIf("else{ print 1 }"))
        #expect(!EntryCompleteness.continuesIf(""))
        #expect(!EntryCompleteness.continuesIf("print else_branch"))
        #expect(!EntryCompleteness.continuesIf("elsewhere = 1"))
    }
}
