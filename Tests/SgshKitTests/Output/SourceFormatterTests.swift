// `sgsh fmt`'s layout: one canonical form, reached in one pass (idempotent),
// that never changes what a program says; the repository's own scripts and
// what `export` writes are in it already.

import Foundation
import SgshModel
import SgshTestSupport
import Testing

@testable import SgshKit

@Suite struct SourceFormatterTests {
    static func format(_ text: String) throws -> String { try SourceFormatter.format(text, name: "t.sgsh").get() }

    static let messy = """
        #!/usr/bin/env sgsh
        # messy


        let lb  =  sg create "lb"   "public load balancer"   # the front
        let app = sg create "app" "application servers";let port=8080
        sg $lb ingress exactly { allow tcp [80,443] from 0.0.0.0/0,::/0 "public web"; allow icmp destination-unreachable from 0.0.0.0/0 "pmtu" }
        sg $app ingress {

        allow tcp $port from $lb "from the lb"
            allow tcp [ 9000-9010 ,
              9100 ] from 10.0.0.0/8 tag team="a"
          # a comment on its own line
          allow udp 53 from ( $lb ) "dns"   # trailing
          allow tcp 22 from group "bastion" "ssh"

        }
        if port>1000 { print "high",port - 1 }
        else { print -port }
        def f( a,b ) { return a+b }
        sg $lb tag tier = "public"   app="x"
        let xs = [
          1,  # one
          22, # twenty-two

        ]
        print(f(1, 2)) ; print xs[0]
        """

    @Test func aMessyScriptGetsTheCanonicalLayout() throws {
        #expect(
            try Self.format(Self.messy) == """
                #!/usr/bin/env sgsh
                # messy

                let lb = sg create "lb" "public load balancer"  # the front
                let app = sg create "app" "application servers"
                let port = 8080
                sg $lb ingress exactly {
                  allow tcp [80, 443] from 0.0.0.0/0, ::/0          "public web"
                  allow icmp destination-unreachable from 0.0.0.0/0 "pmtu"
                }
                sg $app ingress {
                  allow tcp $port from $lb "from the lb"
                  allow tcp [9000-9010,
                    9100] from 10.0.0.0/8 tag team="a"
                  # a comment on its own line
                  allow udp 53 from ($lb)           "dns"  # trailing
                  allow tcp 22 from group "bastion" "ssh"
                }
                if port > 1000 {
                  print "high", port - 1
                } else {
                  print -port
                }
                def f(a, b) {
                  return a + b
                }
                sg $lb tag tier="public" app="x"
                let xs = [
                  1,   # one
                  22,  # twenty-two
                ]
                print(f(1, 2))
                print xs[0]

                """)
    }

    @Test func formattingIsIdempotentAndKeepsThePlan() throws {
        let once = try Self.format(Self.messy)
        #expect(try Self.format(once) == once)
    }

    @Test func aProgramThatDoesNotParseIsRefusedWithItsDiagnostics() {
        guard case .failure(.invalidProgram(let diagnostics)) = SourceFormatter.format("let = 1\n", name: "bad.sgsh")
        else {
            Issue.record("a program that does not parse was formatted")
            return
        }
        #expect(diagnostics.hasErrors)
    }

    /// Every script of the repository and every valid parse golden: formatting twice is
    /// formatting once, and the syntax tree is the same (SourceFormatter checks it, and
    /// fails with `.changedMeaning` otherwise).
    static let root = LayeringTests.packageRoot
    static func scripts(in folder: String) -> [URL] {
        let url = root.appendingPathComponent(folder)
        return ((try? FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "sgsh" }.sorted { $0.path < $1.path }
    }

    @Test(arguments: ["examples", "stdlib", "Tests/SgshKitTests/Fixtures/parse"])
    func everyValidScriptFormatsIdempotently(folder: String) throws {
        let files = Self.scripts(in: folder)
        #expect(files.count >= 3)
        var formatted = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            switch SourceFormatter.format(text, name: file.lastPathComponent) {
            case .success(let once):
                formatted += 1
                #expect(try Self.format(once) == once, "\(file.lastPathComponent)")
                // The repository's own scripts are fmt-clean.
                if folder != "Tests/SgshKitTests/Fixtures/parse" { #expect(once == text, "\(file.lastPathComponent)") }
            case .failure(.invalidProgram):
                #expect(file.path.contains("Fixtures/parse"), "\(file.lastPathComponent) does not parse")
            case .failure(.changedMeaning):
                Issue.record("formatting changed the syntax tree of \(file.lastPathComponent)")
            }
        }
        #expect(formatted > files.count / 2)
    }

    /// 20 exports of generated groups (rules of every kind, long and short descriptions,
    /// group peers, tags) are fmt-clean.
    @Test func exportedScriptsAreFmtClean() throws {
        var generator = SplitMix64(state: 15)
        let peers = ["0.0.0.0/0", "::/0", "10.0.0.0/8", "203.0.113.7/32", "2001:db8::/32"]
        let words = ["https", "ssh from the office", "x", "a rather long description of why", ""]
        for round in 0..<20 {
            var groups: [SecurityGroup] = []
            for index in 0..<(1 + round % 4) {
                var rules: [Rule] = []
                for _ in 0..<Int.random(in: 0..<6, using: &generator) {
                    let port = [22, 80, 443, 5432, 8080][Int.random(in: 0..<5, using: &generator)]
                    let description = words[Int.random(in: 0..<words.count, using: &generator)]
                    let peer: Peer =
                        index > 0 && Int.random(in: 0..<3, using: &generator) == 0
                        ? .group(GroupReference(groupId: "sg-\(index - 1)"))
                        : .cidr(CIDR(peers[Int.random(in: 0..<peers.count, using: &generator)])!)
                    rules.append(
                        try Rule(
                            ipProtocol: .tcp, ports: .range(PortRange(port)!), peer: peer,
                            description: description.isEmpty ? nil : description))
                }
                groups.append(
                    SecurityGroup(
                        groupId: "sg-\(index)", groupName: "group \(round)-\(index)", description: "generated",
                        vpcId: "vpc-\(index % 2)", ipPermissions: IPPermission.grouping(Array(Set(rules))),
                        tags: index % 2 == 0 ? [Tag(key: "round", value: "\(round)")] : []))
            }
            let script = ScriptExporter.script(for: groups)
            #expect(try Self.format(script) == script, "\(script)")
        }
    }

    @Test func aDiffShowsWhatWouldChange() {
        let diff = UnifiedDiff.diff("a\nb\nc\n", "a\nB\nc\nd\n", oldName: "f", newName: "f")
        #expect(diff == "--- f\n+++ f\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\n+d\n")
        #expect(UnifiedDiff.diff("same\n", "same\n", oldName: "f", newName: "f").isEmpty)
        // Far apart changes are separate hunks, with three lines of context.
        let old = (1...20).map { "line \($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "line 2\n", with: "LINE 2\n")
            .replacingOccurrences(of: "line 18\n", with: "")
        #expect(
            UnifiedDiff.diff(old, new, oldName: "f", newName: "f") == """
                --- f
                +++ f
                @@ -1,5 +1,5 @@
                 line 1
                -line 2
                +LINE 2
                 line 3
                 line 4
                 line 5
                @@ -15,6 +15,5 @@
                 line 15
                 line 16
                 line 17
                -line 18
                 line 19
                 line 20

                """)
        // A diff too large for the table: the changed middle, removed and added whole.
        let many = (1...3000).map { "  x \($0)\n" }.joined()
        let big = UnifiedDiff.diff(
            "a\n" + many, "a\n" + many.replacingOccurrences(of: "  x", with: "x"), oldName: "f", newName: "f")
        #expect(big.hasPrefix("--- f\n+++ f\n@@ -1,3001 +1,3001 @@\n a\n-  x 1\n"))
        #expect(big.split(separator: "\n").count == 3 + 1 + 6000)
    }
}
