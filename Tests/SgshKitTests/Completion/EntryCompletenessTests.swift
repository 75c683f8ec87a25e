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
    ])
    func openBracketAtEndIsIncomplete(source: String) {
        #expect(EntryCompleteness(source) == .incomplete)
    }

    @Test(arguments: [
        "",
        "let web = sg-0abc123",
        "sg $web ingress allow tcp 443 from 0.0.0.0/0",
        "sg $web ingress {\n  allow tcp 443 from 0.0.0.0/0\n}",
        // Errors a further line cannot fix are reported at once.
        "sg $web ingress {\n  allow tcpp 443 frm 0.0.0.0/0\n",
        "let x = (1 + ]",
        "let x = 1 +",
        "print \"unterminated",
        "sg $web ingress allow tcp 443 from 0.0.0.0/0 \"open { brace in a string\"",
        "}",
    ])
    func finishedOrUnfixableInputIsComplete(source: String) {
        #expect(EntryCompleteness(source) == .complete)
    }
}
