// `sgsh --backend aws` on the built binary against moto_server on loopback:
// the example lands exactly as written (read back with boto3, not sgsh), a
// second run sends nothing, and a missing region or credential is a clear
// one-line error.

import Foundation
import Testing

@Suite struct AWSBackendEndToEndTests {
    @Test func theThreeTierExampleLandsExactlyAndARerunSendsNothing() async throws {
        let endpoint = try MotoEndToEnd.endpoint()
        let dir = try TemporaryDirectory()
        let suffix = MotoEndToEnd.uniqueSuffix()
        let (lb, app, db) = ("three-tier-lb-\(suffix)", "three-tier-app-\(suffix)", "three-tier-db-\(suffix)")
        // The example with names no other test uses (moto's state is shared).
        let example = try String(contentsOfFile: Sgsh.packageFile("examples/three-tier.sgsh"), encoding: .utf8)
            .replacingOccurrences(of: #""three-tier-lb""#, with: "\"\(lb)\"")
            .replacingOccurrences(of: #""three-tier-app""#, with: "\"\(app)\"")
            .replacingOccurrences(of: #""three-tier-db""#, with: "\"\(db)\"")
        let file = try dir.write("three-tier.sgsh", example)
        let arguments = ["--backend", "aws", "--endpoint-url", endpoint, file]
        let ids = IDNormalizer()

        let first = ids(try await runSgsh(arguments, environment: MotoEndToEnd.credentials, in: dir))
        let expectedFirst = RunEndToEndTests.threeTierFirstRun
            .replacingOccurrences(of: #""three-tier-lb""#, with: "\"\(lb)\"")
            .replacingOccurrences(of: #""three-tier-app""#, with: "\"\(app)\"")
            .replacingOccurrences(of: #""three-tier-db""#, with: "\"\(db)\"")
        #expect(first == ProcessResult(stdout: try MotoEndToEnd.reportHeader() + expectedFirst, stderr: "", status: 0))

        let groups = try await MotoEndToEnd.describe([lb, app, db], in: dir)
        // EC2 gives every new group the allow-all egress rule; the script leaves it alone.
        let defaultEgress = ["-1|||0.0.0.0/0|"]
        #expect(
            groups == [
                lb: .init(
                    Description: "public load balancer", Tags: ["tier": "public", "app": "three-tier"],
                    Ingress: [
                        "icmp|3|-1|0.0.0.0/0|path MTU discovery",
                        "tcp|443|443|0.0.0.0/0|public web",
                        "tcp|443|443|::/0|public web",
                        "tcp|80|80|0.0.0.0/0|public web",
                        "tcp|80|80|::/0|public web",
                    ],
                    Egress: defaultEgress),
                app: .init(
                    Description: "application servers", Tags: ["tier": "app", "app": "three-tier"],
                    Ingress: ["tcp|8080|8080|group:\(lb)|app traffic from the load balancer"],
                    Egress: defaultEgress),
                db: .init(
                    Description: "database tier", Tags: ["tier": "data", "app": "three-tier"],
                    Ingress: ["tcp|5432|5432|group:\(app)|postgres from the app tier"],
                    Egress: defaultEgress),
            ])

        let second = ids(try await runSgsh(arguments, environment: MotoEndToEnd.credentials, in: dir))
        #expect(
            second
                == ProcessResult(
                    stdout: try MotoEndToEnd.reportHeader()
                        + RunEndToEndTests.threeTierUnchanged
                        .replacingOccurrences(of: #""three-tier-lb""#, with: "\"\(lb)\"")
                        .replacingOccurrences(of: #""three-tier-app""#, with: "\"\(app)\"")
                        .replacingOccurrences(of: #""three-tier-db""#, with: "\"\(db)\"")
                        + "Applied: 0 added, 0 changed, 0 removed, 16 unchanged (0 calls).\n",
                    stderr: "", status: 0), "\(second)")
        #expect(try await MotoEndToEnd.describe([lb, app, db], in: dir) == groups)
    }

    @Test func exactlyReplacesTheDefaultEgressRule() async throws {
        let endpoint = try MotoEndToEnd.endpoint()
        let dir = try TemporaryDirectory()
        let name = "locked-workers-\(MotoEndToEnd.uniqueSuffix())"
        let example = try String(contentsOfFile: Sgsh.packageFile("examples/egress-lockdown.sgsh"), encoding: .utf8)
            .replacingOccurrences(of: #""locked-workers""#, with: "\"\(name)\"")
        let file = try dir.write("egress.sgsh", example)
        let arguments = ["--quiet", "--backend", "aws", "--endpoint-url", endpoint, file]

        let run = try await runSgsh(arguments, environment: MotoEndToEnd.credentials, in: dir)
        #expect(run == ProcessResult(stdout: "", stderr: "", status: 0))
        let groups = try await MotoEndToEnd.describe([name], in: dir)
        #expect(
            groups == [
                name: .init(
                    Description: "batch workers with restricted egress", Tags: [:], Ingress: [],
                    Egress: [
                        "tcp|443|443|0.0.0.0/0|https to anywhere",
                        "tcp|443|443|::/0|https to anywhere",
                        "tcp|53|53|10.20.0.2/32|dns over tcp",
                        "tcp|5432|5432|10.20.0.0/16|postgres inside the vpc",
                        "udp|123|123|169.254.169.123/32|amazon time sync",
                        "udp|53|53|10.20.0.2/32|dns",
                    ])
            ])
        let plan = try await runSgsh(
            ["plan", "--detailed-exitcode", "--backend", "aws", "--endpoint-url", endpoint, file],
            environment: MotoEndToEnd.credentials, in: dir)
        #expect(plan.status == 0 && plan.stderr.isEmpty, "\(plan)")
    }

    @Test func theBastionExampleLandsWithIPv6AndGroupPeers() async throws {
        let endpoint = try MotoEndToEnd.endpoint()
        let dir = try TemporaryDirectory()
        let suffix = MotoEndToEnd.uniqueSuffix()
        let (bastion, hosts) = ("bastion-\(suffix)", "internal-hosts-\(suffix)")
        let example = try String(contentsOfFile: Sgsh.packageFile("examples/bastion.sgsh"), encoding: .utf8)
            .replacingOccurrences(of: #""bastion""#, with: "\"\(bastion)\"")
            .replacingOccurrences(of: #""internal-hosts""#, with: "\"\(hosts)\"")
        let file = try dir.write("bastion.sgsh", example)
        let arguments = ["--quiet", "--backend", "aws", "--endpoint-url", endpoint, file]

        let run = try await runSgsh(arguments, environment: MotoEndToEnd.credentials, in: dir)
        #expect(run == ProcessResult(stdout: "office networks: 3\n", stderr: "", status: 0))
        let groups = try await MotoEndToEnd.describe([bastion, hosts], in: dir)
        #expect(
            groups == [
                bastion: .init(
                    Description: "SSH jump host", Tags: [:],
                    Ingress: [
                        "tcp|22|22|198.51.100.7/32|ssh from the office",
                        "tcp|22|22|2001:db8:1234::/48|ssh from the office",
                        "tcp|22|22|203.0.113.0/24|ssh from the office",
                    ],
                    Egress: ["-1|||0.0.0.0/0|"]),
                hosts: .init(
                    Description: "hosts reached through the bastion", Tags: [:],
                    Ingress: [
                        "icmp|8|-1|group:\(bastion)|ping from the bastion",
                        "tcp|22|22|group:\(bastion)|ssh from the bastion",
                    ],
                    Egress: ["-1|||0.0.0.0/0|"]),
            ])
        let rerun = try await runSgsh(
            ["--backend", "aws", "--endpoint-url", endpoint, file], environment: MotoEndToEnd.credentials, in: dir)
        #expect(rerun.status == 0 && rerun.stdout.hasSuffix("(0 calls).\n"), "\(rerun)")
    }

    @Test func checkPermissionsSendsDryRunCallsAndChangesNothing() async throws {
        let endpoint = try MotoEndToEnd.endpoint()
        let dir = try TemporaryDirectory()
        let name = "check-perms-\(MotoEndToEnd.uniqueSuffix())"
        let aws = ["--backend", "aws", "--endpoint-url", endpoint]
        let setup = try await runSgsh(
            ["--quiet"] + aws + ["-c", "sg create \"\(name)\" \"check permissions\""],
            environment: MotoEndToEnd.credentials, in: dir)
        #expect(setup == ProcessResult(stdout: "", stderr: "", status: 0))

        let script = """
            let g = sg create "\(name)" "check permissions"
            sg $g ingress allow tcp 22 from 10.0.0.0/8 "ssh"
            sg $g tag env="prod"
            """
        let ids = IDNormalizer()
        let check = ids(
            try await runSgsh(
                ["--check-permissions"] + aws + ["-c", script], environment: MotoEndToEnd.credentials, in: dir))
        #expect(
            check
                == ProcessResult(
                    stdout: try MotoEndToEnd.reportHeader() + """
                        allowed  AuthorizeSecurityGroupIngress sg-1
                        allowed  CreateTags sg-1

                        """, stderr: "", status: 0))
        // Every call carried DryRun=true: the group is as the setup left it.
        #expect(
            try await MotoEndToEnd.describe([name], in: dir) == [
                name: .init(Description: "check permissions", Tags: [:], Ingress: [], Egress: ["-1|||0.0.0.0/0|"])
            ])
    }

    static let script = #"sg sg-0123456789abcdef0 ingress allow tcp 22 from 10.0.0.0/8 "ssh""#

    @Test(arguments: [
        (
            ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"],
            "sgsh: error: no AWS region set: pass --region, set AWS_REGION (or AWS_DEFAULT_REGION), or add 'region = …' to profile 'default' in ~/.aws/config\n"
        ),
        (
            ["AWS_REGION": "us-east-1"],
            "sgsh: error: no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials), or add aws_access_key_id/aws_secret_access_key to profile 'default' in ~/.aws/credentials, or choose a profile with --profile or AWS_PROFILE\n"
        ),
        (
            ["AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing"],
            "sgsh: error: incomplete AWS credentials: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not\n"
        ),
    ])
    func aMissingSettingIsAOneLineErrorNamingWhatToSet(environment: [String: String], stderr: String) async throws {
        let dir = try TemporaryDirectory()
        // The endpoint is never reached: the error comes before any request.
        let result = try await runSgsh(
            ["--backend", "aws", "--endpoint-url", "http://127.0.0.1:9", "-c", Self.script],
            environment: environment, in: dir)
        #expect(result == ProcessResult(stdout: "", stderr: stderr, status: 1))
    }

    @Test func anUnknownProfileIsAOneLineError() async throws {
        let dir = try TemporaryDirectory()
        let home = dir.url.path
        let result = try await runSgsh(
            ["--backend", "aws", "--profile", "nope", "--endpoint-url", "http://127.0.0.1:9", "-c", Self.script],
            environment: ["AWS_REGION": "us-east-1"], in: dir)
        #expect(
            result
                == ProcessResult(
                    stdout: "",
                    stderr: """
                        sgsh: error: AWS profile 'nope' not found in \(home)/.aws/credentials or \(home)/.aws/config: check --profile / AWS_PROFILE

                        """, status: 1))
    }
}
