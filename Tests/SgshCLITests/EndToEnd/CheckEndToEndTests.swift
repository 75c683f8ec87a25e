// `sgsh check` on the built binary: a clean file is silent and exits 0; a file
// with several errors gets every one of them, each with file:line:col, the
// line, a caret under the right columns and a hint, and exits 2.

import Foundation
import Testing

@Suite struct CheckEndToEndTests {
    @Test func theExamplesAreCleanAndCheckingPrintsNothing() async throws {
        let dir = try TemporaryDirectory()
        let examples = ["bastion", "egress-lockdown", "three-tier"].map { Sgsh.packageFile("examples/\($0).sgsh") }
        let result = try await runSgsh(["check"] + examples, in: dir)
        #expect(result == ProcessResult(stdout: "", stderr: "", status: 0))
    }

    @Test func threeSeparateErrorsAreAllReported() async throws {
        let dir = try TemporaryDirectory()
        try dir.write(
            "bad.sgsh",
            """
            let web = sg create "web" "web servers"
            sg $web ingress allow tcp 22 to 10.0.0.0/8 "ssh"
            sg $web ingress allow tcpx 443 from 0.0.0.0/0 "https"
            sg $web egress allow tcp 443 to $nowhere "out"

            """)
        let result = try await runSgsh(["check", "bad.sgsh"], in: dir)
        #expect(
            result
                == ProcessResult(
                    stdout: "",
                    stderr: """
                        bad.sgsh:2:30: error: ingress rules take 'from', not 'to'
                           2 | sg $web ingress allow tcp 22 to 10.0.0.0/8 "ssh"
                             |                              ^~
                        hint: write 'from 10.0.0.0/8'
                        bad.sgsh:3:23: error: unknown protocol 'tcpx'; did you mean 'tcp'?
                           3 | sg $web ingress allow tcpx 443 from 0.0.0.0/0 "https"
                             |                       ^~~~
                        hint: protocols are tcp, udp, icmp, icmpv6, all, or a number 0-255
                        bad.sgsh:4:33: error: undefined name 'nowhere'
                           4 | sg $web egress allow tcp 443 to $nowhere "out"
                             |                                 ^~~~~~~~

                        """, status: 2))
    }

    @Test func runOfAnInvalidProgramSendsNothingAndExitsTwo() async throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write(
            "bad.sgsh",
            """
            let web = sg create "web" "web servers"
            sg $web ingress allow tcpx 443 from 0.0.0.0/0 "https"

            """)
        let run = try await runSgsh(["--state", dir.state, file], in: dir)
        #expect(run.status == 2 && run.stdout.isEmpty, "\(run)")
        #expect(run.stderr.contains("bad.sgsh:2:23: error: unknown protocol 'tcpx'"), "\(run)")
        // Nothing was created: the group is still to be created.
        let plan = try await runSgsh(
            ["plan", "--state", dir.state, "-c", #"sg create "web" "web servers""#], in: dir)
        #expect(
            plan
                == ProcessResult(
                    stdout: dir.reportHeader + """
                        + <new web> create "web" "web servers"
                        Plan: 1 to add, 0 to change, 0 to remove, 0 unchanged.

                        """, stderr: "", status: 0))
    }
}
