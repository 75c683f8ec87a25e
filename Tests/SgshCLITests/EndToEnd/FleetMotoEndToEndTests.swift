// Fleets end to end: the built binary runs one baseline over an organisation
// of 3 accounts × 3 regions on moto, which keeps each account's resources
// apart once a role is assumed into it. Each test makes its own organisation:
// its management account is a random account id the test assumes a role into
// (moto needs no such role to exist without IAM auth), so tests never share
// an organisation or a group. boto3 reads every target back, independently.

import Foundation
import Testing

@Suite(.serialized) struct FleetMotoEndToEndTests {
    static let regions = ["us-east-1", "eu-west-1", "ap-southeast-2"]
    static let roleName = "SgshBaseline"

    /// An organisation: its management account, every account (management first), and
    /// temporary credentials of the management account.
    struct Organization: Decodable {
        var management: String
        var accounts: [String]
        var credentials: [String: String]

        var environment: [String: String] {
            [
                "AWS_ACCESS_KEY_ID": credentials["aws_access_key_id"]!,
                "AWS_SECRET_ACCESS_KEY": credentials["aws_secret_access_key"]!,
                "AWS_SESSION_TOKEN": credentials["aws_session_token"]!, "AWS_REGION": "us-east-1",
                "AWS_ENDPOINT_URL": (try? MotoEndToEnd.endpoint()) ?? "", "AWS_EC2_METADATA_DISABLED": "true",
            ]
        }
    }

    /// Creates an organisation of `size` accounts with boto3 and prints it as JSON.
    static let makeOrganization = #"""
        import json, random, sys, boto3
        endpoint, size = sys.argv[1], int(sys.argv[2])
        keys = dict(aws_access_key_id="testing", aws_secret_access_key="testing")
        management = str(random.randint(10**11, 10**12 - 1))
        sts = boto3.client("sts", endpoint_url=endpoint, region_name="us-east-1", **keys)
        c = sts.assume_role(RoleArn=f"arn:aws:iam::{management}:role/Admin", RoleSessionName="setup")["Credentials"]
        creds = dict(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"],
                     aws_session_token=c["SessionToken"])
        org = boto3.client("organizations", endpoint_url=endpoint, region_name="us-east-1", **creds)
        org.create_organization(FeatureSet="ALL")
        for i in range(size - 1):
            org.create_account(Email=f"member{i}@example.com", AccountName=f"member{i}")
        ids = [a["Id"] for a in org.list_accounts()["Accounts"]]
        ids.sort(key=lambda i: i != management)
        print(json.dumps({"management": management, "accounts": ids, "credentials": creds}))
        """#

    /// Per target (`ACCOUNT/REGION`), the rules of the default group and of `bastion`
    /// (absent when there is none), read through the role sgsh assumes.
    static let readTargets = #"""
        import json, sys, boto3
        endpoint, role, regions, accounts = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4:]
        sts = boto3.client("sts", endpoint_url=endpoint, region_name="us-east-1",
                           aws_access_key_id="testing", aws_secret_access_key="testing")
        def rules(perms):
            out = []
            for p in perms:
                head = [p["IpProtocol"], str(p.get("FromPort", "")), str(p.get("ToPort", ""))]
                for r in p.get("IpRanges", []): out.append(head + [r["CidrIp"], r.get("Description", "")])
                for r in p.get("Ipv6Ranges", []): out.append(head + [r["CidrIpv6"], r.get("Description", "")])
                for r in p.get("UserIdGroupPairs", []): out.append(head + [r["GroupId"], r.get("Description", "")])
            return sorted("|".join(r) for r in out)
        result = {}
        for account in accounts:
            c = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/{role}", RoleSessionName="reader")["Credentials"]
            for region in regions:
                ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name=region, aws_access_key_id=c["AccessKeyId"],
                                   aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
                groups = ec2.describe_security_groups()["SecurityGroups"]
                result[f"{account}/{region}"] = {
                    g["GroupName"]: {"Ingress": rules(g["IpPermissions"]), "Egress": rules(g["IpPermissionsEgress"])}
                    for g in groups if g["GroupName"] in ("default", "bastion")}
        print(json.dumps(result, sort_keys=True))
        """#

    /// Adds one ingress rule to the default group of one target (drift made outside sgsh).
    static let addDrift = #"""
        import sys, boto3
        endpoint, role, account, region = sys.argv[1:5]
        sts = boto3.client("sts", endpoint_url=endpoint, region_name="us-east-1",
                           aws_access_key_id="testing", aws_secret_access_key="testing")
        c = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/{role}", RoleSessionName="drift")["Credentials"]
        ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name=region, aws_access_key_id=c["AccessKeyId"],
                           aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
        group = ec2.describe_security_groups(GroupNames=["default"])["SecurityGroups"][0]["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
        """#

    /// An STS that denies every call (HTTP 403 AccessDenied), on a free loopback port.
    static let denyingSTS =
        LoopbackHelper.watchStdin + #"""

            import json
            from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
            class Handler(BaseHTTPRequestHandler):
                def log_message(self, *args): pass
                def do_POST(self):
                    self.rfile.read(int(self.headers.get("Content-Length", "0")))
                    body = b"<ErrorResponse><Error><Code>AccessDenied</Code><Message>not allowed</Message></Error></ErrorResponse>"
                    self.send_response(403); self.send_header("Content-Length", str(len(body))); self.end_headers()
                    self.wfile.write(body)
            server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
            print(json.dumps({"endpoint": "http://127.0.0.1:%d" % server.server_address[1]}), flush=True)
            _watch(lambda: None)
            """#

    struct Group: Decodable, Equatable {
        var Ingress: [String]
        var Egress: [String]
    }

    static func python(_ script: String, _ arguments: [String], in dir: TemporaryDirectory) async throws -> String {
        let environment = MotoEndToEnd.credentials.merging(MotoEndToEnd.pythonEnvironment) { $1 }
        let result = try await startProcess(
            "/usr/bin/env", ["python3", "-c", script] + arguments, environment: environment, in: dir
        ).finished()
        guard result.status == 0 else { throw MotoEndToEnd.ReaderFailed(result: result) }
        return result.stdout
    }

    static func organization(size: Int = 3, in dir: TemporaryDirectory) async throws -> Organization {
        let json = try await python(makeOrganization, [try MotoEndToEnd.endpoint(), "\(size)"], in: dir)
        return try JSONDecoder().decode(Organization.self, from: Data(json.utf8))
    }

    static func read(_ organization: Organization, in dir: TemporaryDirectory) async throws
        -> [String: [String: Group]]
    {
        let json = try await python(
            readTargets,
            [try MotoEndToEnd.endpoint(), roleName, regions.joined(separator: ",")] + organization.accounts, in: dir)
        return try JSONDecoder().decode([String: [String: Group]].self, from: Data(json.utf8))
    }

    /// CIS 5.2–5.4: the default group allows nothing; SSH only to the bastion, from the office.
    /// `overQuotaIn` adds 61 more rules to the bastion in one target: over moto's 60.
    static func baseline(overQuotaIn target: (account: String, region: String)? = nil) -> String {
        var script = """
            let office = 203.0.113.0/24
            let default_group = sg lookup "default"
            sg $default_group ingress exactly { }
            sg $default_group egress exactly { }
            let bastion = sg create "bastion" "SSH jump host"
            sg $bastion ingress allow tcp 22 from $office "ssh from the office"
            print "baseline for ${account} in ${region}"

            """
        if let target {
            script += """
                if account == "\(target.account)" and region == "\(target.region)" {
                  for port in range(1000, 1061) {
                    sg $bastion ingress allow tcp $port from $office "app"
                  }
                }

                """
        }
        return script
    }

    static func fleetArguments() -> [String] {
        ["--accounts", "organization", "--role-name", roleName, "--regions", regions.joined(separator: ",")]
    }

    static let baselineBastion = Group(
        Ingress: ["tcp|22|22|203.0.113.0/24|ssh from the office"],
        Egress: [
            "-1|||0.0.0.0/0|"
        ])

    static func jsonTargets(_ result: ProcessResult) throws -> [[String: Any]] {
        try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]], "\(result)")
    }

    @Test func aBaselineOverAnOrganizationHoldsInEveryTargetAndASecondRunSendsNothing() async throws {
        let dir = try TemporaryDirectory()
        let organization = try await Self.organization(in: dir)
        #expect(organization.accounts.count == 3)
        _ = try dir.write("baseline.sgsh", Self.baseline())
        let env = organization.environment

        let first = try await runSgsh(["run"] + Self.fleetArguments() + ["baseline.sgsh"], environment: env, in: dir)
        #expect(first.status == 0, "\(first)")
        #expect(first.stdout.contains("Fleet: 9 targets: 9 applied.\n"), "\(first)")
        for account in organization.accounts {
            for region in Self.regions {
                #expect(first.stdout.contains("=== account \(account) / \(region) ===\n"), "\(first)")
                #expect(first.stdout.contains("baseline for \(account) in \(region)\n"))
            }
        }

        let state = try await Self.read(organization, in: dir)
        #expect(state.count == 9)
        for (target, groups) in state {
            #expect(groups["default"] == Group(Ingress: [], Egress: []), "\(target)")
            #expect(groups["bastion"] == Self.baselineBastion, "\(target)")
        }

        let second = try await runSgsh(
            ["run", "--output", "json"] + Self.fleetArguments() + ["baseline.sgsh"], environment: env, in: dir)
        #expect(second.status == 0, "\(second)")
        let targets = try Self.jsonTargets(second)
        #expect(targets.count == 9)
        for target in targets {
            #expect(target["Result"] as? String == "unchanged", "\(target)")
            #expect(target["Calls"] as? Int == 0, "\(target)")
        }
        #expect(try await Self.read(organization, in: dir) == state)
        let logged = try await runSgsh(
            ["run", "--debug"] + Self.fleetArguments() + ["baseline.sgsh"], environment: env, in: dir)
        #expect(logged.status == 0, "\(logged)")
        #expect(logged.stderr.contains("EC2 request DescribeSecurityGroups attempt 1"), "\(logged.stderr.prefix(2000))")
        CredentialE2E.expectNoSecrets(
            logged,
            [organization.credentials["aws_secret_access_key"]!, organization.credentials["aws_session_token"]!])
        // Two reads per target (`sg lookup`, `sg create`; the plan reuses them), and one
        // AssumeRole and one GetCallerIdentity per account, whatever the number of regions.
        #expect(logged.stderr.components(separatedBy: "EC2 request DescribeSecurityGroups attempt").count - 1 == 18)
        #expect(logged.stderr.components(separatedBy: "STS request GetCallerIdentity attempt").count - 1 == 3)
        #expect(logged.stderr.components(separatedBy: "STS request AssumeRole attempt").count - 1 == 3)
        for mutating in ["CreateSecurityGroup", "AuthorizeSecurityGroup", "RevokeSecurityGroup", "CreateTags"] {
            #expect(!logged.stderr.contains("EC2 request \(mutating)"), "\(mutating)")
        }

        let clean = try await runSgsh(
            ["plan", "--detailed-exitcode"] + Self.fleetArguments() + ["baseline.sgsh"], environment: env, in: dir)
        #expect(clean.status == 0, "\(clean)")
        #expect(clean.stdout.contains("Fleet: 9 targets: 9 no changes.\n"), "\(clean)")

        let drifted = (account: organization.accounts[2], region: "eu-west-1")
        _ = try await Self.python(
            Self.addDrift, [try MotoEndToEnd.endpoint(), Self.roleName, drifted.account, drifted.region], in: dir)
        let plan = try await runSgsh(
            ["plan", "--detailed-exitcode"] + Self.fleetArguments() + ["baseline.sgsh"], environment: env, in: dir)
        #expect(plan.status == 2, "\(plan)")
        #expect(plan.stdout.contains("Fleet: 9 targets: 8 no changes, 1 changes.\n"), "\(plan)")
        let changed = plan.stdout.split(separator: "\n").filter {
            $0.hasPrefix("account ") && $0.contains("  changes ")
        }
        #expect(changed.count == 1, "\(plan)")
        #expect(changed.first?.hasPrefix("account \(drifted.account) / \(drifted.region) ") == true, "\(plan)")
        let planJSON = try await runSgsh(
            ["plan", "--detailed-exitcode", "--output", "json"] + Self.fleetArguments() + ["baseline.sgsh"],
            environment: env, in: dir)
        #expect(planJSON.status == 2)
        let withChanges = try Self.jsonTargets(planJSON).filter { $0["Result"] as? String == "changes" }
        #expect(withChanges.count == 1)
        #expect(withChanges.first?["Account"] as? String == drifted.account)
        #expect(withChanges.first?["Region"] as? String == drifted.region)
        #expect(withChanges.first?["Removed"] as? Int == 1)
    }

    @Test func aPolicyFileRefusesEveryTargetsPlanAndNothingIsSent() async throws {
        let dir = try TemporaryDirectory()
        let organization = try await Self.organization(in: dir)
        _ = try dir.write("baseline.sgsh", Self.baseline())
        _ = try dir.write("org.sgsh", "policy deny ingress tcp 22 from 203.0.113.0/24 \"no ssh from the office\"\n")
        let run = try await runSgsh(
            ["run", "--policy", "org.sgsh"] + Self.fleetArguments() + ["baseline.sgsh"],
            environment: organization.environment, in: dir)
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.contains("Fleet: 9 targets: 9 failed"), "\(run)")
        #expect(run.stdout.contains("breaks policy \"no ssh from the office\""), "\(run)")
        for (target, groups) in try await Self.read(organization, in: dir) {
            #expect(groups["bastion"] == nil, "\(target): \(groups)")
        }
    }

    @Test func aTargetOverItsQuotaIsRolledBackAndReportedWhileTheOtherEightApply() async throws {
        let dir = try TemporaryDirectory()
        let organization = try await Self.organization(in: dir)
        let failing = (account: organization.accounts[1], region: "eu-west-1")
        _ = try dir.write("baseline.sgsh", Self.baseline(overQuotaIn: failing))

        // The planner's quota is raised above moto's 60, so only moto refuses, mid-apply.
        let run = try await runSgsh(
            ["run", "--rules-per-group", "100"] + Self.fleetArguments() + ["baseline.sgsh"],
            environment: organization.environment, in: dir)
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.contains("Fleet: 9 targets: "), "\(run)")
        #expect(run.stdout.contains("8 applied"), "\(run)")
        #expect(run.stdout.contains("1 failed"), "\(run)")
        #expect(
            run.stdout.contains(
                "Failed targets:\n  account \(failing.account) / \(failing.region): AuthorizeSecurityGroupIngress: RulesPerSecurityGroupLimitExceeded"
            ), "\(run)")
        #expect(run.stdout.contains("every applied change was rolled back"), "\(run)")

        let state = try await Self.read(organization, in: dir)
        for (target, groups) in state {
            if target == "\(failing.account)/\(failing.region)" {
                // Rolled back: the default group as moto made it, and no bastion.
                #expect(groups["bastion"] == nil, "\(groups)")
                #expect(groups["default"]?.Egress == ["-1|||0.0.0.0/0|"], "\(groups)")
            } else {
                #expect(groups["default"] == Group(Ingress: [], Egress: []), "\(target)")
                #expect(groups["bastion"] == Self.baselineBastion, "\(target)")
            }
        }
    }

    @Test func accountsFromAFileLessTheExcludedOnesAndFailFastStartsNoMoreTargets() async throws {
        let dir = try TemporaryDirectory()
        let organization = try await Self.organization(in: dir)
        _ = try dir.write(
            "accounts.txt", "# the members\n" + organization.accounts.map { "\($0)  # an account\n" }.joined())
        _ = try dir.write("where.sgsh", "print \"${account} ${region}\"\n")
        let env = organization.environment
        let run = try await runSgsh(
            [
                "run", "--accounts", "@accounts.txt", "--exclude-accounts", organization.management, "--role-name",
                Self.roleName, "--regions", "eu-west-1,us-east-1", "where.sgsh",
            ], environment: env, in: dir)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("Fleet: 4 targets: 4 unchanged.\n"), "\(run)")
        #expect(!run.stdout.contains(organization.management), "\(run)")
        for account in organization.accounts.dropFirst() {
            #expect(run.stdout.contains("\(account) eu-west-1\n"), "\(run)")
        }

        // A script that fails at run time in every target: with --fail-fast and one target
        // at a time, the first failure starts no other target.
        let failFast = try await runSgsh(
            [
                "run", "--fail-fast", "--concurrency", "1", "--accounts", organization.accounts.joined(separator: ","),
                "--role-name", Self.roleName, "--regions", "eu-west-1", "-c", "sg sg-0000000000000dead show",
            ], environment: env, in: dir)
        #expect(failFast.status == 1, "\(failFast)")
        #expect(failFast.stdout.contains("Fleet: 3 targets: 1 failed, 2 not started.\n"), "\(failFast)")
    }

    @Test func checkPermissionsAndExportRunInEveryTarget() async throws {
        let dir = try TemporaryDirectory()
        let organization = try await Self.organization(in: dir)
        _ = try dir.write("baseline.sgsh", Self.baseline())
        let env = organization.environment
        let check = try await runSgsh(
            ["run", "--check-permissions"] + Self.fleetArguments() + ["baseline.sgsh"], environment: env, in: dir)
        #expect(check.status == 0, "\(check)")
        #expect(check.stdout.contains("Fleet: 9 targets: 9 allowed.\n"), "\(check)")
        #expect(check.stdout.contains("allowed  CreateSecurityGroup <new bastion>\n"), "\(check)")
        #expect(check.stdout.contains("allowed  RevokeSecurityGroupEgress sg-"), "\(check)")
        #expect(try await Self.read(organization, in: dir).values.allSatisfy { $0["bastion"] == nil })

        let apply = try await runSgsh(["run"] + Self.fleetArguments() + ["baseline.sgsh"], environment: env, in: dir)
        #expect(apply.status == 0, "\(apply)")
        let export = try await runSgsh(["export"] + Self.fleetArguments(), environment: env, in: dir)
        #expect(export.status == 0, "\(export)")
        #expect(export.stderr.contains("Fleet: 9 targets: 9 exported.\n"), "\(export)")
        let blocks = export.stdout.components(separatedBy: "# === account ").dropFirst()
        #expect(blocks.count == 9, "\(export)")
        for block in blocks {
            #expect(block.contains("let bastion = sg create \"bastion\" \"SSH jump host\""), "\(block)")
            #expect(block.contains("allow tcp 22 from 203.0.113.0/24 \"ssh from the office\""), "\(block)")
        }
        // The exported fleet is a script: it checks.
        _ = try dir.write("fleet.sgsh", export.stdout)
        let checked = try await runSgsh(["check", "fleet.sgsh"], in: dir)
        #expect(checked.status == 0, "\(checked)")
    }

    @Test func anAuditOverTheOrganizationFindsWhatOneTargetHolds() async throws {
        let dir = try TemporaryDirectory()
        let organization = try await Self.organization(in: dir)
        let planted = (account: organization.accounts[1], region: "eu-west-1")
        _ = try dir.write(
            "baseline.sgsh",
            Self.baseline() + """
                if account == "\(planted.account)" and region == "\(planted.region)" {
                  sg $bastion ingress allow tcp 22 from 0.0.0.0/0 "vendor"
                }

                """)
        let env = organization.environment
        let apply = try await runSgsh(["run"] + Self.fleetArguments() + ["baseline.sgsh"], environment: env, in: dir)
        try #require(apply.status == 0, "\(apply)")

        let text = try await runSgsh(["audit"] + Self.fleetArguments(), environment: env, in: dir)
        #expect(text.status == 1, "\(text)")
        #expect(text.stdout.contains("Fleet: 9 targets: "), "\(text)")
        #expect(text.stdout.contains("8 no findings"), "\(text)")
        #expect(text.stdout.contains("1 findings"), "\(text)")
        let finding =
            "\(planted.account)/\(planted.region) sg-X (bastion) ingress: error: rule 'tcp 22 from 0.0.0.0/0 \"vendor\"'"
            + " breaks policy \"cis-5.2"
        #expect(text.stdout.replacing(/sg-[0-9a-f]+/, with: "sg-X").contains(finding), "\(text)")

        let sarif = try await runSgsh(
            ["audit", "--output", "sarif"] + Self.fleetArguments(), environment: env, in: dir)
        #expect(sarif.status == 1, "\(sarif)")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let names = results.compactMap {
            (($0["locations"] as? [[String: Any]])?.first?["logicalLocations"] as? [[String: Any]])?.first?[
                "fullyQualifiedName"] as? String
        }
        // The world-SSH violation, and the office rule it now shadows: all in the planted target.
        #expect(
            results.compactMap { $0["ruleId"] as? String }.filter { $0.hasPrefix("policy/") }.count == 1,
            "\(text.stdout)")
        #expect(!names.isEmpty, "\(sarif)")
        #expect(names.allSatisfy { $0.hasPrefix("\(planted.account)/\(planted.region)/sg-") }, "\(names)")
        #expect(sarif.stderr.contains("Fleet: 9 targets"), "\(sarif)")

        let json = try await runSgsh(
            ["audit", "--output", "json"] + Self.fleetArguments(), environment: env, in: dir)
        let targets = try Self.jsonTargets(json)
        #expect(targets.count == 9)
        #expect(targets.filter { $0["Result"] as? String == "findings" }.count == 1, "\(json)")
    }

    @Test func profilesAndAllRegionsMakeTheTargets() async throws {
        let dir = try TemporaryDirectory()
        let accounts = [
            "\(Int.random(in: 100_000_000_000...999_999_999_999))",
            "\(Int.random(in: 100_000_000_000...999_999_999_999))",
        ]
        try CredentialE2E.writeAWSFile(
            "credentials", "[base]\naws_access_key_id = testing\naws_secret_access_key = testing\n", in: dir)
        try CredentialE2E.writeAWSFile(
            "config",
            accounts.enumerated().map { index, account in
                "[profile p\(index)]\nrole_arn = arn:aws:iam::\(account):role/Ops\nsource_profile = base\n\n"
            }.joined(), in: dir)
        let env = [
            "AWS_ENDPOINT_URL": try MotoEndToEnd.endpoint(), "AWS_REGION": "us-east-1",
            "AWS_EC2_METADATA_DISABLED": "true",
        ]
        let run = try await runSgsh(
            [
                "run", "--profiles", "p0,p1", "--regions", "eu-west-1,us-east-1", "-c",
                "print \"in ${account} ${region}\"",
            ],
            environment: env, in: dir)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("Fleet: 4 targets: 4 unchanged.\n"), "\(run)")
        for account in accounts {
            for region in ["eu-west-1", "us-east-1"] {
                #expect(run.stdout.contains("=== account \(account) / \(region) ===\n"), "\(run)")
                #expect(run.stdout.contains("in \(account) \(region)\n"), "\(run)")
            }
        }

        let regions = try await Self.python(
            "import sys, boto3; print(len(boto3.client('ec2', endpoint_url=sys.argv[1], region_name='us-east-1').describe_regions()['Regions']))",
            [try MotoEndToEnd.endpoint()], in: dir)
        let all = try await runSgsh(
            ["run", "--profiles", "p0", "--regions", "all", "-c", "print region"], environment: env, in: dir)
        #expect(all.status == 0, "\(all)")
        let count = try #require(Int(regions.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(count > 3)
        #expect(all.stdout.contains("Fleet: \(count) targets: \(count) unchanged.\n"), "\(all)")
        #expect(all.stdout.contains("=== account \(accounts[0]) / ap-southeast-2 ===\n"), "\(all)")
    }

    @Test func ctrlCCancelsTheFleetAndEveryTargetIsAppliedWholeOrNotAtAll() async throws {
        let dir = try TemporaryDirectory()
        let organization = try await Self.organization(in: dir)
        _ = try dir.write("baseline.sgsh", Self.baseline())
        let running = try await startProcess(
            try Sgsh.binary(), ["run", "--concurrency", "1"] + Self.fleetArguments() + ["baseline.sgsh"],
            environment: organization.environment, in: dir)
        // Once the first target is reported, eight are still to run, one at a time.
        for _ in 0..<600 {
            let text = (try? String(contentsOf: running.stdoutFile, encoding: .utf8)) ?? ""
            if text.contains("Applied: ") { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        kill(running.process.processIdentifier, SIGINT)
        let run = try await running.finished()
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.contains("not started"), "\(run)")
        #expect(run.stdout.contains("Failed targets:\n"), "\(run)")

        var applied = 0
        for (target, groups) in try await Self.read(organization, in: dir) {
            if groups["bastion"] == nil {
                #expect(groups["default"]?.Egress == ["-1|||0.0.0.0/0|"], "\(target): \(groups)")
            } else {
                applied += 1
                #expect(groups["bastion"] == Self.baselineBastion, "\(target)")
                #expect(groups["default"] == Group(Ingress: [], Egress: []), "\(target)")
            }
        }
        #expect(applied >= 1 && applied < 9, "\(run)")
    }

    @Test func theREPLAppliesEachEntryToEveryTarget() async throws {
        let dir = try TemporaryDirectory()
        let organization = try await Self.organization(in: dir)
        let entries = """
            let bastion = sg create "bastion" "SSH jump host"
            sg $bastion ingress allow tcp 22 from 203.0.113.0/24 "ssh from the office"
            print "in ${account} ${region}"

            """
        let repl = try await runSgsh(
            ["repl"] + Self.fleetArguments(), stdin: entries, environment: organization.environment, in: dir)
        #expect(repl.status == 0, "\(repl)")
        #expect(repl.stdout.components(separatedBy: "Fleet: 9 of 9 targets succeeded.\n").count - 1 == 3, "\(repl)")
        for account in organization.accounts {
            #expect(repl.stdout.contains("=== account \(account) / ap-southeast-2 ===\nin \(account) ap-southeast-2\n"))
        }
        for (target, groups) in try await Self.read(organization, in: dir) {
            #expect(groups["bastion"] == Self.baselineBastion, "\(target)")
        }

        // An entry that fails in a target ends a non-interactive session with exit 1.
        let failing = try await runSgsh(
            ["repl"] + Self.fleetArguments(), stdin: "sg sg-0000000000000dead ingress allow tcp 1 from 10.0.0.1\n",
            environment: organization.environment, in: dir)
        #expect(failing.status == 1, "\(failing)")
        #expect(failing.stdout.contains("Fleet: 0 of 9 targets succeeded. Failed: account "), "\(failing)")
    }

    @Test func theScriptIsCheckedOnceBeforeAnyTargetAndFleetFlagsAreChecked() async throws {
        let dir = try TemporaryDirectory()
        // Nothing listens on port 9: a call would fail with exit 1, not 2.
        let env = [
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
            "AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_EC2_METADATA_DISABLED": "true",
        ]
        let invalid = try await runSgsh(
            ["run", "--regions", "eu-west-1,us-east-1", "-c", "sg web ingress allow tcp 22 from $nowhere"],
            environment: env, in: dir)
        #expect(invalid.status == 2, "\(invalid)")
        #expect(invalid.stderr.contains("nowhere"), "\(invalid)")
        #expect(invalid.stdout.isEmpty, "\(invalid)")

        // `sgsh check` knows a fleet script by --fleet.
        _ = try dir.write("where.sgsh", "if region == \"us-east-1\" { print account }\n")
        #expect(try await runSgsh(["check", "where.sgsh"], in: dir).status == 2)
        let fleetCheck = try await runSgsh(["check", "--fleet", "where.sgsh"], in: dir)
        #expect(fleetCheck.status == 0, "\(fleetCheck)")

        // An account whose regions cannot be listed (STS denies its role) is one failed
        // target; the others go on.
        try await LoopbackHelper.with(script: Self.denyingSTS, [], in: dir) { sts in
            let unreachable = try await runSgsh(
                [
                    "run", "--accounts", "111111111111,222222222222", "--role-name", "R", "--regions", "all",
                    "where.sgsh",
                ], environment: env.merging(["AWS_ENDPOINT_URL_STS": sts.info["endpoint"]!]) { $1 }, in: dir)
            #expect(unreachable.status == 1, "\(unreachable)")
            #expect(unreachable.stdout.contains("Fleet: 2 targets: 2 failed.\n"), "\(unreachable)")
            #expect(
                unreachable.stdout.contains(
                    "  account 222222222222 / all: --regions all: DescribeRegions for account 222222222222 failed"),
                "\(unreachable)")
            #expect(unreachable.stdout.contains("AccessDenied"), "\(unreachable)")
        }

        let noRole = try await runSgsh(
            ["run", "--accounts", "111111111111", "-c", "print 1"], environment: env, in: dir)
        #expect(noRole.status == 2, "\(noRole)")
        #expect(noRole.stderr.contains("--accounts needs --role-name"), "\(noRole)")

        let badAccount = try await runSgsh(
            ["plan", "--accounts", "12345", "--role-name", "R", "-c", "print 1"], environment: env, in: dir)
        #expect(badAccount.status == 2, "\(badAccount)")
        #expect(badAccount.stderr.contains("'12345' is not an AWS account id (12 digits)"), "\(badAccount)")

        let local = try await runSgsh(
            ["run", "--backend", "local", "--regions", "eu-west-1", "-c", "print 1"], environment: env, in: dir)
        #expect(local.status == 2, "\(local)")
        #expect(local.stderr.contains("--regions is for the aws backend"), "\(local)")
    }
}
