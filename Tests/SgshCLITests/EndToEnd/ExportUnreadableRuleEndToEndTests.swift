import Foundation
import Testing

/// Safety: a rule that sgsh cannot read (moto stores a CIDR with host bits verbatim) must
/// not make `export` write an `exactly` block without it, which would revoke it when run.
@Suite struct ExportUnreadableRuleEndToEndTests {
    /// Creates a group with boto3 holding a good rule and one with host bits set.
    static let planter = #"""
        import sys, boto3
        endpoint, name = sys.argv[1], sys.argv[2]
        ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name="us-east-1")
        gid = ec2.create_security_group(GroupName=name, Description="planted")["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.1/8"}]},
        ])
        """#

    @Test func anUnreadableRuleIsWrittenSoThatCheckStopsTheScriptAndNothingIsRevoked() async throws {
        let dir = try TemporaryDirectory()
        let name = "unreadable-\(MotoEndToEnd.uniqueSuffix())"
        let endpoint = try MotoEndToEnd.endpoint()
        let environment = MotoEndToEnd.credentials.merging(MotoEndToEnd.pythonEnvironment) { $1 }
        let planted = try await startProcess(
            "/usr/bin/env", ["python3", "-c", Self.planter, endpoint, name], environment: environment, in: dir
        ).finished()
        try #require(planted.status == 0, "\(planted)")
        let before = try await MotoEndToEnd.describe([name], in: dir)
        #expect(before[name]?.Ingress == ["tcp|22|22|10.0.0.1/8|", "tcp|443|443|10.0.0.0/8|"])

        let aws = ["--backend", "aws", "--endpoint-url", endpoint]
        let export = try await runSgsh(["export"] + aws + [name], environment: MotoEndToEnd.credentials, in: dir)
        #expect(export.status == 0, "\(export)")
        #expect(export.stdout.contains("  allow tcp 443 from 10.0.0.0/8\n"), "\(export.stdout)")
        #expect(export.stdout.contains("  allow tcp 22 from 10.0.0.1/8\n"), "\(export.stdout)")
        let script = try dir.write("exported.sgsh", export.stdout)

        let check = try await runSgsh(["check", script], in: dir)
        #expect(check.status == 2)
        #expect(check.stderr.contains("'10.0.0.1/8' has host bits set"), "\(check)")

        let run = try await runSgsh(aws + [script], environment: MotoEndToEnd.credentials, in: dir)
        #expect(run.status == 2, "\(run)")
        #expect(try await MotoEndToEnd.describe([name], in: dir) == before)
    }
}
