// `sgsh audit` on the built binary. On the local backend: exit 0 clean, 1
// with findings, 2 for a usage error; JSON and SARIF outputs parse. On moto:
// groups planted with boto3 give exactly the planted violations and hygiene
// findings.

import Foundation
import Testing

@Suite struct AuditEndToEndTests {
    static let setup = """
        let web = sg create "web" "web"
        sg $web ingress allow tcp 22 from 0.0.0.0/1 "half"
        sg $web ingress allow tcp 22 from 128.0.0.0/1 "other half"
        let app = sg create "app" "app"
        sg $app ingress allow tcp 8080 from 10.0.0.0/8 "internal"

        """

    @Test func exitCodesAndOutputsOnTheLocalBackend() async throws {
        let dir = try TemporaryDirectory()
        let setup = try await runSgsh(
            ["run", "--quiet", "--state", dir.state, try dir.write("s.sgsh", Self.setup)], in: dir)
        try #require(setup.status == 0, "\(setup)")
        let org = try dir.write("org.sgsh", "policy deny ingress tcp 22 from 0.0.0.0/0 \"no world ssh\"\n")

        let clean = try await runSgsh(["audit", "--state", dir.state, "--policy", org, "app"], in: dir)
        #expect(clean == ProcessResult(stdout: "No findings in 1 group.\n", stderr: "", status: 0))

        let found = try await runSgsh(["audit", "--state", dir.state, "--policy", org, "web", "app"], in: dir)
        #expect(found.status == 1, "\(found)")
        let lines = found.stdout.split(separator: "\n").map { $0.replacing(/sg-[0-9a-f]+/, with: "sg-X") }
        #expect(
            lines == [
                #"sg-X (web) ingress: error: rule 'tcp 22 from 0.0.0.0/1 "half"' breaks policy "no world ssh""#,
                #"sg-X (web) ingress: error: rule 'tcp 22 from 128.0.0.0/1 "other half"' breaks policy "no world ssh""#,
                #"sg-X (web) ingress: warning: rule 'tcp 22 from 0.0.0.0/1 "half"' and 'tcp 22 from 128.0.0.0/1 "other half"' could be one rule: 'tcp 22 from 0.0.0.0/0'"#,
                "2 policy violations, 1 hygiene finding in 2 groups.",
            ], "\(found)")

        let json = try await runSgsh(
            ["audit", "--state", dir.state, "--policy", org, "--output", "json", "web"], in: dir)
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let findings = try #require(document?["findings"] as? [[String: Any]])
        #expect(findings.compactMap { $0["kind"] as? String } == ["policy", "policy", "mergeable-rules"])

        let sarif = try await runSgsh(
            ["audit", "--state", dir.state, "--policy", org, "--output", "sarif", "web"], in: dir)
        #expect(sarif.status == 1)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "sgsh")
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 3)
        #expect(results.allSatisfy { ($0["message"] as? [String: Any])?["text"] is String })

        let usage = try await runSgsh(["audit", "--state", dir.state, "--output", "xml"], in: dir)
        #expect(usage.status == 2, "\(usage)")
        let missing = try await runSgsh(["audit", "--state", dir.state, "nosuch"], in: dir)
        #expect(missing.status == 2, "\(missing)")
    }

    /// Plants two groups with boto3: world SSH (v4) and world RDP (v6), a shadowed rule, and
    /// two rules that could be one.
    static let planter = #"""
        import sys, boto3
        endpoint, a, b = sys.argv[1], sys.argv[2], sys.argv[3]
        ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name="us-east-1")
        ga = ec2.create_security_group(GroupName=a, Description="planted")["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=ga, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
            {"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]},
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/8"}, {"CidrIp": "10.1.0.0/16"}]},
        ])
        gb = ec2.create_security_group(GroupName=b, Description="planted")["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=gb, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "IpRanges": [{"CidrIp": "10.2.0.0/16"}]},
            {"IpProtocol": "tcp", "FromPort": 8081, "ToPort": 8081, "IpRanges": [{"CidrIp": "10.2.0.0/16"}]},
        ])
        # The world in two halves behind a prefix list: only its entries show it.
        pl = ec2.create_managed_prefix_list(PrefixListName=b, MaxEntries=2, AddressFamily="IPv4", Entries=[
            {"Cidr": "0.0.0.0/1"}, {"Cidr": "128.0.0.0/1"}])["PrefixList"]["PrefixListId"]
        ec2.authorize_security_group_ingress(GroupId=gb, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "PrefixListIds": [{"PrefixListId": pl}]},
        ])
        # A rule naming a group that was deleted after (moto, unlike EC2, allows the delete).
        gone = ec2.create_security_group(GroupName=b + "-gone", Description="planted")["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=gb, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [{"GroupId": gone}]},
        ])
        ec2.delete_security_group(GroupId=gone)
        print(pl, gone)
        """#

    @Test func findsExactlyWhatBoto3PlantedInMoto() async throws {
        let dir = try TemporaryDirectory()
        let suffix = MotoEndToEnd.uniqueSuffix()
        let (a, b) = ("audit-a-\(suffix)", "audit-b-\(suffix)")
        let endpoint = try MotoEndToEnd.endpoint()
        let environment = MotoEndToEnd.credentials.merging(MotoEndToEnd.pythonEnvironment) { $1 }
        let planted = try await startProcess(
            "/usr/bin/env", ["python3", "-c", Self.planter, endpoint, a, b], environment: environment, in: dir
        ).finished()
        try #require(planted.status == 0, "\(planted)")
        let printed = planted.stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let (list, gone) = (printed[0], printed[1])

        let aws = ["--backend", "aws", "--endpoint-url", endpoint]
        let audit = try await runSgsh(
            ["audit"] + aws + ["--output", "json", a, b], environment: MotoEndToEnd.credentials, in: dir)
        #expect(audit.status == 1, "\(audit)")
        let document = try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any]
        let findings = try #require(document?["findings"] as? [[String: Any]])
        let seen = findings.map { f in
            "\(f["groupName"]!) \(f["kind"]!) \(f["rule"]!)"
                + ((f["policy"] as? String).map { " \($0.prefix(7))" } ?? "")
        }
        #expect(
            Set(seen) == [
                "\(a) policy tcp 22 from 0.0.0.0/0 cis-5.2",
                "\(a) policy tcp 3389 from ::/0 cis-5.3",
                "\(a) shadowed-rule tcp 443 from 10.1.0.0/16",
                "\(b) mergeable-rules tcp 8080 from 10.2.0.0/16",
                "\(b) policy tcp 22 from \(list) cis-5.2",
                "\(b) stale-reference tcp 5432 from 123456789012/\(gone)",
            ], "\(audit)")
        #expect(findings.count == 6)
    }

    /// One group an interface uses (made with boto3), one nobody uses: `--unused` names the second only.
    @Test func unusedGroupsAreThoseNoInterfaceUses() async throws {
        let dir = try TemporaryDirectory()
        let suffix = MotoEndToEnd.uniqueSuffix()
        let (used, idle) = ("used-\(suffix)", "idle-\(suffix)")
        let planter = #"""
            import sys, boto3
            endpoint, used, idle = sys.argv[1], sys.argv[2], sys.argv[3]
            ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name="us-east-1")
            gu = ec2.create_security_group(GroupName=used, Description="planted")["GroupId"]
            ec2.create_security_group(GroupName=idle, Description="planted")
            subnet = ec2.describe_subnets()["Subnets"][0]["SubnetId"]
            ec2.create_network_interface(SubnetId=subnet, Groups=[gu], Description="app server")
            """#
        let environment = MotoEndToEnd.credentials.merging(MotoEndToEnd.pythonEnvironment) { $1 }
        let planted = try await startProcess(
            "/usr/bin/env", ["python3", "-c", planter, try MotoEndToEnd.endpoint(), used, idle],
            environment: environment, in: dir
        ).finished()
        try #require(planted.status == 0, "\(planted)")
        let aws = ["--backend", "aws", "--endpoint-url", try MotoEndToEnd.endpoint()]
        let audit = try await runSgsh(
            ["audit", "--unused"] + aws + ["--output", "json", used, idle], environment: MotoEndToEnd.credentials,
            in: dir)
        #expect(audit.status == 1, "\(audit)")
        let document = try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any]
        let findings = try #require(document?["findings"] as? [[String: Any]])
        #expect(findings.map { "\($0["groupName"]!) \($0["kind"]!)" } == ["\(idle) unused-group"], "\(audit)")
        let text = try await runSgsh(
            ["audit", "--unused"] + aws + [used, idle], environment: MotoEndToEnd.credentials, in: dir)
        #expect(text.stdout.contains("(\(idle)): warning: no network interface uses the group"), "\(text)")
        // Without --unused the same groups are clean.
        let plain = try await runSgsh(["audit"] + aws + [used, idle], environment: MotoEndToEnd.credentials, in: dir)
        #expect(plain.status == 0, "\(plain)")
    }
}
