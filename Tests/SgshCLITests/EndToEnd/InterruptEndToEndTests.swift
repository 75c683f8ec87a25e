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
        // Once the apply has created some groups, a second connection takes the state file's
        // write lock, so the apply waits in its next call: the signal lands mid-apply however
        // loaded the machine is. The lock is let go after the signal.
        let lock = try Self.lockOnceGroupsExist(dir.state)
        defer { lock.terminate() }
        kill(running.process.processIdentifier, signal)
        try await Task.sleep(for: .milliseconds(100))
        try lock.standardInputPipe.fileHandleForWriting.write(contentsOf: Data("release\n".utf8))
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

    /// A python3 process that waits until the state has groups of the script, then holds the
    /// SQLite write lock until a line arrives on its stdin. Returns once the lock is held.
    static func lockOnceGroupsExist(_ path: String) throws -> LockHolder {
        let script = """
            import sqlite3, sys, time
            while True:
                try:
                    c = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
                    if c.execute("select count(*) from security_group where name like 'int-%'").fetchone()[0]:
                        c.execute("begin immediate")
                        print("locked", flush=True)
                        sys.stdin.readline()
                        c.execute("rollback")
                        break
                    c.close()
                except sqlite3.Error:
                    pass
                time.sleep(0.01)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("locked") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw LockHolder.NotLocked() }
            seen.append(chunk)
        }
        return LockHolder(process: process, standardInputPipe: input)
    }

    struct LockHolder {
        struct NotLocked: Error {}
        let process: Process
        let standardInputPipe: Pipe
        func terminate() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
    }
}
