// Each stage of sgsh's language on its own, in process: wall clock,
// instructions and allocations (the MallocInterposer trait counts them). The
// inputs are the shapes scripts/bench times as whole processes, smaller, so
// one iteration takes milliseconds: a 10,000-line script of one rule per
// line, and 10,000 rules from one statement.

import Benchmark
@_spi(Benchmarks) import SgshKit
import SgshModel

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .instructions, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(2), maxIterations: 50)

    Benchmark("lexer: 10,000 lines") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(BenchmarkStages.lex(Inputs.lines)) }
    }
    Benchmark("parser: 10,000 lines (lexes too)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(BenchmarkStages.parse(Inputs.lines)) }
    }
    Benchmark("resolver: 10,000 lines (parsed once)") { benchmark in
        let (parsed, _) = BenchmarkStages.parse(Inputs.lines)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(BenchmarkStages.resolve(parsed)) }
    }
    Benchmark("evaluator: 10,000 rules from one statement (with its small check)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try await Inputs.interpreter.plan(source: Inputs.oneStatement, name: "bench.sgsh"))
        }
    }
    Benchmark("planner diff: 10,000 desired rules against 5,000 live") { benchmark in
        let plan = try await Inputs.interpreter.plan(source: Inputs.oneStatement, name: "bench.sgsh")
        let live = Inputs.liveGroup
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(
                try BenchmarkStages.diff(
                    plan, liveGroups: [live.groupId: live], quota: RuleQuota(ingress: 200_000, egress: 200_000)))
        }
    }
}

/// The inputs, built once.
enum Inputs {
    static let group = "sg-0abc1234567890def"

    /// 10,000 lines, one rule each, as scripts/bench's 100,000-line check (a tenth of it).
    static let lines: SourceFile = {
        var text = ""
        for i in 0..<10_000 {
            text +=
                "sg \(group) ingress allow tcp \(1 + i % 60000) from 10.\(i / 65536 % 256).\(i / 256 % 256).\(i % 256) \"r\(i)\"\n"
        }
        return SourceFile(name: "lines.sgsh", text: text)
    }()

    /// 100 ports × 100 CIDRs in one `exactly` block: 10,000 rules.
    static let oneStatement: String = {
        let peers = (0..<100).map { "10.\($0 / 256).\($0 % 256).0/24" }.joined(separator: ", ")
        return """
            let ports = range(1, 101)
            let peers = [\(peers)]
            sg \(group) ingress exactly {
              allow tcp $ports from $peers "bench"
            }
            """
    }()

    /// The group as it is live: every other rule of `oneStatement` already there, plus 100 to revoke.
    static let liveGroup: SecurityGroup = {
        var permissions: [IPPermission] = []
        for port in 1...100 {
            let ranges = stride(from: 0, to: 100, by: 2).map {
                IPRange(cidrIp: "10.0.\($0).0/24", description: "bench")
            }
            permissions.append(IPPermission(ipProtocol: "tcp", fromPort: port, toPort: port, ipRanges: ranges))
        }
        permissions.append(
            IPPermission(
                ipProtocol: "udp", fromPort: 53, toPort: 53,
                ipRanges: (0..<100).map { IPRange(cidrIp: "192.168.\($0).0/24") }))
        return SecurityGroup(
            groupId: group, groupName: "bench", description: "bench", vpcId: "vpc-1", ownerId: "123456789012",
            ipPermissions: permissions)
    }()

    static let interpreter = Interpreter(host: QuietHost())
}

/// A host that prints nothing and grants nothing.
struct QuietHost: Host {
    func print(_ text: String) {}
}
