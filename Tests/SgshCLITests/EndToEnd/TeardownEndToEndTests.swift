// `sg $x delete` on the built binary: a group referenced by two others (one
// of them a cycle) is deleted in one run on both backends, the references
// revoked first; a group a network interface uses (made with LocalBackend's
// CreateNetworkInterface, or with boto3 on moto) is refused with the
// interface named, exit 1, nothing changed.

import Foundation
import SgshLocal
import Testing

@Suite struct TeardownEndToEndTests {
    static func setup(_ names: (x: String, y: String, z: String)) -> String {
        """
        let x = sg create "\(names.x)" "target"
        let y = sg create "\(names.y)" "cycle"
        let z = sg create "\(names.z)" "refs"
        sg $x ingress allow tcp 5432 from $y "from y"
        sg $y ingress allow tcp 80 from $x "from x"
        sg $z ingress allow tcp 8080 from $x "from x"
        """
    }

    static func delete(_ name: String) -> String { "let x = sg create \"\(name)\" \"target\"\nsg $x delete\n" }

    /// The report of `delete("x")` after `setup(("x", "y", "z"))`, ids normalized: the two
    /// references revoked, then x deleted, in one run.
    static let deletedXReport = """
        = sg-1 create "x" "target"  (exists: adopted)
        ~ sg-2 ingress
          - tcp 80 from sg-1 "from x"
        ~ sg-3 ingress
          - tcp 8080 from sg-1 "from x"
        - sg-1 delete
        Applied: 0 added, 0 changed, 3 removed, 1 unchanged (3 calls).

        """

    @Test func onTheLocalBackendAReferencedGroupIsDeletedInOneRun() async throws {
        let dir = try TemporaryDirectory()
        let ids = IDNormalizer()
        let local = ["--state", dir.state]
        let setup = try await runSgsh(["--quiet"] + local + ["-c", Self.setup(("x", "y", "z"))], in: dir)
        #expect(setup == ProcessResult(stdout: "", stderr: "", status: 0))
        let run = ids(try await runSgsh(local + ["-c", Self.delete("x")], in: dir))
        #expect(
            run
                == ProcessResult(
                    stdout: dir.reportHeader + Self.deletedXReport, stderr: "", status: 0))
        let export = try await runSgsh(["export"] + local + ["y", "z"], in: dir)
        #expect(export.status == 0 && !export.stdout.contains("allow tcp"), "\(export)")
    }

    @Test func onTheLocalBackendAGroupAnInterfaceUsesIsRefused() async throws {
        let dir = try TemporaryDirectory()
        let ids = IDNormalizer()
        let local = ["--state", dir.state]
        let setup = try await runSgsh(["--quiet"] + local + ["-c", Self.setup(("x", "y", "z"))], in: dir)
        #expect(setup.status == 0, "\(setup)")
        let backend = try LocalBackend(path: dir.state)
        let x = try #require(try await backend.describeSecurityGroups(.init(groupNames: ["x"])).first?.groupId)
        let eni = try await backend.createNetworkInterface(
            groupIds: [x], description: "AWS Lambda VPC ENI-worker", interfaceType: "lambda",
            requesterId: "AROAEXAMPLE:worker")
        let before = try await runSgsh(["export"] + local + ["x", "y", "z"], in: dir)
        let run = ids(try await runSgsh(local + ["-c", Self.delete("x")], in: dir))
        #expect(
            run
                == ProcessResult(
                    stdout: "",
                    stderr: """
                        <command>:2:1: error: security group 'sg-1' cannot be deleted: a network interface uses it: \(ids(eni)) (lambda, managed by AROAEXAMPLE:worker, "AWS Lambda VPC ENI-worker")
                           2 | sg $x delete
                             | ^~~~~~~~~~~~
                        hint: move the interfaces to another group (or delete what owns them) first; sgsh never deletes a group in use

                        """, status: 1))
        #expect(try await runSgsh(["export"] + local + ["x", "y", "z"], in: dir) == before)
    }

    /// Runs boto3 statements against moto with `ec2` bound to a client; prints what they print.
    static func boto3(_ statements: String, _ arguments: [String], in dir: TemporaryDirectory) async throws -> String {
        let program =
            "import sys, boto3\nec2 = boto3.client('ec2', endpoint_url=sys.argv[1], region_name='us-east-1')\n"
        let environment = MotoEndToEnd.credentials.merging(MotoEndToEnd.pythonEnvironment) { $1 }
        let result = try await startProcess(
            "/usr/bin/env", ["python3", "-c", program + statements, try MotoEndToEnd.endpoint()] + arguments,
            environment: environment, in: dir
        ).finished()
        try #require(result.status == 0, "\(result)")
        return result.stdout
    }

    @Test func onMotoAReferencedGroupIsDeletedAndAGroupAnInstanceUsesIsRefused() async throws {
        let dir = try TemporaryDirectory()
        let suffix = MotoEndToEnd.uniqueSuffix()
        let names = (x: "td-x-\(suffix)", y: "td-y-\(suffix)", z: "td-z-\(suffix)")
        let aws = ["--backend", "aws", "--endpoint-url", try MotoEndToEnd.endpoint()]
        let env = MotoEndToEnd.credentials
        let setup = try await runSgsh(["--quiet"] + aws + ["-c", Self.setup(names)], environment: env, in: dir)
        #expect(setup.status == 0, "\(setup)")

        let run = try await runSgsh(["--debug"] + aws + ["-c", Self.delete(names.x)], environment: env, in: dir)
        #expect(run.status == 0, "\(run)")
        #expect(
            run.stdout.hasSuffix("Applied: 0 added, 0 changed, 3 removed, 1 unchanged (3 calls).\n"), "\(run.stdout)")
        #expect(
            SavedPlanEndToEndTests.mutatingRequests(run.stderr) == [
                "RevokeSecurityGroupIngress", "RevokeSecurityGroupIngress", "DeleteSecurityGroup",
            ])
        let groups = try await MotoEndToEnd.describe([names.x, names.y, names.z], in: dir)
        #expect(groups[names.x] == nil)
        #expect(groups[names.y]?.Ingress == [] && groups[names.z]?.Ingress == [])

        // An instance's interface uses a group: the delete is refused, naming it.
        let used = "td-used-\(suffix)"
        let made = try await runSgsh(
            ["--quiet"] + aws + ["-c", "sg create \"\(used)\" \"in use\""], environment: env, in: dir)
        #expect(made.status == 0, "\(made)")
        let instance = try await Self.boto3(
            """
            gid = ec2.describe_security_groups(Filters=[{'Name': 'group-name', 'Values': [sys.argv[2]]}])['SecurityGroups'][0]['GroupId']
            ami = ec2.describe_images()['Images'][0]['ImageId']
            print(ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, SecurityGroupIds=[gid])['Instances'][0]['InstanceId'], end='')
            """, [used], in: dir)
        #expect(instance.hasPrefix("i-"))
        let refused = try await runSgsh(
            ["--debug"] + aws + ["-c", Self.delete(used).replacing("target", with: "in use")], environment: env, in: dir
        )
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stdout == "")
        #expect(SavedPlanEndToEndTests.mutatingRequests(refused.stderr) == [])
        #expect(refused.stderr.contains("cannot be deleted: a network interface uses it: eni-"), "\(refused.stderr)")
        #expect(refused.stderr.contains("(attached to \(instance)"), "\(refused.stderr)")
        #expect(try await MotoEndToEnd.describe([used], in: dir)[used] != nil)
    }
}
