// Ctrl-C (SIGINT) or SIGTERM in the middle of `sgsh run`: the apply stops after
// the call in flight, undoes what it applied, and says so; the state file ends
// as it began. Killing the process there instead would leave a half-applied
// firewall.

import Foundation
import SgshLocal
import SgshModel
import Testing

@Suite struct InterruptEndToEndTests {
    /// Two thousand groups with a rule each, 4,000 calls: seconds long, so a signal sent once
    /// the first groups exist lands in the middle.
    static let script = (0..<2_000).map {
        "let g\($0) = sg create \"int-\($0)\" \"interrupted\"\nsg $g\($0) ingress allow tcp 22 from 10.0.0.0/8"
    }.joined(separator: "\n")

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalMidApplyRollsEverythingBack(signal: Int32) async throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("many.sgsh", Self.script)
        let running = try await startProcess(try Sgsh.binary(), ["run", "--state", dir.state, file], in: dir)
        // Wait until the apply has created some groups (read with sqlite3 read-only, which
        // does not wait for the writer), then interrupt it.
        var created = 0
        for _ in 0..<1_000 where created == 0 {
            try await Task.sleep(for: .milliseconds(10))
            created = try await Self.countWithSQLite(dir.state)
        }
        try #require(created > 0, "the apply never started")
        kill(running.process.processIdentifier, signal)
        let result = try await running.finished()

        #expect(result.status == 1, "\(result)")
        let name = signal == SIGINT ? "Ctrl-C" : "SIGTERM"
        #expect(result.stderr.contains("sgsh: \(name): no further calls; undoing what was applied…"), "\(result)")
        let summary = try #require(result.stdout.split(separator: "\n").last.map(String.init))
        #expect(
            summary.hasPrefix(
                "Cancelled before CreateSecurityGroup finished; every applied change was rolled back"),
            "\(summary)")
        #expect(result.stdout.contains("↺ "), "lines of what was undone")
        let groups = try await LocalBackend(path: dir.state).describeSecurityGroups(SecurityGroupQuery())
        #expect(groups.count { $0.groupName.hasPrefix("int-") } == 0)
    }

    /// The groups the script created so far, by Python's sqlite3 on a read-only connection.
    static func countWithSQLite(_ path: String) async throws -> Int {
        let query = """
            import sqlite3, sys
            try:
                c = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)
                print(c.execute("select count(*) from security_group where name like 'int-%'").fetchone()[0])
            except sqlite3.Error:
                print(0)
            """
        let dir = try TemporaryDirectory()
        let result = try await startProcess("/usr/bin/env", ["python3", "-c", query, path], in: dir).finished()
        return Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }
}
