// The built binary against a moto_server with IAM authentication on: moto
// recomputes every signature with botocore and evaluates IAM policies, so
// these runs prove the signing, the STS calls and the account guard for
// static keys, role profiles (one and two steps), credential_process, a
// wrong secret and a role that may only describe.
// Descriptions carry no spaces: moto re-encodes the form body to check the
// signature and encodes a space differently from the bytes sent.

import Foundation
import Testing

@Suite(.serialized) struct IAMMotoEndToEndTests {
    static let account = "123456789012"

    /// Runs `body` with a fresh IAM-authenticated moto and the keys of its full-access user.
    static func withIAMMoto(_ body: (LoopbackHelper, TemporaryDirectory) async throws -> Void) async throws {
        let dir = try TemporaryDirectory()
        try await LoopbackHelper.with(script: LoopbackHelper.motoWithIAM, [], in: dir) { moto in
            try await body(moto, dir)
        }
    }

    static func environment(_ moto: some MotoInfo, _ extra: [String: String] = [:]) -> [String: String] {
        ["AWS_ENDPOINT_URL": moto.info["endpoint"]!, "AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true"]
            .merging(extra) { $1 }
    }

    static func keys(_ moto: LoopbackHelper) -> [String: String] {
        ["AWS_ACCESS_KEY_ID": moto.info["key"]!, "AWS_SECRET_ACCESS_KEY": moto.info["secret"]!]
    }

    /// Profiles: admin → jump → base (two AssumeRole steps), jump → base (one), readonly → base.
    static func writeRoleProfiles(_ moto: some MotoInfo, in dir: TemporaryDirectory) throws {
        try CredentialE2E.writeAWSFile(
            "credentials",
            "[base]\naws_access_key_id = \(moto.info["key"]!)\naws_secret_access_key = \(moto.info["secret"]!)\n",
            in: dir)
        try CredentialE2E.writeAWSFile(
            "config",
            """
            [profile admin]
            role_arn = \(moto.info["admin"]!)
            source_profile = jump
            role_session_name = sgsh-admin

            [profile jump]
            role_arn = \(moto.info["jump"]!)
            source_profile = base
            role_session_name = sgsh-jump

            [profile readonly]
            role_arn = \(moto.info["readonly"]!)
            source_profile = base
            role_session_name = sgsh-readonly

            [profile proc]
            credential_process = \(dir.path("creds.sh")) --for sgsh

            [profile broken-proc]
            credential_process = \(dir.path("broken.sh"))
            """, in: dir)
    }

    @Test func staticKeysSignRunsAndWhoamiShowsTheUser() async throws {
        try await Self.withIAMMoto { moto, dir in
            let env = Self.environment(moto, Self.keys(moto))
            let whoami = try await runSgsh(["whoami"], environment: env, in: dir)
            #expect(whoami.status == 0, "\(whoami)")
            #expect(whoami.stdout.contains("account      \(Self.account)\n"), "\(whoami)")
            #expect(whoami.stdout.contains("arn          arn:aws:iam::\(Self.account):user/sgsh\n"))
            #expect(whoami.stdout.contains("region       us-east-1\n"))
            #expect(whoami.stdout.contains("credentials  environment\n"))

            let name = "static-\(MotoEndToEnd.uniqueSuffix())"
            let run = try await runSgsh(
                [
                    "--backend", "aws", "--debug", "-c",
                    "let g = sg create \"\(name)\" \"static\"\nsg $g ingress allow 50 from 10.0.0.0/8",
                ],
                environment: env, in: dir)
            #expect(run.status == 0, "\(run)")
            #expect(
                run.stdout.hasPrefix(
                    "Backend: aws (account \(Self.account), as arn:aws:iam::\(Self.account):user/sgsh, region us-east-1, endpoint "
                ),
                "\(run)")
            #expect(run.stderr.contains("credentials from environment"))
            CredentialE2E.expectNoSecrets(run, [moto.info["secret"]!])
            let names = try await CredentialE2E.groupNames(
                endpoint: moto.info["endpoint"]!, key: moto.info["key"]!, secret: moto.info["secret"]!, in: dir)
            #expect(names.contains(name))
        }
    }

    @Test func roleProfilesAssumeOneAndTwoStepsAndWhoamiShowsTheAssumedRole() async throws {
        // On the shared moto without IAM auth: moto 5.2.1 with IAM auth denies every
        // sts:AssumeRole (its trust-policy check), so the role tests cannot run there.
        let dir = try TemporaryDirectory()
        let shared = try MotoEndToEnd.endpoint()
        let moto = SharedMoto(info: [
            "endpoint": shared, "key": "AKIASHAREDBASE000001", "secret": "shared-base-secret-canary",
            "jump": "arn:aws:iam::\(Self.account):role/Jump", "admin": "arn:aws:iam::\(Self.account):role/Admin",
            "readonly": "arn:aws:iam::\(Self.account):role/ReadOnly",
        ])
        do {
            try Self.writeRoleProfiles(moto, in: dir)
            let env = Self.environment(moto)
            let jump = try await runSgsh(["whoami", "--profile", "jump"], environment: env, in: dir)
            #expect(jump.status == 0, "\(jump)")
            #expect(
                jump.stdout.contains("arn          arn:aws:sts::\(Self.account):assumed-role/Jump/sgsh-jump\n"),
                "\(jump)")
            let admin = try await runSgsh(["whoami", "--debug", "--profile", "admin"], environment: env, in: dir)
            #expect(admin.status == 0, "\(admin)")
            #expect(admin.stdout.contains("account      \(Self.account)\n"))
            #expect(
                admin.stdout.contains("arn          arn:aws:sts::\(Self.account):assumed-role/Admin/sgsh-admin\n"),
                "\(admin)")
            #expect(admin.stdout.contains("credentials  assume-role (profile admin"))
            #expect(admin.stderr.contains("credentials from assume-role (profile admin"))
            #expect(admin.stderr.components(separatedBy: "STS request AssumeRole").count == 3, "two AssumeRole steps")
            CredentialE2E.expectNoSecrets(admin, [moto.info["secret"]!])

            let name = "admin-\(MotoEndToEnd.uniqueSuffix())"
            let run = try await runSgsh(
                ["--backend", "aws", "--profile", "admin", "-c", "sg create \"\(name)\" \"role-chain\""],
                environment: env, in: dir)
            #expect(run.status == 0, "\(run)")
            #expect(
                run.stdout.hasPrefix(
                    "Backend: aws (account \(Self.account), as arn:aws:sts::\(Self.account):assumed-role/Admin/sgsh-admin, region us-east-1, endpoint "
                ), "\(run)")
        }
    }

    @Test func credentialProcessSignsAndItsFailureIsReportedWithoutItsOutput() async throws {
        try await Self.withIAMMoto { moto, dir in
            try Self.writeRoleProfiles(moto, in: dir)
            try dir.write(
                "creds.sh",
                """
                #!/bin/sh
                [ "$1 $2" = "--for sgsh" ] || exit 9
                printf '{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "%s"}' '\(moto.info["key"]!)' '\(moto.info["secret"]!)'
                """, executable: true)
            try dir.write(
                "broken.sh",
                "#!/bin/sh\necho 'stdout-secret-canary'\necho 'login expired: run corp-login' >&2\nexit 4\n",
                executable: true)
            let env = Self.environment(moto)
            let good = try await runSgsh(["whoami", "--debug", "--profile", "proc"], environment: env, in: dir)
            #expect(good.status == 0, "\(good)")
            #expect(good.stdout.contains("arn          arn:aws:iam::\(Self.account):user/sgsh\n"))
            #expect(good.stdout.contains("credentials  credential_process (profile proc)\n"))
            CredentialE2E.expectNoSecrets(good, [moto.info["secret"]!])

            let bad = try await runSgsh(["whoami", "--profile", "broken-proc"], environment: env, in: dir)
            #expect(bad.status == 1)
            #expect(
                bad.stderr
                    == "sgsh: error: credential_process of profile 'broken-proc' exited with status 4: login expired: run corp-login\n",
                "\(bad)")
            CredentialE2E.expectNoSecrets(bad, ["stdout-secret-canary"])
        }
    }

    @Test func aWrongSecretIsAnAuthFailureAndChangesNothing() async throws {
        try await Self.withIAMMoto { moto, dir in
            let name = "wrong-\(MotoEndToEnd.uniqueSuffix())"
            // EC2 only (no STS endpoint there), so the first call that fails is EC2's.
            let env = [
                "AWS_ENDPOINT_URL_EC2": moto.info["endpoint"]!, "AWS_REGION": "us-east-1",
                "AWS_ACCESS_KEY_ID": moto.info["key"]!, "AWS_SECRET_ACCESS_KEY": "wrong-secret-canary-0123456789",
            ]
            let run = try await runSgsh(
                ["--backend", "aws", "-c", "sg create \"\(name)\" \"never\""], environment: env, in: dir)
            #expect(run.status == 1, "\(run)")
            #expect(run.stderr.contains("AuthFailure"), "\(run)")
            CredentialE2E.expectNoSecrets(run, ["wrong-secret-canary-0123456789"])
            let names = try await CredentialE2E.groupNames(
                endpoint: moto.info["endpoint"]!, key: moto.info["key"]!, secret: moto.info["secret"]!, in: dir)
            #expect(!names.contains(name))
        }
    }

    /// The ingress rules of a group, as boto3 with the full-access keys reads them.
    static func ingressRuleCount(_ moto: LoopbackHelper, group: String, in dir: TemporaryDirectory) async throws
        -> Int
    {
        let script = """
            import sys, boto3
            ec2 = boto3.client("ec2", endpoint_url=sys.argv[1], region_name="us-east-1",
                               aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3])
            group = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": [sys.argv[4]]}])["SecurityGroups"][0]
            print(sum(len(p.get("IpRanges", [])) + len(p.get("Ipv6Ranges", [])) for p in group["IpPermissions"]))
            """
        let result = try await startProcess(
            "/usr/bin/env",
            ["python3", "-c", script, moto.info["endpoint"]!, moto.info["key"]!, moto.info["secret"]!, group],
            environment: MotoEndToEnd.pythonEnvironment, in: dir
        ).finished()
        guard result.status == 0, let count = Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        else { throw MotoEndToEnd.ReaderFailed(result: result) }
        return count
    }

    @Test func aDescribeOnlyUserIsDeniedAndChangesNothing() async throws {
        try await Self.withIAMMoto { moto, dir in
            let existing = "shared-\(MotoEndToEnd.uniqueSuffix())"
            let fresh = "fresh-\(MotoEndToEnd.uniqueSuffix())"
            // The full-access user makes a group with one rule.
            let setup = try await runSgsh(
                [
                    "--backend", "aws", "-c",
                    "let g = sg create \"\(existing)\" \"existing\"\nsg $g ingress allow tcp 22 from 10.0.0.0/8",
                ],
                environment: Self.environment(moto, Self.keys(moto)), in: dir)
            #expect(setup.status == 0, "\(setup)")
            #expect(try await Self.ingressRuleCount(moto, group: existing, in: dir) == 1)

            // The reader may describe (so it plans against the live groups) but not change.
            let reader = Self.environment(
                moto,
                ["AWS_ACCESS_KEY_ID": moto.info["reader_key"]!, "AWS_SECRET_ACCESS_KEY": moto.info["reader_secret"]!])
            try dir.write(
                "change.sgsh",
                """
                let g = sg create "\(existing)" "existing"
                sg $g ingress allow tcp 443 from 10.0.0.0/8
                sg create "\(fresh)" "never"

                """)
            let whoami = try await runSgsh(["whoami"], environment: reader, in: dir)
            #expect(whoami.stdout.contains("arn          arn:aws:iam::\(Self.account):user/reader\n"), "\(whoami)")

            let run = try await runSgsh(["run", "--backend", "aws", "change.sgsh"], environment: reader, in: dir)
            #expect(run.status == 1, "\(run)")
            #expect(run.stdout.contains("AccessDenied"), "\(run)")
            #expect(run.stdout.contains("not authorized to perform: ec2:"), "\(run)")
            CredentialE2E.expectNoSecrets(run, [moto.info["reader_secret"]!])
            // boto3 with the full-access keys: nothing changed.
            #expect(try await Self.ingressRuleCount(moto, group: existing, in: dir) == 1)
            let names = try await CredentialE2E.groupNames(
                endpoint: moto.info["endpoint"]!, key: moto.info["key"]!, secret: moto.info["secret"]!, in: dir)
            #expect(names.contains(existing) && !names.contains(fresh))

            let check = try await runSgsh(
                ["run", "--backend", "aws", "--check-permissions", "change.sgsh"], environment: reader, in: dir)
            #expect(check.status == 1, "\(check)")
            #expect(check.stdout.contains("denied"), "\(check)")
            #expect(!check.stdout.contains("allowed"), "\(check)")
            #expect(try await Self.ingressRuleCount(moto, group: existing, in: dir) == 1)
            let after = try await CredentialE2E.groupNames(
                endpoint: moto.info["endpoint"]!, key: moto.info["key"]!, secret: moto.info["secret"]!, in: dir)
            #expect(!after.contains(fresh))

            // The full-access user's check of the same script is allowed, so the verdict is the policy's.
            let allowed = try await runSgsh(
                ["run", "--backend", "aws", "--check-permissions", "change.sgsh"],
                environment: Self.environment(moto, Self.keys(moto)),
                in: dir)
            #expect(allowed.status == 0, "\(allowed)")
            #expect(!allowed.stdout.contains("denied"), "\(allowed)")
        }
    }

    @Test func expectAccountRefusesAnotherAccountBeforePlanning() async throws {
        try await Self.withIAMMoto { moto, dir in
            let env = Self.environment(moto, Self.keys(moto))
            try dir.write("one.sgsh", "sg create \"guarded\" \"never\"\n")
            for (arguments, extra) in [
                (["plan", "--backend", "aws", "--expect-account", "999999999999", "one.sgsh"], [String: String]()),
                (["plan", "--backend", "aws", "one.sgsh"], ["SGSH_EXPECT_ACCOUNT": "999999999999"]),
            ] {
                let result = try await runSgsh(arguments, environment: env.merging(extra) { $1 }, in: dir)
                #expect(result.status == 1, "\(result)")
                #expect(result.stdout == "")
                #expect(
                    result.stderr
                        == "sgsh: error: the credentials (environment) act on account \(Self.account), not the expected 999999999999: nothing was planned; check --profile/AWS_PROFILE or --expect-account/SGSH_EXPECT_ACCOUNT\n",
                    "\(result)")
            }
            let right = try await runSgsh(
                ["plan", "--backend", "aws", "--expect-account", Self.account, "one.sgsh"], environment: env, in: dir)
            #expect(right.status == 0, "\(right)")
            #expect(right.stdout.hasPrefix("Backend: aws (account \(Self.account), "), "\(right)")
        }
    }
}

/// What the tests read from a moto helper (or the shared moto).
protocol MotoInfo { var info: [String: String] { get } }
extension LoopbackHelper: MotoInfo {}
struct SharedMoto: MotoInfo { let info: [String: String] }
