import ArgumentParser
import Foundation
import SgshKit
import SgshModel

/// `sgsh graph`: the groups and who can reach them, as dot, mermaid or svg.
struct GraphCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw security groups and the peers their rules allow.",
        discussion: """
            Groups are boxes; an arrow from a peer to a group is ingress (labelled with
            its protocols and ports), a dashed arrow from a group to a peer is egress.
            CIDR blocks and prefix lists are ovals; 0.0.0.0/0 and ::/0 are red.
            With --plan, the groups a script touches as they would be after it runs
            (planned against the live state; nothing is sent).
            --format svg runs Graphviz's 'dot', which must be on PATH.

            Examples:
              sgsh graph --format svg > groups.svg
              sgsh graph --plan examples/three-tier.sgsh --format mermaid
              sgsh graph --region eu-west-1 web sg-0123abcd | dot -Tpng > web.png
            """
    )

    enum Format: String, RawValueArgument {
        case dot, mermaid, svg
    }

    @Argument(
        help: "Groups to draw, by id or name (default: every group; with --plan, every group it touches).",
        completion: .custom(GroupCompletion.candidates))
    var groups: [String] = []

    @Option(help: "Output format: 'dot' (Graphviz), 'mermaid', or 'svg' (needs Graphviz's dot).")
    var format: Format = .dot

    @Option(help: ArgumentHelp("Draw what this script would make instead of the live state.", valueName: "file"))
    var plan: String?

    @OptionGroup var backendOptions: BackendOptions

    func run() async throws {
        // Check for dot before reading the state, so a missing Graphviz fails fast.
        let dot = format == .svg ? try Self.graphvizDot() : nil
        let source = try plan.map { try ScriptInput.load(path: $0, command: nil) }
        let graph = try await backendOptions.withBackend { opened in
            let described = try await Self.describe(opened.backend)
            guard let source else {
                let (selected, missing) = ExportCommand.select(groups, from: described)
                try Self.refuse(missing)
                return GroupGraph.live(selected, all: described)
            }
            // The script's own prints go to stderr: stdout is the picture.
            let runner = ScriptRunner(
                source: source, opened: opened, output: try OutputOptions.parse(["--output", "json"]),
                plannerOptions: Planner.Options(strict: false, quota: backendOptions.ruleQuota))
            let changes = try await runner.changes(for: try await runner.evaluate())
            let planned = GroupGraph.planned(changes, live: described)
            return GroupGraph(groups: try Self.selecting(groups, in: planned.groups), names: planned.names)
        }
        switch format {
        case .dot: Terminal.write(GraphRenderer.dot(graph))
        case .mermaid: Terminal.write(GraphRenderer.mermaid(graph))
        case .svg: Terminal.write(try Self.render(GraphRenderer.dot(graph), with: dot!))
        }
    }

    static func describe(_ backend: any SecurityGroupBackend) async throws -> [SecurityGroup] {
        do {
            return try await backend.describeSecurityGroups(.all)
                .sorted { ($0.groupName, $0.groupId) < ($1.groupName, $1.groupId) }
        } catch {
            throw CLIError("describing the security groups failed: \(error)")
        }
    }

    static func refuse(_ missing: [String]) throws {
        if !missing.isEmpty {
            throw CLIError("no security group named or with id: \(missing.joined(separator: ", "))")
        }
    }

    /// The planned groups named by id or name (all when `names` is empty).
    static func selecting(_ names: [String], in planned: [GroupGraph.Group]) throws -> [GroupGraph.Group] {
        guard !names.isEmpty else { return planned }
        func isNamed(_ group: GroupGraph.Group, _ name: String) -> Bool { group.id == name || group.name == name }
        try refuse(names.filter { name in !planned.contains { isNamed($0, name) } })
        return planned.filter { group in names.contains { isNamed(group, $0) } }
    }

    /// Graphviz's `dot` on PATH, or a clear error saying how to get it.
    static func graphvizDot() throws -> URL {
        let path = ProcessEnvironment.variables["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("dot")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw CLIError(
            "--format svg needs Graphviz's 'dot', which is not on PATH; install Graphviz "
                + "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz), "
                + "or print --format dot and render it elsewhere")
    }

    /// `dot -Tsvg` of `text`.
    static func render(_ text: String, with dot: URL) throws -> String {
        let process = Process()
        process.executableURL = dot
        process.arguments = ["-Tsvg"]
        let (input, output, errors) = (Pipe(), Pipe(), Pipe())
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // dot reads all its input before it writes, so writing first cannot deadlock.
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIError("Graphviz's dot failed: \(String(decoding: message, as: UTF8.self))")
        }
        return String(decoding: svg, as: UTF8.self)
    }
}
