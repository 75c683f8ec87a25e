import Foundation
import Testing

/// `sgsh graph`: the three-tier example's groups as Graphviz reads them, from the live state
/// and from the script's plan, and a clear error when Graphviz is missing.
@Suite struct GraphEndToEndTests {
    /// Graphviz's dot, which scripts/setup installs.
    static func dot() throws -> String {
        try #require(
            ["/usr/bin/dot", "/usr/local/bin/dot", "/opt/homebrew/bin/dot"].first {
                FileManager.default.isExecutableFile(atPath: $0)
            }, "Graphviz's dot is missing: run scripts/setup")
    }

    /// The node key of the group labelled `name` in dot text.
    static func key(of name: String, in dot: String) throws -> String {
        let line = try #require(dot.split(separator: "\n").first { $0.contains("[label=\"\(name)\\n") })
        return String(line.split(separator: "\"")[1])
    }

    @Test func theThreeTierExampleIsDrawnAndGraphvizReadsIt() async throws {
        let dir = try TemporaryDirectory()
        let setup = try await runSgsh(
            ["--quiet", "--state", dir.state, Sgsh.packageFile("examples/three-tier.sgsh")], in: dir)
        #expect(setup.status == 0, "\(setup)")
        let graph = try await runSgsh(["graph", "--state", dir.state, "--format", "dot"], in: dir)
        #expect(graph.status == 0 && graph.stderr.isEmpty, "\(graph)")
        let (lb, app, db) = (
            try Self.key(of: "three-tier-lb", in: graph.stdout), try Self.key(of: "three-tier-app", in: graph.stdout),
            try Self.key(of: "three-tier-db", in: graph.stdout)
        )
        for edge in [
            ##""0.0.0.0/0" -> "\##(lb)" [label="icmp destination-unreachable\ntcp 80, 443", color="#c62828"];"##,
            ##""::/0" -> "\##(lb)" [label="tcp 80, 443", color="#c62828"];"##,
            #""\#(lb)" -> "\#(app)" [label="tcp 8080"];"#,
            #""\#(app)" -> "\#(db)" [label="tcp 5432"];"#,
        ] {
            #expect(graph.stdout.contains(edge), "\(edge)\n\(graph.stdout)")
        }
        #expect(graph.stdout.contains(#""0.0.0.0/0" [label="0.0.0.0/0\n(anywhere)""#))

        let file = try dir.write("groups.dot", graph.stdout)
        let svg = try await startProcess(try Self.dot(), ["-Tsvg", file], in: dir).finished()
        #expect(svg.status == 0 && svg.stderr.isEmpty, "\(svg)")
        // Each node and edge is an SVG group titled with its dot name ('-' and '>' as entities).
        func title(_ name: String) -> String {
            "<title>" + name.replacingOccurrences(of: "-", with: "&#45;").replacingOccurrences(of: ">", with: "&gt;")
                + "</title>"
        }
        for name in [lb, app, db, "0.0.0.0/0", "::/0", "\(app)->\(db)", "\(lb)->\(app)", "::/0->\(lb)"] {
            #expect(svg.stdout.contains(title(name)), "\(name)")
        }
    }

    @Test func aPlanIsDrawnWithoutChangingTheState() async throws {
        let dir = try TemporaryDirectory()
        let script = Sgsh.packageFile("examples/three-tier.sgsh")
        let graph = try await runSgsh(
            ["graph", "--state", dir.state, "--plan", script, "--format", "mermaid"], in: dir)
        #expect(graph.status == 0 && graph.stderr.isEmpty, "\(graph)")
        #expect(graph.stdout.hasPrefix("flowchart LR\n  n0[\"three-tier-lb<br/>(new)\"]:::group\n"), "\(graph)")
        #expect(graph.stdout.contains(#"n1 -->|"tcp 5432"| n2"#), "\(graph)")
        let plan = try await runSgsh(["plan", "--detailed-exitcode", "--state", dir.state, script], in: dir)
        #expect(plan.status == 2, "nothing was applied: \(plan)")
    }

    @Test func svgRunsGraphvizAndSaysSoWhenItIsMissing() async throws {
        let dir = try TemporaryDirectory()
        _ = try Self.dot()
        let svg = try await runSgsh(["graph", "--state", dir.state, "--format", "svg"], in: dir)
        #expect(svg.status == 0 && svg.stdout.contains("<svg"), "\(svg)")
        let missing = try await runSgsh(
            ["graph", "--state", dir.state, "--format", "svg"], environment: ["PATH": dir.path("nothing")], in: dir)
        #expect(missing.status == 1 && missing.stdout.isEmpty, "\(missing)")
        #expect(missing.stderr.hasPrefix("sgsh: error: --format svg needs Graphviz's 'dot', which is not on PATH"))
    }

    /// The aws backend (moto on loopback): the live groups, and a plan against them.
    @Test func groupsOnEC2AreDrawnLiveAndPlanned() async throws {
        let dir = try TemporaryDirectory()
        let suffix = MotoEndToEnd.uniqueSuffix()
        let (web, db) = ("graph-web-\(suffix)", "graph-db-\(suffix)")
        let aws = ["--backend", "aws", "--endpoint-url", try MotoEndToEnd.endpoint()]
        let script = try dir.write(
            "groups.sgsh",
            """
            let web = sg create "\(web)" "web"
            let db = sg create "\(db)" "db"
            sg $web ingress allow tcp 443 from 0.0.0.0/0 "https"
            sg $db ingress allow tcp 5432 from $web "postgres"

            """)
        let run = try await runSgsh(aws + ["--quiet", script], environment: MotoEndToEnd.credentials, in: dir)
        #expect(run.status == 0, "\(run)")
        let graph = try await runSgsh(
            ["graph"] + aws + [web, db], environment: MotoEndToEnd.credentials, in: dir)
        #expect(graph.status == 0 && graph.stderr.isEmpty, "\(graph)")
        let (webKey, dbKey) = (try Self.key(of: web, in: graph.stdout), try Self.key(of: db, in: graph.stdout))
        #expect(webKey.hasPrefix("sg-") && dbKey.hasPrefix("sg-"))
        #expect(graph.stdout.contains(#""\#(webKey)" -> "\#(dbKey)" [label="tcp 5432"];"#), "\(graph.stdout)")
        #expect(graph.stdout.contains(##""0.0.0.0/0" -> "\##(webKey)" [label="tcp 443", color="#c62828"];"##))

        // A script that opens ssh to the db from the office: drawn, not sent.
        let more = try dir.write("more.sgsh", "sg \(dbKey) ingress allow tcp 22 from 10.0.0.0/8 \"ssh\"\n")
        let planned = try await runSgsh(
            ["graph"] + aws + ["--plan", more], environment: MotoEndToEnd.credentials, in: dir)
        #expect(planned.status == 0, "\(planned)")
        #expect(planned.stdout.contains(#""10.0.0.0/8" -> "\#(dbKey)" [label="tcp 22"];"#), "\(planned.stdout)")
        // Only the group the script touches is drawn as one; web is the peer it names.
        #expect(planned.stdout.contains(#""\#(webKey)" -> "\#(dbKey)" [label="tcp 5432"];"#))
        #expect(planned.stdout.contains(##""\##(webKey)" [label="\##(web)\n\##(webKey)", fillcolor="#f1f3f4""##))
        let live = try await runSgsh(["graph"] + aws + [db], environment: MotoEndToEnd.credentials, in: dir)
        #expect(!live.stdout.contains("10.0.0.0/8"), "the plan sent nothing: \(live.stdout)")
    }

    @Test func anUnknownGroupIsAnError() async throws {
        let dir = try TemporaryDirectory()
        let result = try await runSgsh(["graph", "--state", dir.state, "nope"], in: dir)
        #expect(result.status == 1 && result.stderr == "sgsh: error: no security group named or with id: nope\n")
    }
}
