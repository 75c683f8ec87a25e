// `sg $old replace with …` on the built binary with the local backend: the
// plan shows every step (the create, the copied rules, the re-pointed
// references, one line per moved interface, the delete last), `plan` sends
// nothing, the run applies it, and a second run finds nothing to do.

import Foundation
import SgshLocal
import Testing

@Suite struct ReplaceLocalEndToEndTests {
    static let setup = """
        let web = sg create "web" "web"
        let db = sg create "db" "db"
        let other = sg create "other" "other"
        sg $web ingress allow tcp 443 from 0.0.0.0/0 "https"
        sg $db ingress allow tcp 5432 from $web "from web"

        """

    static let replace = """
        let web2 = sg (sg lookup "web") replace with "web-v2" "web, v2"
        sg $web2 ingress allow tcp 80 from 10.0.0.0/8 "http"

        """

    @Test func thePlanShowsTheStepsAndARerunSendsNothing() async throws {
        let dir = try TemporaryDirectory()
        let ids = IDNormalizer()
        let local = ["--state", dir.state]
        let setup = try await runSgsh(["--quiet"] + local + ["-c", Self.setup], in: dir)
        #expect(setup == ProcessResult(stdout: "", stderr: "", status: 0))
        let backend = try LocalBackend(path: dir.state)
        let groups = try await backend.describeSecurityGroups(.init(groupNames: ["web", "other"]))
        let web = try #require(groups.first { $0.groupName == "web" }?.groupId)
        let other = try #require(groups.first { $0.groupName == "other" }?.groupId)
        _ = ids("\(web) \(try #require(groups.first?.vpcId))")
        let eni = try await backend.createNetworkInterface(groupIds: [other, web], instanceId: "i-0123456789abcdef0")
        _ = ids(eni)
        let before = try await runSgsh(["export"] + local + ["web", "db", "other"], in: dir)

        let plan = ids(try await runSgsh(["plan"] + local + ["-c", Self.replace], in: dir))
        #expect(
            plan
                == ProcessResult(
                    stdout: dir.reportHeader + """
                        + <new web-v2> create "web-v2" vpc vpc-1 "web, v2"  (replaces sg-1)
                        ~ <new web-v2> ingress
                          + tcp 443 from 0.0.0.0/0 "https"
                          + tcp 80 from 10.0.0.0/8 "http"
                        = <new web-v2> egress
                          = all to 0.0.0.0/0  (already present)
                        ~ sg-2 ingress
                          + tcp 5432 from <new web-v2> "from web"
                          - tcp 5432 from sg-1 "from web"
                        ~ eni-1 (attached to i-0123456789abcdef0) groups sg-3, sg-1 -> sg-3, <new web-v2>
                        - sg-1 delete  (replaced by <new web-v2>)
                        Plan: 4 to add, 1 to change, 2 to remove, 1 unchanged.

                        """, stderr: "", status: 0), "\(plan)")
        #expect(try await runSgsh(["export"] + local + ["web", "db", "other"], in: dir) == before)

        let run = try await runSgsh(local + ["-c", Self.replace], in: dir)
        #expect(run.status == 0, "\(run)")
        let after = try await backend.describeSecurityGroups(.all)
        #expect(!after.contains { $0.groupId == web })
        let new = try #require(after.first { $0.groupName == "web-v2" }?.groupId)
        #expect(try await backend.describeNetworkInterfaces(groupIds: [new]).map(\.groupIds) == [[other, new]])

        let again = ids(try await runSgsh(["plan", "--detailed-exitcode"] + local + ["-c", Self.replace], in: dir))
        #expect(again.status == 0, "\(again)")
    }
}
