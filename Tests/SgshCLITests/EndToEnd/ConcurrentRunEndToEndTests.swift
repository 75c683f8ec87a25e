// Two `sgsh run` processes applying different rules to the same group in the
// same state file at the same moment: both succeed and both sets of rules are
// present afterwards (the local backend makes each call one SQLite transaction,
// and an authorize adds to what is there, whatever the other process did).

import Foundation
import SgshKit
import SgshLocal
import SgshModel
import Testing

@Suite struct ConcurrentRunEndToEndTests {
    static func script(port: Int, cidrs: [String]) -> String {
        var text = "let g = sg create \"shared\" \"shared by two runs\"\n"
        for cidr in cidrs { text += "sg $g ingress allow tcp \(port) from \(cidr) \"from run \(port)\"\n" }
        return text
    }

    @Test func twoRunsAtOnceOnOneStateFileBothLand() async throws {
        let dir = try TemporaryDirectory()
        let setup = try await runSgsh(
            ["--quiet", "--state", dir.state, "-c", #"sg create "shared" "shared by two runs""#], in: dir)
        #expect(setup == ProcessResult(stdout: "", stderr: "", status: 0))

        let first = try dir.write(
            "first.sgsh", Self.script(port: 8001, cidrs: ["10.1.0.0/16", "10.2.0.0/16", "2001:db8:1::/48"]))
        let second = try dir.write(
            "second.sgsh", Self.script(port: 8002, cidrs: ["10.3.0.0/16", "10.4.0.0/16", "2001:db8:2::/48"]))
        let binary = try Sgsh.binary()
        // Both started before either is awaited.
        let a = try await startProcess(binary, ["--quiet", "--state", dir.state, first], in: dir)
        let b = try await startProcess(binary, ["--quiet", "--state", dir.state, second], in: dir)
        let resultA = try await a.finished()
        let resultB = try await b.finished()
        #expect(resultA == ProcessResult(stdout: "", stderr: "", status: 0))
        #expect(resultB == ProcessResult(stdout: "", stderr: "", status: 0))

        // Read the state file directly, not through sgsh.
        let backend = try LocalBackend(path: dir.state)
        let groups = try await backend.describeSecurityGroups(SecurityGroupQuery(groupNames: ["shared"]))
        let group = try #require(groups.first)
        #expect(groups.count == 1)
        let rules = try group.rules(.ingress).map { SourceWriter.rule($0, .ingress) }.sorted()
        #expect(
            rules == [
                #"tcp 8001 from 10.1.0.0/16 "from run 8001""#,
                #"tcp 8001 from 10.2.0.0/16 "from run 8001""#,
                #"tcp 8001 from 2001:db8:1::/48 "from run 8001""#,
                #"tcp 8002 from 10.3.0.0/16 "from run 8002""#,
                #"tcp 8002 from 10.4.0.0/16 "from run 8002""#,
                #"tcp 8002 from 2001:db8:2::/48 "from run 8002""#,
            ])

        // And each script, run again, finds everything it asked for.
        for file in [first, second] {
            let plan = try await runSgsh(["plan", "--detailed-exitcode", "--state", dir.state, file], in: dir)
            #expect(plan.status == 0, "\(plan)")
        }
    }
}
