// Hostile input on the built binary (issue 13): over 200 malformed scripts —
// binary bytes, 10 MB lines, 10,000-deep nesting, invalid UTF-8, everything
// unterminated, bad CIDRs, ports out of range, descriptions EC2 refuses — each
// gets a positioned diagnostic (file:line:col, the line, a caret), exit 2, a
// bounded amount of output, and nothing is sent: `sgsh run` talks to the aws
// backend through scripts/fault-proxy, whose log must stay empty. The scripts
// are generated here (the big ones at test time, never committed).

import Foundation
import SgshTestSupport
import Testing

@Suite struct MalformedScriptsEndToEndTests {
    struct Malformed: CustomStringConvertible {
        var name: String
        var bytes: [UInt8]
        /// `line:col` the first diagnostic must point at, when the test knows it exactly.
        var position: String?
        var description: String { name }
    }

    static func text(_ name: String, _ source: String, at position: String? = nil) -> Malformed {
        Malformed(name: name, bytes: Array(source.utf8), position: position)
    }

    static func binary() -> [Malformed] {
        var random = SplitMix64(state: 13)
        return (0..<24).map { index in
            let count = Int.random(in: 1...4096, using: &random)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
            if index % 2 == 0 {
                // A byte that is never UTF-8, somewhere: the error is there or before.
                bytes[Int.random(in: 0..<count, using: &random)] = 0xFE
            } else {
                // Control characters only (no newline or tab): valid UTF-8, never sgsh.
                bytes = bytes.map { [0x0A, 0x09, 0x0D].contains($0 % 32) ? 0x01 : $0 % 32 }
            }
            return Malformed(name: "binary-\(index)", bytes: bytes)
        }
    }

    /// Ten megabytes on one line, built now.
    static func hugeLines() -> [Malformed] {
        let tenMB = String(repeating: "a", count: 10_000_000)
        return [
            text("huge-unterminated-string", "let x = \"\(tenMB)\n", at: "1:9"),
            text("huge-comment-then-error", "# \(tenMB)\nlet y = $nope\n", at: "2:9"),
        ]
    }

    static func deepNesting() -> [Malformed] {
        let depth = 10_000
        let parens = String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        let lists = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let blocks = String(repeating: "if true {\n", count: depth) + String(repeating: "}\n", count: depth)
        let interpolations = String(repeating: "\"${", count: depth) + "1" + String(repeating: "}\"", count: depth)
        return [
            text("deep-parens", "let x = \(parens)\n"),
            text("deep-lists", "let x = \(lists)\n"),
            text("deep-blocks", blocks),
            text("deep-negation", "let x = \(String(repeating: "-", count: depth))1\n"),
            text("deep-not", "let x = \(String(repeating: "not ", count: depth))true\n"),
            text("deep-interpolation", "let x = \(interpolations)\n"),
            text("deep-defs", String(repeating: "def f() {\n", count: depth) + String(repeating: "}\n", count: depth)),
            text("deep-unclosed-parens", "let x = \(String(repeating: "(", count: depth))\n"),
        ]
    }

    /// Each bad sequence at the start, in a string, in a comment, in a name and on a later line.
    static func invalidUTF8() -> [Malformed] {
        let sequences: [(String, [UInt8])] = [
            ("overlong", [0xC0, 0x80]), ("surrogate", [0xED, 0xA0, 0x80]), ("truncated", [0xE2, 0x82]),
            ("lone-continuation", [0x80]), ("ff", [0xFF]), ("above-unicode", [0xF5, 0x80, 0x80, 0x80]),
            ("cut-emoji", [0xF0, 0x9F, 0x98]), ("overlong-slash", [0xE0, 0x80, 0xAF]), ("lead-only", [0xC3]),
            ("bom-like", [0xFE, 0xFF]),
        ]
        var cases: [Malformed] = []
        for (name, bad) in sequences {
            let contexts: [(String, [UInt8], [UInt8], String)] = [
                ("start", [], Array(" let x = 1\n".utf8), "1:1"),
                ("string", Array("let x = \"ab".utf8), Array("cd\"\n".utf8), "1:12"),
                ("comment", Array("# note ".utf8), Array(" more\nlet x = 1\n".utf8), "1:8"),
                ("name", Array("let ab".utf8), Array(" = 1\n".utf8), "1:7"),
                ("later-line", Array("let x = 1\nlet y = \"".utf8), Array("\"\n".utf8), "2:10"),
            ]
            for (context, before, after, position) in contexts {
                cases.append(
                    Malformed(name: "utf8-\(name)-\(context)", bytes: before + bad + after, position: position))
            }
        }
        return cases
    }

    static func unterminated() -> [Malformed] {
        let fragments = [
            "\"abc", "\"${x", "\"${x}", "{", "[1, 2", "(1 + 2", "def f() {", "if true {", "for x in [1] {",
            "sg sg-0abc ingress {", "sg sg-0abc ingress exactly {", "let x = \"a\\", "policy deny ingress",
            "sg sg-0abc",
            "let x =", "print", "use \"", "let", "sg sg-0abc ingress allow tcp 22 from", "let x = [1,", "def f(",
            "def f(a,", "if", "for x in", "let x = $", "sg sg-0abc egress allow tcp 22 to 10.0.0.0/8 \"open",
            "sg sg-0abc tag env=\"prod", "if true { print 1 } else {", "let x = (", "sg",
        ]
        return fragments.enumerated().flatMap { index, fragment in
            [
                text("unterminated-\(index)", fragment),
                text("unterminated-after-code-\(index)", "let ok = 1\nprint $ok\n\(fragment)"),
            ]
        }
    }

    static let ruleContexts = [
        "sg sg-0abc ingress allow tcp 22 from PEER", "sg sg-0abc egress allow tcp 22 to PEER",
        "sg sg-0abc ingress { allow tcp 22 from PEER }", "let x = PEER",
    ]

    static func badCIDRs() -> [Malformed] {
        let blocks = [
            "10.0.0.300/8", "10.0.0.1/8", "10.0.0.0/33", "256.0.0.0/8", "1.2.3/8", "::/129", "2001:db8::1/32",
            "10.0.0.0/-1", "10.0.0.0/08", "1.2.3.4.5/8",
        ]
        return blocks.enumerated().flatMap { number, block in
            ruleContexts.enumerated().map { slot, context in
                text("cidr-\(number)-\(slot)", context.replacingOccurrences(of: "PEER", with: block) + "\n")
            }
        }
    }

    static func badPorts() -> [Malformed] {
        let ports = ["65536", "-1", "70000", "0-65536", "80-65536", "99999999999999999999", "65535-0"]
        let contexts = [
            "sg sg-0abc ingress allow tcp PORT from 10.0.0.0/8", "sg sg-0abc egress allow udp PORT to 10.0.0.0/8",
            "sg sg-0abc ingress { allow tcp PORT from 10.0.0.0/8 }",
        ]
        return ports.enumerated().flatMap { number, port in
            contexts.enumerated().map { slot, context in
                text("port-\(number)-\(slot)", context.replacingOccurrences(of: "PORT", with: port) + "\n")
            }
        }
    }

    static func badDescriptions() -> [Malformed] {
        let descriptions = [
            "é", "<b>", "%20", "a^b", "a`b", "a|b", "a~b", "why?", "it's", "tab\\there", "😀", "a\\\\b",
            String(repeating: "a", count: 256), String(repeating: "ü", count: 300),
        ]
        let contexts = [
            "sg sg-0abc ingress allow tcp 22 from 10.0.0.0/8 \"DESC\"",
            "sg sg-0abc egress allow tcp 443 to ::/0 \"DESC\"",
            "sg sg-0abc ingress { allow udp 53 from 10.0.0.2 \"DESC\" }",
        ]
        var cases = descriptions.enumerated().flatMap { index, description in
            contexts.enumerated().map { slot, context in
                text("description-\(index)-\(slot)", context.replacingOccurrences(of: "DESC", with: description) + "\n")
            }
        }
        cases.append(text("description-ampersand-group-peer", "sg sg-0abc ingress allow tcp 22 from sg-0def \"a&b\"\n"))
        return cases
    }

    static func all() -> [Malformed] {
        binary() + hugeLines() + deepNesting() + invalidUTF8() + unterminated() + badCIDRs() + badPorts()
            + badDescriptions()
    }

    /// `NAME:LINE:COL: error: ` at the start of stderr, then the numbered line and a caret.
    static func firstPosition(_ stderr: String, file: String) -> String? {
        guard let header = stderr.split(separator: "\n").first, header.hasPrefix(file + ":") else { return nil }
        let fields = header.dropFirst(file.count + 1).split(separator: ":", maxSplits: 2)
        guard fields.count == 3, Int(fields[0]) != nil, Int(fields[1]) != nil,
            fields[2].hasPrefix(" error: ")
        else { return nil }
        return "\(fields[0]):\(fields[1])"
    }

    @Test func everyMalformedScriptGetsAPositionedDiagnosticExitsTwoAndSendsNothing() async throws {
        let cases = Self.all()
        #expect(cases.count >= 200)
        let dir = try TemporaryDirectory()
        let proxy = try await FaultProxy(in: dir)
        defer { proxy.stop() }
        let environment = MotoEndToEnd.credentials
        let endpoint = proxy.endpoint

        // A few at a time: the machine is shared.
        var pending = cases[...]
        try await withThrowingTaskGroup(of: (Malformed, String, ProcessResult).self) { group in
            func startNext() throws {
                guard let next = pending.popFirst() else { return }
                let name = "\(next.name).sgsh"
                let file = dir.path(name)
                try Data(next.bytes).write(to: URL(fileURLWithPath: file))
                group.addTask {
                    let result = try await runSgsh(
                        ["run", "--endpoint-url", endpoint, name], environment: environment, in: dir)
                    return (next, name, result)
                }
            }
            for _ in 0..<4 { try startNext() }
            while let (script, name, result) = try await group.next() {
                try startNext()
                let brief = "\(script): exit \(result.status)\n\(result.stderr.prefix(600))"
                #expect(result.status == 2, "\(brief)")
                #expect(result.stdout.isEmpty, "\(brief)")
                let position = Self.firstPosition(result.stderr, file: name)
                #expect(position != nil, "\(brief)")
                if let expected = script.position { #expect(position == expected, "\(brief)") }
                #expect(result.stderr.contains(" | "), "no excerpt: \(brief)")
                #expect(result.stderr.contains("^"), "no caret: \(brief)")
                // However big the input, the diagnostics stay readable.
                #expect(result.stderr.utf8.count < 32_768, "\(script): \(result.stderr.utf8.count) bytes of stderr")
            }
        }
        #expect(try proxy.requests().isEmpty, "a malformed script sent requests")
    }
}
