// A call that fails during the apply, on the built binary: everything applied
// before it is undone, the report says so line by line, the exit code is 1,
// and the state is as it was (the same changes are pending again).

import Foundation
import Testing

@Suite struct RollbackEndToEndTests {
    @Test func aFailedDeleteRollsBackWhatWasAppliedBeforeIt() async throws {
        let dir = try TemporaryDirectory()
        let ids = IDNormalizer()
        let setup = try await runSgsh(
            [
                "--quiet", "--state", dir.state, "-c",
                """
                let x = sg create "rb-referenced" "referenced"
                let y = sg create "rb-referrer" "referrer"
                let z = sg create "rb-bystander" "bystander"
                sg $y ingress allow tcp 5432 from $x "db"
                """,
            ], in: dir)
        #expect(setup == ProcessResult(stdout: "", stderr: "", status: 0))

        let changes = """
            let z = sg create "rb-bystander" "bystander"
            sg $z ingress allow tcp 443 from 10.0.0.0/8 "https"
            sg $z tag env="prod"

            """
        // Deleting the VPC's default group fails with CannotDelete, which only the service
        // knows: the plan cannot see it coming. (A group other groups reference is no
        // longer such a failure: the plan revokes the references first.)
        let run = ids(
            try await runSgsh(
                [
                    "--state", dir.state, "-c",
                    """
                    let d = sg lookup "default"
                    \(changes)sg $d delete
                    """,
                ], in: dir))
        #expect(
            run
                == ProcessResult(
                    stdout: dir.reportHeader + """
                        = sg-1 create "rb-bystander" "bystander"  (exists: adopted)
                        ~ sg-1 ingress
                          ↺ tcp 443 from 10.0.0.0/8 "https"  (added, rolled back)
                        ~ sg-1 tags
                          ↺ env=prod  (set, rolled back)
                        ! sg-2 delete  (CannotDelete: the specified group: "sg-2" name: "default" cannot be deleted by a user)
                        Failed: DeleteSecurityGroup: CannotDelete: the specified group: "sg-2" name: "default" cannot be deleted by a user; every applied change was rolled back (5 calls).

                        """, stderr: "", status: 1))

        let plan = ids(
            try await runSgsh(["plan", "--detailed-exitcode", "--state", dir.state, "-c", changes], in: dir))
        #expect(
            plan
                == ProcessResult(
                    stdout: dir.reportHeader + """
                        = sg-1 create "rb-bystander" "bystander"  (exists: adopted)
                        ~ sg-1 ingress
                          + tcp 443 from 10.0.0.0/8 "https"
                        ~ sg-1 tags
                          + env=prod
                        Plan: 2 to add, 0 to change, 0 to remove, 1 unchanged.

                        """, stderr: "", status: 2))
    }
}
