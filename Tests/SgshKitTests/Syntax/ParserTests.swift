// Parser fragment tests: one statement -> its S-expression (ASTPrinter), and
// broken fragments -> the diagnostic ids the parser reports. The goldens in
// Fixtures/parse cover whole programs; these pin precedence and the small
// decisions (contextual words, the hyphen rule, index adjacency) row by row.

import SgshKit
import Testing

@Suite struct ParserTests {
    static func parse(_ source: String) -> (String, [Diagnostic]) {
        let (program, diagnostics) = Parser.parse(SourceFile(name: "t.sgsh", text: source))
        var text = ASTPrinter.print(program)
        if text.hasSuffix("\n") { text.removeLast() }
        return (text, diagnostics)
    }

    @Test(arguments: [
        // Precedence, loosest first: or, and, not, comparisons/in, + -, unary -, postfix.
        ("a or b and c", "(expr (or (var a) (and (var b) (var c))))"),
        ("a and b or c", "(expr (or (and (var a) (var b)) (var c)))"),
        ("not a and b", "(expr (and (not (var a)) (var b)))"),
        ("not not a", "(expr (not (not (var a))))"),
        ("not a == b", "(expr (not (== (var a) (var b))))"),
        ("a == b + c", "(expr (== (var a) (+ (var b) (var c))))"),
        ("a + b - c", "(expr (- (+ (var a) (var b)) (var c)))"),
        ("a - -b", "(expr (- (var a) (- (var b))))"),
        ("-a + b", "(expr (+ (- (var a)) (var b)))"),
        ("-f(x)", "(expr (- (call (var f) (var x))))"),
        ("(a + b) + c", "(expr (+ (+ (var a) (var b)) (var c)))"),
        ("a + (b + c)", "(expr (+ (var a) (+ (var b) (var c))))"),
        ("a in b", "(expr (in (var a) (var b)))"),
        ("a not in b", "(expr (not in (var a) (var b)))"),
        ("not a in b", "(expr (not (in (var a) (var b))))"),
        ("a != b", "(expr (!= (var a) (var b)))"),
        ("a < b", "(expr (< (var a) (var b)))"),
        ("a <= b", "(expr (<= (var a) (var b)))"),
        ("a > b", "(expr (> (var a) (var b)))"),
        ("a >= b", "(expr (>= (var a) (var b)))"),
        ("f()", "(expr (call (var f)))"),
        ("f(a, b,)", "(expr (call (var f) (var a) (var b)))"),
        ("f(a)(b)", "(expr (call (call (var f) (var a)) (var b)))"),
        ("xs[0][1]", "(expr (index (index (var xs) 0) 1))"),
        ("f(x)[0]", "(expr (index (call (var f) (var x)) 0))"),
        ("$xs[1 + 1]", "(expr (index (var xs) (+ 1 1)))"),
        // Literals.
        ("[]", "(expr (list))"),
        ("[1, [2], \"s\"]", "(expr (list 1 (list 2) (str \"s\")))"),
        ("[1\n2,\n3\n]", "(expr (list 1 2 3))"),
        ("[a\n-1]", "(expr (list (- (var a) 1)))"),
        ("true", "(expr true)"),
        ("nil", "(expr nil)"),
        ("8000-8080", "(expr (range 8000 8080))"),
        ("a-b", "(expr (var a-b))"),
        ("a - b", "(expr (- (var a) (var b)))"),
        ("\"x${1}y\"", "(expr (interp \"x\" 1 \"y\"))"),
        ("'x${1}y'", "(expr (str \"x${1}y\"))"),
        // Statements.
        ("let x = 1", "(let x 1)"),
        ("x = 1", "(set x 1)"),
        ("let tag = all", "(let tag (var all))"),
        ("return", "(return)"),
        ("print 1, 2", "(print 1 2)"),
        ("print(1, 2)", "(print 1 2)"),
        ("print()", "(print)"),
        ("print (1) + 2", "(print (+ 1 2))"),
        ("use \"networks\"", "(use \"networks\")"),
        ("dryrun on", "(dryrun on)"),
        ("if a { } else { }", "(if ((var a) (block)) (else (block)))"),
        ("for x in xs { }", "(for x (var xs) (block))"),
        ("def f() { }", "(def f () (block))"),
        // sg statements and expressions.
        ("sg $w show", "(sg (var w) show)"),
        ("sg show show", "(sg (var show) show)"),
        ("sg ingress ingress allow all from x", "(sg (var ingress) ingress (allow all from (peers (var x))))"),
        ("sg $w tag for=1 if=2", "(sg (var w) (tag (\"for\" 1) (\"if\" 2)))"),
        ("sg w delete", "(sg (var w) delete)"),
        ("sg $w untag a", "(sg (var w) (untag \"a\"))"),
        ("sg $w tag a=1", "(sg (var w) (tag (\"a\" 1)))"),
        (
            "sg $w ingress allow tcp 1 from 1.2.3.4",
            "(sg (var w) ingress (allow tcp (ports 1) from (peers (cidr 1.2.3.4))))"
        ),
        (
            "sg $w ingress allow tcp 1 from $a, $b \"d\"",
            "(sg (var w) ingress (allow tcp (ports 1) from (peers (var a) (var b)) (desc (str \"d\"))))"
        ),
        ("sg $w egress allow all to ::/0", "(sg (var w) egress (allow all to (peers (cidr ::/0))))"),
        (
            "sg $w egress allow udp [53] to ::/0",
            "(sg (var w) egress (allow udp (port-list 53) to (peers (cidr ::/0))))"
        ),
        ("sg $w ingress allow tcp $p from x", "(sg (var w) ingress (allow tcp (ports (var p)) from (peers (var x))))"),
        (
            "sg $w ingress allow tcp https from x",
            "(sg (var w) ingress (allow tcp (ports (var https)) from (peers (var x))))"
        ),
        ("sg $w ingress allow 17 53 from x", "(sg (var w) ingress (allow udp (ports 53) from (peers (var x))))"),
        ("sg $w ingress allow 300 from x", "(sg (var w) ingress (allow (bad-protocol 300) from (peers (var x))))"),
        (
            "sg $w ingress allow tcp 22 from group \"g\"",
            "(sg (var w) ingress (allow tcp (ports 22) from (peers (group-named (str \"g\")))))"
        ),
        // Protocol names in any case, as in strings; IANA names are their numbers (issue 17).
        ("sg $w ingress allow TCP 1 from x", "(sg (var w) ingress (allow tcp (ports 1) from (peers (var x))))"),
        ("sg $w ingress allow ESP from x", "(sg (var w) ingress (allow 50 from (peers (var x))))"),
        ("sg $w ingress allow gre from x", "(sg (var w) ingress (allow 47 from (peers (var x))))"),
        ("sg $w ingress allow ah from x", "(sg (var w) ingress (allow 51 from (peers (var x))))"),
        // A description is any string expression: a string, $var, or a sum starting with one.
        (
            "sg $w ingress allow tcp 1 from x $why",
            "(sg (var w) ingress (allow tcp (ports 1) from (peers (var x)) (desc (var why))))"
        ),
        (
            "sg $w ingress allow tcp 1 from x $a + \" b\"",
            "(sg (var w) ingress (allow tcp (ports 1) from (peers (var x)) (desc (+ (var a) (str \" b\")))))"
        ),
        ("sg $w ingress exactly { }", "(sg (var w) ingress (exactly))"),
        ("sg $w ingress { }", "(sg (var w) ingress (rules))"),
        ("sg create \"a\"", "(expr (sg-create (str \"a\")))"),
        ("sg lookup \"a\"", "(expr (sg-lookup (str \"a\")))"),
        ("let g = sg create n vpc v $d", "(let g (sg-create (var n) (vpc (var v)) (desc (var d))))"),
    ])
    func parsesFragment(source: String, expected: String) {
        let (tree, diagnostics) = Self.parse(source)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(tree == expected)
    }

    @Test(arguments: [
        ("let x =", [DiagnosticID.expectedExpression]),
        ("let 1 = 2", [.expectedToken]),
        ("let if = 2", [.keywordAsName]),
        ("x y", [.expectedStatementEnd]),
        ("}", [.expectedStatementEnd]),
        ("if a {", [.unterminatedBlock]),
        ("f(1", [.expectedToken]),
        ("[1 2]", [.expectedToken]),
        ("print xs [0]", [.expectedStatementEnd]),
        ("print a == b == c", [.expectedStatementEnd]),
        ("print(1", [.expectedToken]),
        ("if a { } else if b { }", [.expectedToken]),
        ("sg", [.invalidGroup]),
        ("sg $w", [.expectedGroupAction]),
        ("sg show", [.invalidGroup]),
        ("sg ingress allow tcp 1 from x", [.invalidGroup]),
        ("sg $w ingress allow tpc 1 from x", [.unknownProtocol]),
        ("sg $w ingress allow -1 from x", [.expectedProtocol]),
        ("sg $w ingress allow tcp 1-99999999999999999999 from x", [.integerTooLarge]),
        ("f(", [.expectedToken]),
        ("let xs = [1\nprint xs", [.expectedToken]),
        ("\"${f(}\"", [.expectedToken]),
        ("let x = " + String(repeating: "(", count: 80) + "1" + String(repeating: ")", count: 80), [.nestingTooDeep]),
        ("sg $w allow tcp 1 from x", [.expectedDirection]),
        ("sg $w ingress deny tcp 1 from x", [.expectedVerb]),
        ("sg $w ingress allow from x", [.expectedProtocol]),
        ("sg $w ingress allow tcpp 1 from x", [.unknownProtocol]),
        ("sg $w ingress allow tcp 1 x", [.expectedPreposition]),
        ("sg $w ingress allow tcp 1 from", [.expectedPeer]),
        ("sg $w ingress { allow tcp 1 from x", [.unterminatedBlock]),
        ("sg $w ingress { deny; deny }", [.expectedVerb, .expectedVerb]),
        ("let a = (1\nlet b = [2\nlet c = 3", [.expectedToken]),
        ("let a = 1 +\nlet b = 2 +\nlet c = )", [.expectedExpression, .expectedExpression, .expectedExpression]),
    ])
    func reportsSyntaxErrors(source: String, expected: [DiagnosticID]) {
        #expect(Self.parse(source).1.map(\.id) == expected)
    }

    @Test func everyNodeHasARangeCoveringItsText() throws {
        let source = "sg $web ingress allow tcp [80, 443] from 10.0.0.0/8, $office \"web ${x}\" tag a=1"
        let (program, _) = Parser.parse(SourceFile(name: "t.sgsh", text: source))
        let statement = try #require(program.statements.first)
        #expect(statement.range.text == source)
        guard case .sgStmt(let sg) = statement.kind, case .rule(let direction, let rule) = sg.action else {
            Issue.record("not a rule statement")
            return
        }
        #expect(sg.group.range.text == "$web")
        #expect(direction.range.text == "ingress")
        #expect(rule.verb.range.text == "allow")
        #expect(rule.proto.range.text == "tcp")
        #expect(rule.ports?.range.text == "[80, 443]")
        #expect(rule.preposition.range.text == "from")
        #expect(rule.peers.map(\.range.text) == ["10.0.0.0/8", "$office"])
        #expect(rule.description?.range.text == "\"web ${x}\"")
        #expect(rule.tags.map(\.key.range.text) == ["a"])
        #expect(rule.range.text == source.dropFirst("sg $web ingress ".count).description)
    }
}
