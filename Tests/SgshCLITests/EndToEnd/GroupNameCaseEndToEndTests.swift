// Issue 17: a create whose name differs only in case from an existing group is
// refused when the plan is made (EC2 group names ignore case: EC2-FACTS §3,
// "Names are case-insensitive and must be unique within the VPC"), naming both
// groups, with nothing sent. The local backend refuses such a create as EC2
// does (InvalidGroup.Duplicate); moto accepts it, so on moto sgsh's planner is
// what stands between the script and a second group.

import Foundation
import Testing

@Suite struct GroupNameCaseEndToEndTests {
    @Test func onTheLocalBackendTheCreateIsRefusedAtPlanTimeWithItsPosition() async throws {
        let dir = try TemporaryDirectory()
        let first = try dir.write("first.sgsh", "let web = sg create \"web\" \"web tier\"\n")
        let made = try await runSgsh(["--quiet", "--state", dir.state, first], in: dir)
        #expect(made.status == 0, "\(made)")

        let second = try dir.write("second.sgsh", "let web = sg create \"WEB\" \"web tier\"\n")
        let ids = IDNormalizer()
        for command in [["plan"], []] {
            let result = ids(try await runSgsh(command + ["--state", dir.state, second], in: dir))
            #expect(result.status == 1, "\(result)")
            #expect(
                result.stderr.contains(
                    "second.sgsh:1:11: error: group name 'WEB' differs only in case from the existing group 'web' (sg-1"
                ),
                "\(result)")
            #expect(result.stderr.contains("hint: write 'web' to adopt the existing group"), "\(result)")
        }
        // Nothing was created.
        let export = try await runSgsh(["export", "--state", dir.state], in: dir)
        #expect(!export.stdout.contains("\"WEB\""), "\(export)")
    }

    @Test func onMotoWhichWouldTakeItThePlannerRefusesItAndSendsNothing() async throws {
        let endpoint = try MotoEndToEnd.endpoint()
        let dir = try TemporaryDirectory()
        let name = "case-\(MotoEndToEnd.uniqueSuffix())"
        let arguments = ["--backend", "aws", "--endpoint-url", endpoint]
        let first = try dir.write("first.sgsh", "let g = sg create \"\(name)\" \"first\"\n")
        let made = try await runSgsh(arguments + ["--quiet", first], environment: MotoEndToEnd.credentials, in: dir)
        #expect(made.status == 0, "\(made)")

        let upper = name.uppercased()
        let second = try dir.write("second.sgsh", "let g = sg create \"\(upper)\" \"second\"\n")
        let result = try await runSgsh(arguments + [second], environment: MotoEndToEnd.credentials, in: dir)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("group name '\(upper)' differs only in case from the existing group '\(name)'"))
        let groups = try await MotoEndToEnd.describe([name, upper], in: dir)
        #expect(groups.keys.sorted() == [name])
    }
}
