// The apply the crash tests kill (issue 13): 1,000 rules over 17 groups. A
// setup script makes 15 groups with 10 inbound rules and two tags each; the
// apply adds 48 inbound and 10 outbound rules to each of them, revokes two of
// their rules, changes a description and the tags, and creates two more
// groups with 65 rules each (one naming another group as its peer). Every
// kind of call an apply sends is in it: create, authorize, revoke,
// description update, tags. Each direction stays within EC2's (and moto's)
// 60 rules per group.

import Foundation

enum CrashScripts {
    static let existingGroups = 15
    static let createdGroups = 2

    /// The names of the 17 groups, `PREFIX-00` to `PREFIX-16`.
    static func names(_ prefix: String) -> [String] {
        (0..<(existingGroups + createdGroups)).map { name(prefix, $0) }
    }

    static func name(_ prefix: String, _ index: Int) -> String {
        "\(prefix)-" + (index < 10 ? "0\(index)" : "\(index)")
    }

    /// Makes the 15 groups as they are before the apply.
    static func setup(_ prefix: String) -> String {
        var lines: [String] = []
        for group in 0..<existingGroups {
            lines.append("let g\(group) = sg create \"\(name(prefix, group))\" \"group \(group)\"")
            for rule in 0..<10 {
                lines.append(
                    "sg $g\(group) ingress allow tcp \(100 + rule) from 192.168.\(group).0/24 \"initial \(rule)\"")
            }
            lines.append("sg $g\(group) tag env=\"dev\" keep=\"yes\"")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The 1,000-rule apply.
    static func apply(_ prefix: String) -> String {
        var lines: [String] = []
        for group in 0..<(existingGroups + createdGroups) {
            lines.append("let g\(group) = sg create \"\(name(prefix, group))\" \"group \(group)\"")
        }
        for group in 0..<existingGroups {
            for rule in 0..<48 {
                lines.append(
                    "sg $g\(group) ingress allow tcp \(1000 + rule) from 10.\(group).\(rule).0/24 \"added \(rule)\"")
            }
            for rule in 0..<10 {
                lines.append(
                    "sg $g\(group) egress allow tcp \(2000 + rule) to 172.16.\(group).\(rule)/32 \"out \(rule)\"")
            }
            lines.append("sg $g\(group) ingress revoke tcp 100 from 192.168.\(group).0/24")
            lines.append("sg $g\(group) ingress revoke tcp 101 from 192.168.\(group).0/24")
            lines.append("sg $g\(group) ingress allow tcp 102 from 192.168.\(group).0/24 \"renamed\"")
            lines.append("sg $g\(group) tag env=\"prod\" new=\"x\"")
        }
        for group in existingGroups..<(existingGroups + createdGroups) {
            for rule in 0..<49 {
                lines.append(
                    "sg $g\(group) ingress allow udp \(3000 + rule) from 10.\(group).\(rule).0/24 \"new \(rule)\"")
            }
            lines.append("sg $g\(group) ingress allow tcp 443 from $g\(group - existingGroups) \"from a peer\"")
            for rule in 0..<15 {
                lines.append(
                    "sg $g\(group) egress allow tcp \(4000 + rule) to 10.200.\(group).\(rule)/32 \"new out \(rule)\"")
            }
            lines.append("sg $g\(group) tag role=\"new\"")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// How many kills a test makes: $SGSH_CRASH_TRIALS, else `default` (kept small for CI;
    /// docs/RELIABILITY.md records a run of 50).
    static func trials(default fallback: Int) -> Int {
        ProcessInfo.processInfo.environment["SGSH_CRASH_TRIALS"].flatMap(Int.init) ?? fallback
    }
}

/// Runs an apply and kills it with SIGKILL at a random moment while it writes its journal.
enum CrashKiller {
    /// What was killed, and when.
    struct Kill {
        /// The journal lines the test waited for before killing (random).
        var aimedAtLine: Int
        /// The journal lines there were when the kill landed (0: before the first).
        var linesAtKill: Int
        /// How the process ended: 137 when killed, its exit code when it finished first.
        var status: Int32
    }

    /// Starts `arguments`, waits until the journal in `journalFolder` has a random number of
    /// lines in 1...`maxLines` (or the process ends), waits a random 0–2 ms more, and kills it.
    static func run(
        _ arguments: [String], environment: [String: String], journalFolder: String, maxLines: Int,
        in dir: TemporaryDirectory
    ) async throws -> Kill {
        let aim = Int.random(in: 1...maxLines)
        let running = try await startProcess(try Sgsh.binary(), arguments, environment: environment, in: dir)
        while running.process.isRunning, journalLines(journalFolder) < aim {
            try await Task.sleep(for: .microseconds(300))
        }
        try await Task.sleep(for: .microseconds(Int.random(in: 0...2000)))
        let lines = journalLines(journalFolder)
        if running.process.isRunning { kill(running.process.processIdentifier, SIGKILL) }
        let result = try await running.finished()
        return Kill(aimedAtLine: aim, linesAtKill: lines, status: result.status)
    }

    /// The lines of every journal in the folder.
    static func journalLines(_ folder: String) -> Int {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.reduce(0) { count, file in
            let data = FileManager.default.contents(atPath: folder + "/" + file) ?? Data()
            return count + data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
    }

    /// The journal files left in the folder.
    static func journals(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".jsonl") }
    }
}
