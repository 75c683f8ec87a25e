// The parts of a fleet run that need no AWS: option parsing and checks, the
// account list of --accounts @FILE, the runner's concurrency limit, order and
// --fail-fast, and the summary table.

import Foundation
import SgshEC2
import Synchronization
import Testing

@testable import SgshCLI

@Suite struct FleetPartsTests {
    static func target(_ account: String, _ region: String = "eu-west-1") -> FleetTarget {
        FleetTarget(
            account: account, region: region, profile: nil,
            configuration: EC2Configuration(
                credentials: AWSCredentials(accessKeyId: "AKIDFLEET", secretAccessKey: "fleet-secret"),
                region: region))
    }

    @Test func fleetOptionsNeedARoleWithAccountsAndAccountsWithTheRole() throws {
        #expect(try !FleetOptions.parse([]).isFleet)
        #expect(try FleetOptions.parse(["--regions", "eu-west-1,us-east-1"]).regionList == ["eu-west-1", "us-east-1"])
        #expect(try FleetOptions.parse(["--regions", "all"]).regionList == nil)
        #expect(try FleetOptions.parse(["--profiles", "a, b,a"]).profileList == ["a", "b"])
        #expect(throws: (any Error).self) { try FleetOptions.parse(["--accounts", "111111111111"]) }
        #expect(throws: (any Error).self) { try FleetOptions.parse(["--role-name", "R"]) }
        #expect(throws: (any Error).self) { try FleetOptions.parse(["--regions", "x", "--concurrency", "0"]) }
        #expect(throws: (any Error).self) { try FleetOptions.parse(["--fail-fast"]) }
        #expect(throws: (any Error).self) {
            try FleetOptions.parse(["--accounts", "11111111111x", "--role-name", "R"])
        }
        let parsed = try FleetOptions.parse(["--accounts", "organization", "--role-name", "R"])
        #expect(parsed.isFleet && parsed.concurrency == 16 && !parsed.failFast)
    }

    @Test func anAccountFileHasIdsCommentsAndBlankLines() throws {
        let path = NSTemporaryDirectory() + "fleet-accounts-\(UUID().uuidString).txt"
        try "# production\n111111111111  # main\n\n222222222222, 333333333333\n111111111111\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(
            try FleetOptions.accountIds("@" + path, option: "--accounts")
                == ["111111111111", "222222222222", "333333333333"])
        try "111111111111\nnot-an-account\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: CLIError.self) { try FleetOptions.accountIds("@" + path, option: "--accounts") }
        #expect(throws: CLIError.self) { try FleetOptions.accountIds("@/nonexistent/accounts", option: "--accounts") }
    }

    @Test func theRunnerKeepsToItsConcurrencyAndGivesResultsInTargetOrder() async {
        let targets = (0..<7).map { Self.target(String(repeating: "\($0)", count: 12)) }
        let inFlight = Mutex((now: 0, most: 0))
        let runner = FleetRunner(targets: targets, concurrency: 3, failFast: false) { _, _ in }
        let results = await runner.run { target in
            inFlight.withLock {
                $0.now += 1; $0.most = max($0.most, $0.now)
            }
            // Each waits (up to a second) until three are in flight, so the limit is reached
            // however the machine schedules the tasks; the runner must never exceed it.
            for _ in 0..<1_000 where inFlight.withLock({ $0.now }) < 3 {
                try? await Task.sleep(for: .milliseconds(1))
            }
            inFlight.withLock { $0.now -= 1 }
            return FleetTargetResult(target: target, account: target.account, result: .applied)
        }
        #expect(results.map(\.account) == targets.map(\.account))
        #expect(results.allSatisfy { $0.result == .applied })
        #expect(inFlight.withLock { $0.most } == 3)
    }

    @Test func failFastStartsNoTargetAfterAFailure() async {
        let targets = (1...4).map { Self.target(String(repeating: "\($0)", count: 12)) }
        let started = Mutex(0)
        let runner = FleetRunner(targets: targets, concurrency: 1, failFast: true) { _, _ in }
        let results = await runner.run { target in
            started.withLock { $0 += 1 }
            let fails = target.account == "222222222222"
            return FleetTargetResult(target: target, account: target.account, result: fails ? .failed : .applied)
        }
        #expect(results.map(\.result) == [.applied, .failed, .notStarted, .notStarted])
        #expect(started.withLock { $0 } == 2)
    }

    @Test func theSummaryHasATableAndTheFailedTargetsAgain() {
        var applied = FleetTargetResult(target: Self.target("111111111111"), account: "111111111111", result: .applied)
        applied.counts = [.added: 2, .removed: 1]
        applied.calls = 3
        applied.seconds = 0.5
        var failed = FleetTargetResult(
            target: Self.target("222222222222", "us-east-1"), account: "222222222222", result: .failed)
        failed.error = "AuthorizeSecurityGroupIngress: RulesPerSecurityGroupLimitExceeded: too many"
        let summary = FleetReport.summary([applied, failed])
        #expect(
            summary == """
                Fleet: 2 targets: 1 applied, 1 failed.
                target                            result      +     −     =     ~ calls seconds
                account 111111111111 / eu-west-1  applied     2     1     0     0     3    0.50
                account 222222222222 / us-east-1  failed      0     0     0     0     0    0.00
                Failed targets:
                  account 222222222222 / us-east-1: AuthorizeSecurityGroupIngress: RulesPerSecurityGroupLimitExceeded: too many

                """)
        #expect(FleetReport.block(applied).hasPrefix("=== account 111111111111 / eu-west-1 ===\n"))
        #expect(FleetReport.block(applied, asComment: true).hasPrefix("# === account 111111111111 / eu-west-1 ===\n"))
    }
}
