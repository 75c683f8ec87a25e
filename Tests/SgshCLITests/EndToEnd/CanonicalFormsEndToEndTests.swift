// Issue 17, "canonical forms everywhere", as a user meets them: a rule stored
// in another spelling is the same rule (and revoking it works), protocol names
// in any case and IANA names, `""` clears a description, and a description may
// be any string expression.

import Foundation
import Testing

@Suite struct CanonicalFormsEndToEndTests {
    /// Adds a rule to a group with boto3, spelled as given (moto stores it verbatim).
    static let authorize = #"""
        import sys, boto3
        ec2 = boto3.client("ec2", endpoint_url=sys.argv[1], region_name="us-east-1")
        gid = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": [sys.argv[2]]}])["SecurityGroups"][0]["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 3, "ToPort": 3,
            "Ipv6Ranges": [{"CidrIpv6": sys.argv[3]}]}])
        print(gid)
        """#

    @Test func anUppercaseIPv6RuleOnMotoIsTheSameRuleAndRevokingItWorks() async throws {
        let endpoint = try MotoEndToEnd.endpoint()
        let dir = try TemporaryDirectory()
        let name = "canon-\(MotoEndToEnd.uniqueSuffix())"
        let arguments = ["--backend", "aws", "--endpoint-url", endpoint]
        let create = try dir.write("create.sgsh", "let g = sg create \"\(name)\" \"canonical\"\n")
        let made = try await runSgsh(arguments + ["--quiet", create], environment: MotoEndToEnd.credentials, in: dir)
        #expect(made.status == 0, "\(made)")
        let environment = MotoEndToEnd.credentials.merging(MotoEndToEnd.pythonEnvironment) { $1 }
        let added = try await startProcess(
            "/usr/bin/env", ["python3", "-c", Self.authorize, endpoint, name, "2001:DB8::/32"],
            environment: environment, in: dir
        ).finished()
        try #require(added.status == 0, "\(added)")
        #expect(try await MotoEndToEnd.describe([name], in: dir)[name]?.Ingress == ["tcp|3|3|2001:DB8::/32|"])

        // The script's lowercase spelling is the rule that is there: nothing to add.
        let allow = try dir.write(
            "allow.sgsh", "let g = sg create \"\(name)\" \"canonical\"\nsg $g ingress allow tcp 3 from 2001:db8::/32\n")
        let plan = try await runSgsh(
            ["plan", "--detailed-exitcode"] + arguments + [allow], environment: MotoEndToEnd.credentials, in: dir)
        #expect(plan.status == 0, "\(plan)")
        #expect(plan.stdout.contains("= tcp 3 from 2001:db8::/32  (already present)"), "\(plan)")

        // And revoking it in that spelling removes it.
        let revoke = try dir.write(
            "revoke.sgsh",
            "let g = sg create \"\(name)\" \"canonical\"\nsg $g ingress revoke tcp 3 from 2001:db8::/32\n")
        let run = try await runSgsh(arguments + [revoke], environment: MotoEndToEnd.credentials, in: dir)
        #expect(run.status == 0, "\(run)")
        #expect(try await MotoEndToEnd.describe([name], in: dir)[name]?.Ingress == [])
    }

    @Test func protocolNamesInAnyCaseAndIANANamesLandAsEC2sValues() async throws {
        let dir = try TemporaryDirectory()
        let script = try dir.write(
            "protocols.sgsh",
            """
            let web = sg create "web" "web tier"
            let proto = "UDP"
            sg $web ingress {
              allow TCP 22 from 10.0.0.0/8
              allow $proto 53 from 10.0.0.0/8
              allow esp from 192.0.2.0/24
              allow GRE from 192.0.2.0/24
              allow ah from 192.0.2.0/24
            }

            """)
        let run = try await runSgsh(["--quiet", "--state", dir.state, script], in: dir)
        #expect(run.status == 0, "\(run)")
        let export = try await runSgsh(["export", "--state", dir.state], in: dir)
        for line in [
            "allow tcp 22 from 10.0.0.0/8", "allow udp 53 from 10.0.0.0/8", "allow 50 from 192.0.2.0/24",
            "allow 47 from 192.0.2.0/24", "allow 51 from 192.0.2.0/24",
        ] {
            #expect(export.stdout.contains(line), "\(line) in \(export.stdout)")
        }
    }

    @Test func anEmptyDescriptionClearsOneAndADescriptionIsAnyStringExpression() async throws {
        let dir = try TemporaryDirectory()
        let first = try dir.write(
            "first.sgsh",
            """
            let web = sg create "web" "web tier"
            let why = "ops vpn"
            let team = "db"
            sg $web ingress allow tcp 22 from 10.0.0.0/8 $why
            sg $web ingress allow tcp 5432 from 10.1.0.0/16 "${team} clients"
            sg $web ingress allow tcp 443 from 10.2.0.0/16 "https for " + $team

            """)
        let run = try await runSgsh(["--quiet", "--state", dir.state, first], in: dir)
        #expect(run.status == 0, "\(run)")
        var export = try await runSgsh(["export", "--state", dir.state], in: dir)
        // Descriptions in one column, as `sgsh fmt` lays them out.
        #expect(export.stdout.contains(#"allow tcp 22 from 10.0.0.0/8    "ops vpn""#), "\(export)")
        #expect(export.stdout.contains(#"allow tcp 5432 from 10.1.0.0/16 "db clients""#), "\(export)")
        #expect(export.stdout.contains(#"allow tcp 443 from 10.2.0.0/16  "https for db""#), "\(export)")

        let clear = try dir.write(
            "clear.sgsh",
            "let web = sg create \"web\" \"web tier\"\nsg $web ingress allow tcp 22 from 10.0.0.0/8 \"\"\n")
        let plan = try await runSgsh(["plan", "--state", dir.state, clear], in: dir)
        #expect(plan.stdout.contains("~ tcp 22 from 10.0.0.0/8"), "\(plan)")
        #expect(plan.stdout.contains("Plan: 0 to add, 1 to change"), "\(plan)")
        let cleared = try await runSgsh(["--quiet", "--state", dir.state, clear], in: dir)
        #expect(cleared.status == 0, "\(cleared)")
        export = try await runSgsh(["export", "--state", dir.state], in: dir)
        #expect(export.stdout.contains("allow tcp 22 from 10.0.0.0/8\n"), "\(export)")
        // Written again, it is already as asked.
        let again = try await runSgsh(["plan", "--detailed-exitcode", "--state", dir.state, clear], in: dir)
        #expect(again.status == 0, "\(again)")
    }
}
