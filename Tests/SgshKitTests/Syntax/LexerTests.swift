// Lexer table tests in starlark's scan_test.go shape: source -> the token
// kinds it lexes to, one row per case. Value tokens carry a class tag
// (`name:'x'`, `int:'42'`, `cidr:'::/0'`) because their display names alone
// (`'x'`) do not say which class they are; keywords and punctuation use
// TokenKind.displayName as messages do.

import SgshKit
import Testing

@Suite struct LexerTests {
    static func describe(_ kind: TokenKind) -> String {
        switch kind {
        case .identifier: "name:" + kind.displayName
        case .variable: "var:" + kind.displayName
        case .integer: "int:" + kind.displayName
        case .cidr: "cidr:" + kind.displayName
        case .portRange: "range:" + kind.displayName
        case .groupID: "sg:" + kind.displayName
        case .prefixListID: "pl:" + kind.displayName
        case .vpcID: "vpc:" + kind.displayName
        case .accountGroup: "acct:" + kind.displayName
        case .invalid: "invalid:" + kind.displayName
        case .string(let parts):
            "str("
                + parts.map { part in
                    switch part {
                    case .text(let text):
                        "\"\(text.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t"))\""
                    case .interpolation(let start, let end): "${\(start)..<\(end)}"
                    }
                }.joined(separator: " ") + ")"
        case .eof: "EOF"
        default: kind.displayName
        }
    }

    static func lex(_ source: String) -> (String, [Diagnostic]) {
        var lexer = Lexer(file: SourceFile(name: "t.sgsh", text: source))
        let tokens = lexer.tokenize()
        return (tokens.map { describe($0.kind) }.joined(separator: " "), lexer.diagnostics)
    }

    @Test(arguments: [
        ("", "EOF"),
        ("   \t ", "EOF"),
        ("# only a comment", "EOF"),
        ("let x = 42", "'let' name:'x' '=' int:'42' EOF"),
        ("x # comment\ny", "name:'x' newline name:'y' EOF"),
        ("a;b", "name:'a' ';' name:'b' EOF"),
        ("a\r\nb", "name:'a' newline name:'b' EOF"),
        // The hyphen rule: letters on both sides make one word, digits a port range.
        ("a-b", "name:'a-b' EOF"),
        ("a - b", "name:'a' '-' name:'b' EOF"),
        ("x-1", "name:'x' '-' int:'1' EOF"),
        ("8000-8080", "range:'8000-8080' EOF"),
        ("8000 - 8080", "int:'8000' '-' int:'8080' EOF"),
        ("a--b", "name:'a' '-' '-' name:'b' EOF"),
        ("echo-request destination-unreachable", "name:'echo-request' name:'destination-unreachable' EOF"),
        ("not-in", "name:'not-in' EOF"),
        ("_x9 X_y", "name:'_x9' name:'X_y' EOF"),
        // Keywords; sg words are contextual identifiers.
        (
            "and def dryrun elif else false for if in let nil not or print return sg true use",
            "'and' 'def' 'dryrun' 'elif' 'else' 'false' 'for' 'if' 'in' 'let' 'nil' 'not' 'or' 'print' 'return' 'sg' 'true' 'use' EOF"
        ),
        (
            "ingress egress allow revoke tcp from to tag exactly all",
            "name:'ingress' name:'egress' name:'allow' name:'revoke' name:'tcp' name:'from' name:'to' name:'tag' name:'exactly' name:'all' EOF"
        ),
        ("$web $_x1", "var:'$web' var:'$_x1' EOF"),
        ("$a-b $a-1 $a - b", "var:'$a-b' var:'$a' '-' int:'1' var:'$a' '-' name:'b' EOF"),
        // Ids.
        ("sg-0abc123 pl-0123abcd vpc-0123", "sg:'sg-0abc123' pl:'pl-0123abcd' vpc:'vpc-0123' EOF"),
        ("123456789012/sg-0def456", "acct:'123456789012/sg-0def456' EOF"),
        ("sg - 1", "'sg' '-' int:'1' EOF"),
        ("sg create", "'sg' name:'create' EOF"),
        // Addresses and CIDRs (validated later).
        ("10.0.0.0/8 10.1.2.3", "cidr:'10.0.0.0/8' cidr:'10.1.2.3' EOF"),
        ("::/0", "cidr:'::/0' EOF"),
        ("2001:db8::/32", "cidr:'2001:db8::/32' EOF"),
        ("::ffff:10.0.0.1", "cidr:'::ffff:10.0.0.1' EOF"),
        ("fe80::1 ::1", "cidr:'fe80::1' cidr:'::1' EOF"),
        ("1:2:3:4:5:6:7:8", "cidr:'1:2:3:4:5:6:7:8' EOF"),
        ("1:2:3:4:5:6:1.2.3.4/128", "cidr:'1:2:3:4:5:6:1.2.3.4/128' EOF"),
        ("1:2:3", "int:'1' ':' int:'2' ':' int:'3' EOF"),
        ("add::", "cidr:'add::' EOF"),
        ("300.1.2.3/99", "cidr:'300.1.2.3/99' EOF"),
        ("10.0.0.0/", "cidr:'10.0.0.0' invalid:'/' EOF"),
        ("3:4", "int:'3' ':' int:'4' EOF"),
        ("a:b", "name:'a' ':' name:'b' EOF"),
        // Strings.
        ("\"hi\"", "str(\"hi\") EOF"),
        ("\"\"", "str() EOF"),
        ("'raw \\n ${x}'", "str(\"raw \\n ${x}\") EOF"),
        ("\"a\\tb\\n\\\\\\\"\\'\\$\"", "str(\"a\\tb\\n\\\"'$\") EOF"),
        ("\"a ${x} b\"", "str(\"a \" ${5..<6} \" b\") EOF"),
        ("\"${f(\"}\")}\"", "str(${3..<9}) EOF"),
        ("\"${f('}')}\"", "str(${3..<9}) EOF"),
        ("\"${\"\\\"}\"}\"", "str(${3..<8}) EOF"),
        ("\"$x\"", "str(\"$x\") EOF"),
        // Punctuation and operators.
        (
            "( ) [ ] { } , ; : = == != < <= > >= + -",
            "'(' ')' '[' ']' '{' '}' ',' ';' ':' '=' '==' '!=' '<' '<=' '>' '>=' '+' '-' EOF"
        ),
        ("==!=", "'==' '!=' EOF"),
        // Newlines are dropped inside ( and [ but kept inside {.
        ("[1,\n2]", "'[' int:'1' ',' int:'2' ']' EOF"),
        ("f(\n1\n)", "name:'f' '(' int:'1' ')' EOF"),
        ("{\n}", "'{' newline '}' EOF"),
        ("[{\n}]", "'[' '{' newline '}' ']' EOF"),
        ("(\n[\n{\nx\n}\n]\n)\n", "'(' '[' '{' newline name:'x' newline '}' ']' ')' newline EOF"),
        (")\n", "')' newline EOF"),
        // A byte order mark at the very start is skipped; elsewhere it is an invalid character.
        ("\u{FEFF}let", "'let' EOF"),
        ("x\u{FEFF}", "name:'x' invalid:'\u{FEFF}' EOF"),
        // Invalid input becomes tokens, never a trap.
        ("@", "invalid:'@' EOF"),
        ("!", "invalid:'!' EOF"),
        ("é", "invalid:'é' EOF"),
        ("$", "invalid:'$' EOF"),
        ("$ x", "invalid:'$' name:'x' EOF"),
        ("99999999999999999999", "invalid:'99999999999999999999' EOF"),
        ("\"open", "str(\"open\") EOF"),
    ])
    func lexesTo(source: String, expected: String) {
        #expect(Self.lex(source).0 == expected)
    }

    @Test(arguments: [
        ("\"open", [DiagnosticID.unterminatedString]),
        ("'open\nx", [.unterminatedString]),
        ("\"a ${x\"", [.unterminatedInterpolation]),
        ("\"${\"a\n}\"", [.unterminatedInterpolation, .unterminatedString]),
        ("\"\\q\"", [.invalidEscape]),
        ("@", [.invalidCharacter]),
        ("$", [.emptyVariable]),
        ("99999999999999999999", [.integerTooLarge]),
        ("1-99999999999999999999", [.integerTooLarge]),
        ("let x = \"fine\" # ok", []),
    ])
    func reportsLexicalProblems(source: String, expected: [DiagnosticID]) {
        #expect(Self.lex(source).1.map(\.id) == expected)
    }

    @Test func tokenRangesCoverTheirText() {
        let source = "sg $web ingress allow tcp 8000-8080 from 2001:db8::/32 \"d ${x}\""
        var lexer = Lexer(file: SourceFile(name: "t.sgsh", text: source))
        let texts = lexer.tokenize().map(\.range.text)
        #expect(
            texts == ["sg", "$web", "ingress", "allow", "tcp", "8000-8080", "from", "2001:db8::/32", "\"d ${x}\"", ""])
    }

    @Test func eofIsReturnedForever() {
        var lexer = Lexer(file: SourceFile(name: "t.sgsh", text: "x"))
        _ = lexer.nextToken()
        #expect(lexer.nextToken().kind == .eof)
        #expect(lexer.nextToken().kind == .eof)
    }

    @Test func integersAreReadUpToIntMax() {
        #expect(
            Self.lex("9223372036854775807 0443 8000-08080").0
                == "int:'9223372036854775807' int:'443' range:'8000-8080' EOF")
        #expect(Self.lex("9223372036854775808").1.map(\.id) == [.integerTooLarge])
        #expect(Self.lex("1-9223372036854775808").1.map(\.id) == [.integerTooLarge])
        #expect(Self.lex("9223372036854775808").0 == "invalid:'9223372036854775808' EOF")
        // Up to eighteen digits are not checked for overflow (they always fit); nineteen are.
        #expect(
            Self.lex("999999999999999999 1-999999999999999999 1000000000000000000").0
                == "int:'999999999999999999' range:'1-999999999999999999' int:'1000000000000000000' EOF")
        #expect(Self.lex("1-9999999999999999999").1.map(\.id) == [.integerTooLarge])
    }
}
