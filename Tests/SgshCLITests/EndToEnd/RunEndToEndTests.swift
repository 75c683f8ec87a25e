// `sgsh run` (the default subcommand) on the built binary: the README's main
// job on the local backend, then idempotence: a second run prints only '='
// lines and sends nothing.

import Foundation
import Testing

@Suite struct RunEndToEndTests {
    static let threeTierFirstRun = """
        + sg-1 create "three-tier-lb" "public load balancer"
        + sg-2 create "three-tier-app" "application servers"
        + sg-3 create "three-tier-db" "database tier"
        ~ sg-1 ingress
          + tcp 80 from 0.0.0.0/0 "public web"
          + tcp 80 from ::/0 "public web"
          + tcp 443 from 0.0.0.0/0 "public web"
          + tcp 443 from ::/0 "public web"
          + icmp destination-unreachable from 0.0.0.0/0 "path MTU discovery"
        ~ sg-2 ingress
          + tcp 8080 from sg-1 "app traffic from the load balancer"
        ~ sg-3 ingress
          + tcp 5432 from sg-2 "postgres from the app tier"
        ~ sg-1 tags
          + tier=public
          + app=three-tier
        ~ sg-2 tags
          + tier=app
          + app=three-tier
        ~ sg-3 tags
          + tier=data
          + app=three-tier
        Applied: 16 added, 0 changed, 0 removed, 0 unchanged (9 calls).

        """

    static let threeTierUnchanged = """
        = sg-1 create "three-tier-lb" "public load balancer"  (exists: adopted)
        = sg-2 create "three-tier-app" "application servers"  (exists: adopted)
        = sg-3 create "three-tier-db" "database tier"  (exists: adopted)
        = sg-1 ingress
          = tcp 80 from 0.0.0.0/0 "public web"                                (already present)
          = tcp 80 from ::/0 "public web"                                     (already present)
          = tcp 443 from 0.0.0.0/0 "public web"                               (already present)
          = tcp 443 from ::/0 "public web"                                    (already present)
          = icmp destination-unreachable from 0.0.0.0/0 "path MTU discovery"  (already present)
        = sg-2 ingress
          = tcp 8080 from sg-1 "app traffic from the load balancer"  (already present)
        = sg-3 ingress
          = tcp 5432 from sg-2 "postgres from the app tier"  (already present)
        = sg-1 tags
          = tier=public     (already set)
          = app=three-tier  (already set)
        = sg-2 tags
          = tier=app        (already set)
          = app=three-tier  (already set)
        = sg-3 tags
          = tier=data       (already set)
          = app=three-tier  (already set)

        """

    @Test func theExampleChangesAFreshStateThenARerunChangesNothing() async throws {
        let dir = try TemporaryDirectory()
        let ids = IDNormalizer()
        let example = Sgsh.packageFile("examples/three-tier.sgsh")

        let first = ids(try await runSgsh(["--state", dir.state, example], in: dir))
        #expect(first == ProcessResult(stdout: dir.reportHeader + Self.threeTierFirstRun, stderr: "", status: 0))

        // Only '=' lines, and no call at all: the summary counts every call sent.
        let second = ids(try await runSgsh(["run", "--state", dir.state, example], in: dir))
        #expect(
            second
                == ProcessResult(
                    stdout: dir.reportHeader + Self.threeTierUnchanged
                        + "Applied: 0 added, 0 changed, 0 removed, 16 unchanged (0 calls).\n",
                    stderr: "", status: 0))
        let changeLines = second.stdout.split(separator: "\n").filter {
            !$0.hasPrefix("Applied:") && !$0.hasPrefix("Backend:")
        }
        #expect(changeLines.allSatisfy { $0.hasPrefix("= ") || $0.hasPrefix("  = ") })

        // And the live state agrees: nothing is pending.
        let plan = ids(try await runSgsh(["plan", "--detailed-exitcode", "--state", dir.state, example], in: dir))
        #expect(
            plan
                == ProcessResult(
                    stdout: dir.reportHeader + Self.threeTierUnchanged + "No changes (16 already as asked).\n",
                    stderr: "", status: 0))
    }

    @Test func everyExampleAppliesAndThenHasNothingPending() async throws {
        let dir = try TemporaryDirectory()
        for example in ["bastion", "egress-lockdown", "three-tier"] {
            let path = Sgsh.packageFile("examples/\(example).sgsh")
            let run = try await runSgsh(["--quiet", "--state", dir.state, path], in: dir)
            #expect(run.status == 0 && run.stderr.isEmpty, "\(example): \(run)")
            let plan = try await runSgsh(["plan", "--detailed-exitcode", "--state", dir.state, path], in: dir)
            #expect(plan.status == 0 && plan.stderr.isEmpty, "\(example): \(plan)")
        }
    }
}
