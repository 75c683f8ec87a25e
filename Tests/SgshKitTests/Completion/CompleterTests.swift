import SgshKit
import Testing

@Suite struct CompleterTests {
    let completer = Completer(
        scope: CompletionScope(
            variables: ["web", "office"], functions: ["print_rules", "aggregate", "len"],
            modules: ["networks", "ports", "presets"], groupIDs: ["sg-0abc123", "sg-0def456"],
            groupNames: ["web", "db"]))

    struct Case: CustomTestStringConvertible, Sendable {
        let text: String
        let expected: [String]
        var testDescription: String { text.debugDescription }
    }

    @Test(arguments: [
        Case(text: "sg $web in", expected: ["ingress"]),
        Case(text: "sg $web ", expected: ["delete", "egress", "ingress", "replace", "show", "tag", "untag"]),
        Case(text: "sg $web ingress ", expected: ["allow", "exactly", "revoke"]),
        Case(text: "sg $web egress al", expected: ["allow"]),
        Case(text: "sg $web ingress allow ", expected: ["all", "icmp", "icmpv6", "tcp", "udp"]),
        Case(text: "sg $web ingress allow ic", expected: ["icmp", "icmpv6"]),
        Case(
            text: "sg $web ingress allow tcp ",
            expected: ["123", "22", "25", "3306", "3389", "443", "53", "5432", "6379", "80", "8080", "8443", "all"]),
        Case(text: "sg $web ingress allow tcp 44", expected: ["443"]),
        Case(text: "sg $web ingress allow icmp [echo-req", expected: ["echo-request"]),
        Case(text: "sg $web ingress allow tcp [80, 4", expected: ["443"]),
        Case(text: "sg $web ingress allow icmp echo-re", expected: ["echo-reply", "echo-request"]),
        Case(text: "sg $web ingress allow tcp 443 ", expected: ["from"]),
        Case(text: "sg $web egress allow tcp 443 ", expected: ["to"]),
        Case(text: "sg $web egress allow all ", expected: ["to"]),
        Case(text: "sg $web ingress allow tcp [80, 443] f", expected: ["from"]),
        Case(text: "sg $web ingress allow tcp 443 from $o", expected: ["$office"]),
        Case(text: "sg $web ingress allow tcp 443 from sg-0a", expected: ["sg-0abc123"]),
        Case(text: "sg $web ingress allow tcp 443 from 10.0.0.0/8, sg-", expected: ["sg-0abc123", "sg-0def456"]),
        Case(text: "sg $web ingress allow tcp 443 from [10.0.0.0/8, $w", expected: ["$web"]),
        Case(text: "sg $web ingress allow tcp 443 from group \"w", expected: ["\"web\""]),
        Case(text: "sg $web ingress allow tcp 443 from 10.0.0.0/8 t", expected: ["tag"]),
        Case(text: "sg ", expected: ["$office", "$web", "create", "lookup", "sg-0abc123", "sg-0def456"]),
        Case(text: "let id = sg lookup ", expected: ["\"db\"", "\"web\""]),
        Case(text: "let tmp = sg ", expected: ["create", "lookup"]),
        Case(text: "let db = sg create \"db\" ", expected: ["vpc"]),
        Case(text: "use \"net", expected: ["\"networks\""]),
        Case(text: "use p", expected: []),
        Case(text: "use ", expected: ["\"networks\"", "\"ports\"", "\"presets\""]),
        Case(text: "dryrun o", expected: ["off", "on"]),
        Case(text: "for cidr ", expected: ["in"]),
        Case(text: "let x = ", expected: []),
        Case(text: "let x = a", expected: ["aggregate"]),
        Case(text: "print le", expected: ["len"]),
        Case(text: "pr", expected: ["print", "print_rules"]),
        Case(text: "d", expected: ["def", "dryrun"]),
        Case(text: "x = [o", expected: ["office"]),
    ])
    func offersWordsByPosition(_ example: Case) {
        if example.text == "let x = " {
            // Every expression start: names, functions and value keywords.
            let all = completer.completions(for: example.text)
            #expect(all.contains("web") && all.contains("len") && all.contains("true"))
            #expect(!all.contains("ingress"))
        } else {
            #expect(completer.completions(for: example.text) == example.expected)
        }
    }

    @Test(arguments: [
        Case(text: "sg $web ingress {\n  ", expected: ["allow", "revoke"]),
        Case(text: "sg $web ingress {\n  allow tcp 443 ", expected: ["from"]),
        Case(text: "sg $web egress exactly {\n  allow tcp 443 t", expected: ["to"]),
        Case(text: "sg $web ingress {\n  allow tcp 443 from 0.0.0.0/0\n  re", expected: ["revoke"]),
        Case(
            text: "def f() {\n  sg $web ", expected: ["delete", "egress", "ingress", "replace", "show", "tag", "untag"]),
        Case(text: "for c in $office {\n  sg $web ingress allow tcp 22 from $c", expected: []),
        Case(text: "sg $web ingress exactly ", expected: []),
    ])
    func readsTheEnclosingBlock(_ example: Case) {
        #expect(completer.completions(for: example.text) == example.expected)
    }

    @Test func dollarWordOffersVariablesAnywhere() {
        #expect(completer.completions(for: "print $") == ["$office", "$web"])
    }

    @Test(arguments: [("sg $web in", "in"), ("use \"net", "\"net"), ("f(x,y", "y"), ("", ""), ("a ", "")])
    func currentWordStopsAtBreakCharacters(text: String, word: String) {
        #expect(Completer.currentWord(in: text) == word)
    }
}

@Suite struct CompletionRobustnessTests {
    static let corpus = """
        use "networks"
        let office = [203.0.113.0/24, 198.51.100.7, 2001:db8::/32]
        let web = sg-0abc123
        let db = sg create "db" vpc vpc-0123 "database tier"
        def bastion(group, cidrs) {
          sg $group ingress allow tcp 22 from $cidrs "bastion ssh ${len(cidrs)}"
        }
        sg $web ingress exactly {
          allow tcp [80, 443] from 0.0.0.0/0, ::/0 "public" tag env=prod
          allow icmp echo-request from group "lb"
          revoke udp 53 from 123456789012/sg-0def456, pl-0123abcd
        }
        for cidr in $office { if cidr in 10.0.0.0/8 { print "x" } elif not false { print 'y' } else { dryrun on } }
        sg (sg lookup "web") tag Name="web" "env"="prod"; sg $db untag env; sg $db show
        print 1 + -2, [1,
          2]["1"](3) == "\\$"
        """

    /// Every prefix of a script that uses every construct completes and classifies without
    /// trapping; the whole script is complete, and a prefix inside its open list is not.
    @Test func everyPrefixOfACorpusIsHandled() {
        let completer = Completer(scope: CompletionScope(variables: ["web"], groupIDs: ["sg-0abc123"]))
        var prefix = ""
        for character in Self.corpus {
            prefix.append(character)
            _ = completer.completions(for: prefix)
            _ = EntryCompleteness(prefix)
        }
        #expect(EntryCompleteness(Self.corpus) == .complete)
        let openList = Self.corpus.firstRange(of: "[1,\n")!
        #expect(EntryCompleteness(String(Self.corpus[..<openList.upperBound])) == .incomplete)
    }
}
