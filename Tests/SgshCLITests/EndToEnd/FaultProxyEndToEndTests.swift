// The binary against moto through scripts/fault-proxy (issue 13): with a fifth
// of the requests faulted (HTTP 500/503, RequestLimitExceeded, resets before
// and after forwarding, truncated XML, stalls past the read timeout) a
// 1,000-rule apply converges to exactly the plan, read back with boto3
// straight from moto; and a non-retryable error at the kth call, for every k,
// leaves the groups as they began while the report lists what was applied and
// undone. The faults are seeded: the same seed faults the same requests.

import Foundation
import SgshTestSupport
import Testing

@Suite struct FaultProxyEndToEndTests {
    /// The attempts a call may make: AWS_MAX_ATTEMPTS as the tests set it.
    static let maxAttempts = 5

    /// The read timeout of the tests whose answer is lost by a reset (not a stall): nothing
    /// waits for it, and with two attempts a shorter one let a loaded moto fail the planning read.
    static let lostAnswerReadTimeout = "60"

    static func environment() -> [String: String] {
        MotoEndToEnd.credentials.merging(["AWS_MAX_ATTEMPTS": "\(maxAttempts)"]) { $1 }
    }

    /// `sgsh run` through the proxy; a stalled answer is given up after the read timeout: 5 s,
    /// because under a full test run on 2 cores moto itself can take over a second to answer,
    /// and a read timeout that short turns a slow answer into a lost one on every attempt.
    static func run(_ file: String, through proxy: FaultProxy, in dir: TemporaryDirectory) async throws
        -> ProcessResult
    {
        try await runSgsh(
            ["run", "--endpoint-url", proxy.endpoint, "--read-timeout", "5", file], environment: environment(),
            in: dir)
    }

    // MARK: - Converging under faults

    /// 10 groups × (50 ingress + 50 egress) = 1,000 rules; moto allows 60 per direction.
    static func thousandRules(_ names: [String]) -> String {
        names.map { name in
            """
            let g = sg create "\(name)" "fault proxy group"
            for p in range(1000, 1050) {
              sg $g ingress allow tcp $p from 10.0.0.0/8 "in ${p}"
              sg $g egress allow tcp $p to 192.168.0.0/16 "out ${p}"
            }

            """
        }.joined()
    }

    static let plannedGroup = MotoEndToEnd.Group(
        Description: "fault proxy group", Tags: [:],
        Ingress: (1000..<1050).map { "tcp|\($0)|\($0)|10.0.0.0/8|in \($0)" }.sorted(),
        Egress: ((1000..<1050).map { "tcp|\($0)|\($0)|192.168.0.0/16|out \($0)" } + ["-1|||0.0.0.0/0|"]).sorted())

    @Test func aThousandRuleApplyConvergesWithAFifthOfTheCallsFaulted() async throws {
        let dir = try TemporaryDirectory()
        let suffix = MotoEndToEnd.uniqueSuffix()
        let names = (0..<10).map { "fp-\(suffix)-\($0)" }
        let file = try dir.write("thousand.sgsh", Self.thousandRules(names))
        let proxy = try await FaultProxy(rate: 0.2, seed: 13, in: dir)
        let result = try await Self.run(file, through: proxy, in: dir)
        proxy.stop()

        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasSuffix("Applied: 1010 added, 0 changed, 0 removed, 0 unchanged (30 calls).\n"))
        #expect(!result.stdout.contains("Duplicate") && !result.stderr.contains("Duplicate"), "\(result)")

        let groups = try await MotoEndToEnd.describe(names, in: dir)
        #expect(groups == Dictionary(uniqueKeysWithValues: names.map { ($0, Self.plannedGroup) }))

        // The faults really happened, answers were lost after moto applied the call, and no call
        // needed more attempts than the budget.
        let requests = try proxy.requests()
        let faulted = requests.filter { $0.fault != nil }
        #expect(Set(faulted.compactMap(\.fault)).count >= 5, "\(faulted)")
        #expect(faulted.contains { $0.isMutating && ["reset-after", "stall", "truncate"].contains($0.fault) })
        let calls = FaultProxy.attemptsPerCall(requests.filter(\.isMutating))
        #expect(calls.count == 30, "\(calls)")
        #expect(calls.allSatisfy { $0.attempts <= Self.maxAttempts }, "\(calls)")
        #expect(calls.contains { $0.attempts > 1 })
    }

    // MARK: - A non-retryable error at every call

    static func setupScript(_ a: String, _ b: String) -> String {
        """
        let a = sg create "\(a)" "rollback a"
        let b = sg create "\(b)" "rollback b"
        sg $a ingress allow tcp 22 from 10.0.0.0/8 "ssh"
        sg $b egress allow udp 53 to 10.0.0.2/32 "dns"
        sg $a tag team="blue"

        """
    }

    /// Seven calls: a create, authorizes in both directions, a revoke, a description change,
    /// tags set and removed.
    static func changeScript(_ a: String, _ b: String, _ c: String) -> String {
        """
        let a = sg create "\(a)" "rollback a"
        let b = sg create "\(b)" "rollback b"
        let c = sg create "\(c)" "rollback c"
        sg $c ingress allow tcp 443 from $a "from a"
        sg $a ingress revoke tcp 22 from 10.0.0.0/8
        sg $a ingress allow tcp 80 from 0.0.0.0/0 "web"
        sg $b egress allow udp 53 to 10.0.0.2/32 "resolver"
        sg $a tag env="prod"
        sg $a untag team

        """
    }

    @Test(arguments: [false, true])
    func aNonRetryableErrorAtAnyCallLeavesTheGroupsAsTheyBegan(withLostAnswers: Bool) async throws {
        let dir = try TemporaryDirectory()
        let suffix = MotoEndToEnd.uniqueSuffix()
        let (a, b, c) = ("rk-\(suffix)-a", "rk-\(suffix)-b", "rk-\(suffix)-c")
        let setup = try await runSgsh(
            ["run", "--quiet", "--endpoint-url", try MotoEndToEnd.endpoint(), "-c", Self.setupScript(a, b)],
            environment: Self.environment(), in: dir)
        #expect(setup.status == 0, "\(setup)")
        let before = try await MotoEndToEnd.describe([a, b, c], in: dir)
        #expect(before.keys.sorted() == [a, b])
        let file = try dir.write("changes.sgsh", Self.changeScript(a, b, c))

        // With lost answers, a third of the requests are applied by moto and their answer is
        // cut off or never comes: the rollback must still undo them.
        var k = 1
        while true {
            let proxy = try await FaultProxy(
                rate: withLostAnswers ? 0.3 : 0, seed: k, faults: ["reset-after", "truncate", "stall"],
                failMutatingCall: k, in: dir)
            let result = try await Self.run(file, through: proxy, in: dir)
            let injected = try proxy.requests().contains { $0.fault == "fail" }
            proxy.stop()
            guard injected else {
                // k is past the last call: the apply went through.
                #expect(result.status == 0, "\(result)")
                break
            }
            #expect(result.status == 1, "k=\(k): \(result)")
            #expect(
                result.stdout.contains(": InvalidParameterValue: injected non-retryable error"), "k=\(k): \(result)")
            #expect(!result.stdout.contains("Duplicate"), "k=\(k): \(result)")
            // Each of the k-1 calls applied before the failure shows at least one undone (↺) line.
            let undone = result.stdout.split(separator: "\n").filter { $0.contains("↺") }
            #expect(undone.count >= k - 1, "k=\(k): \(result)")
            if k > 1 {
                #expect(result.stdout.contains("every applied change was rolled back"), "k=\(k): \(result)")
            }
            #expect(!result.stdout.contains("rollback failed"), "k=\(k): \(result)")
            #expect(try await MotoEndToEnd.describe([a, b, c], in: dir) == before, "k=\(k): \(result)")
            k += 1
            if k > 20 { break }
        }
        #expect(k >= 7, "only \(k - 1) calls were failed in turn")
        let after = try await MotoEndToEnd.describe([a, b, c], in: dir)
        #expect(after[a]?.Ingress == ["tcp|80|80|0.0.0.0/0|web"])
        #expect(after[a]?.Tags == ["env": "prod"])
        #expect(after[b]?.Egress.contains("udp|53|53|10.0.0.2/32|resolver") == true)
        #expect(after[c]?.Ingress == ["tcp|443|443|group:\(a)|from a"])
    }

    // MARK: - A lost answer that cannot be settled

    /// The create of call 1 lands on moto and its answer is lost; then the network is down (every
    /// request 503), so neither the retry nor any read that would settle the call gets through.
    /// The apply must not claim a clean rollback: it exits 3, says which call's outcome is
    /// unknown and that `sgsh recover` settles it, and keeps its journal. Once the network is
    /// back, `plan` refuses (exit 3) and `recover` deletes the group the create left, by reading.
    @Test func aLostAnswerWhoseSettlingReadsFailLeavesTheApplyToRecover() async throws {
        let dir = try TemporaryDirectory()
        let suffix = MotoEndToEnd.uniqueSuffix()
        let (a, b, c) = ("ul-\(suffix)-a", "ul-\(suffix)-b", "ul-\(suffix)-c")
        let setup = try await runSgsh(
            ["run", "--quiet", "--endpoint-url", try MotoEndToEnd.endpoint(), "-c", Self.setupScript(a, b)],
            environment: Self.environment(), in: dir)
        #expect(setup.status == 0, "\(setup)")
        let before = try await MotoEndToEnd.describe([a, b, c], in: dir)
        let file = try dir.write("changes.sgsh", Self.changeScript(a, b, c))

        let proxy = try await FaultProxy(loseMutatingCall: 1, in: dir)
        let environment = MotoEndToEnd.credentials.merging(["AWS_MAX_ATTEMPTS": "2"]) { $1 }
        let result = try await runSgsh(
            ["run", "--endpoint-url", proxy.endpoint, "--read-timeout", Self.lostAnswerReadTimeout, file],
            environment: environment, in: dir)
        #expect(result.status == 3, "\(result)")
        #expect(result.stdout.contains("Interrupted: CreateSecurityGroup: "), "\(result)")
        #expect(result.stdout.contains("whether CreateSecurityGroup took effect is unknown"), "\(result)")
        #expect(!result.stdout.contains("rolled back"), "\(result)")
        #expect(result.stderr.contains("whether call 1, CreateSecurityGroup"), "\(result)")
        #expect(result.stderr.contains("'sgsh recover'"), "\(result)")
        // The create did land: the group is there, and only the journal speaks for it.
        let orphaned = try await MotoEndToEnd.describe([a, b, c], in: dir)
        #expect(orphaned[c] != nil, "\(orphaned)")
        let requests = try proxy.requests()
        #expect(requests.contains { $0.action == "DescribeSecurityGroups" && $0.fault == "503" }, "\(requests)")
        #expect(!requests.contains { $0.isMutating && $0.action != "CreateSecurityGroup" }, "nothing else was sent")

        proxy.heal()
        // The network is back, and so are the suite's attempts: two were not always enough for
        // moto's HTTP 500s under the full suite (MotoEndToEnd.credentials says why).
        let healed = MotoEndToEnd.credentials
        let refused = try await runSgsh(
            ["plan", "--endpoint-url", proxy.endpoint, file], environment: healed, in: dir)
        #expect(refused.status == 3, "\(refused)")
        let recovered = try await runSgsh(
            ["recover", "--endpoint-url", proxy.endpoint], environment: healed, in: dir)
        #expect(recovered.status == 0, "\(recovered)")
        #expect(try await MotoEndToEnd.describe([a, b, c], in: dir) == before)
        let planned = try await runSgsh(
            ["plan", "--endpoint-url", proxy.endpoint, file], environment: healed, in: dir)
        #expect(planned.status == 0, "\(planned)")
        proxy.stop()
    }

    /// The fleet REPL journals each target's entry in that target's own folder, the one
    /// `sgsh run --region R` uses: us-east-1's create lands and its answer is lost, the network
    /// goes down, so eu-west-1 fails and us-east-1 is left interrupted (exit 3). Healed, a plan
    /// in us-east-1 refuses and `recover` there deletes the group.
    @Test func theFleetREPLLeavesAnUnsettledTargetToRecover() async throws {
        let dir = try TemporaryDirectory()
        let name = "fr-\(MotoEndToEnd.uniqueSuffix())"
        let proxy = try await FaultProxy(loseMutatingCall: 1, in: dir)
        let environment = MotoEndToEnd.credentials.merging(["AWS_MAX_ATTEMPTS": "2"]) { $1 }
        let repl = try await runSgsh(
            [
                "repl", "--regions", "us-east-1,eu-west-1", "--concurrency", "1", "--endpoint-url", proxy.endpoint,
                "--read-timeout", Self.lostAnswerReadTimeout,
            ], stdin: "let g = sg create \"\(name)\" \"fleet repl\"\n", environment: environment, in: dir)
        #expect(repl.status == 3, "\(repl)")
        #expect(repl.stdout.contains("whether call 1, CreateSecurityGroup"), "\(repl)")
        #expect(repl.stdout.contains("Fleet: 0 of 2 targets succeeded."), "\(repl)")
        #expect(try await MotoEndToEnd.describe([name], in: dir)[name] != nil, "the create landed in us-east-1")

        proxy.heal()
        let healed = MotoEndToEnd.credentials  // as in aLostAnswerWhoseSettlingReadsFailLeavesTheApplyToRecover
        let target = ["--region", "us-east-1", "--endpoint-url", proxy.endpoint]
        let refused = try await runSgsh(["plan"] + target + ["-c", "print 1"], environment: healed, in: dir)
        #expect(refused.status == 3, "\(refused)")
        let recovered = try await runSgsh(["recover"] + target, environment: healed, in: dir)
        #expect(recovered.status == 0, "\(recovered)")
        #expect(try await MotoEndToEnd.describe([name], in: dir)[name] == nil, "\(recovered)")
        let planned = try await runSgsh(["plan"] + target + ["-c", "print 1"], environment: healed, in: dir)
        #expect(planned.status == 0, "\(planned)")
        proxy.stop()
    }

    @Test func aFleetRunLeavesAnUnsettledTargetInterruptedWithExitThree() async throws {
        let dir = try TemporaryDirectory()
        let name = "fl-\(MotoEndToEnd.uniqueSuffix())"
        let proxy = try await FaultProxy(loseMutatingCall: 1, in: dir)
        let environment = MotoEndToEnd.credentials.merging(["AWS_MAX_ATTEMPTS": "2"]) { $1 }
        let fleet = ["--regions", "us-east-1,eu-west-1", "--concurrency", "1", "--endpoint-url", proxy.endpoint]
        let script = "let g = sg create \"\(name)\" \"fleet run\""
        let run = try await runSgsh(
            ["run"] + fleet + ["--read-timeout", Self.lostAnswerReadTimeout, "-c", script], environment: environment,
            in: dir)
        #expect(run.status == 3, "\(run)")
        #expect(run.stdout.contains("whether call 1, CreateSecurityGroup"), "\(run)")
        #expect(run.stdout.contains("profile default / us-east-1  interrupted"), "\(run)")
        #expect(try await MotoEndToEnd.describe([name], in: dir)[name] != nil, "the create landed in us-east-1")

        // Healed, the next fleet run still refuses that target (exit 3) and applies the other.
        proxy.heal()
        let healed = MotoEndToEnd.credentials  // as in aLostAnswerWhoseSettlingReadsFailLeavesTheApplyToRecover
        let again = try await runSgsh(["run"] + fleet + ["-c", script], environment: healed, in: dir)
        #expect(again.status == 3, "\(again)")
        #expect(again.stdout.contains("Fleet: 2 targets: 1 interrupted, 1 applied."), "\(again)")
        let recovered = try await runSgsh(
            ["recover", "--region", "us-east-1", "--endpoint-url", proxy.endpoint], environment: healed, in: dir)
        #expect(recovered.status == 0, "\(recovered)")
        let settled = try await runSgsh(["run"] + fleet + ["-c", script], environment: healed, in: dir)
        #expect(settled.status == 0, "\(settled)")
        proxy.stop()
    }
}
