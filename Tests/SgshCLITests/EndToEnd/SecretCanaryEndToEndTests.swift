// The secret canary of issue 13: a fake access key, secret key, session token
// and web-identity token go into every mode sgsh has (run, plan, dry run,
// JSON, --debug, an error, a crash and its journal, recover, the local
// state file), and afterwards not one of them, nor a long piece of one, is in
// any output or any file sgsh wrote. The access key id is an identifier, not a
// secret, but it is checked too: --debug shows only its last four characters.

import Foundation
import Testing

@Suite struct SecretCanaryEndToEndTests {
    static let accessKey = "AKIASGSHCANARYKEY777"
    static let secretKey = "sgshCanarySecret/9d8c7b6a5f4e3d2c1b0a9f8e7d6c"
    static let sessionToken = "sgshCanarySession+IQoJb3JpZ2luX2VjEJr//////////canary=="
    static let webIdentityToken = "eyJsgshCanaryWebIdentity.eyJzdWIiOiJjYW5hcnkifQ.c2lnbmF0dXJlY2FuYXJ5"
    static let secrets = [secretKey, sessionToken, webIdentityToken]

    @Test func noModeWritesACanaryAnywhere() async throws {
        let endpoint = try MotoEndToEnd.endpoint()
        let dir = try TemporaryDirectory()
        let prefix = "canary-\(MotoEndToEnd.uniqueSuffix())"
        let keys = [
            "AWS_ACCESS_KEY_ID": Self.accessKey, "AWS_SECRET_ACCESS_KEY": Self.secretKey,
            "AWS_SESSION_TOKEN": Self.sessionToken, "AWS_REGION": "us-east-1",
        ]
        let tokenFile = try dir.write("oidc-token", Self.webIdentityToken)
        let webIdentity = [
            "AWS_ENDPOINT_URL": endpoint, "AWS_REGION": "us-east-1", "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile,
            "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/Canary", "AWS_EC2_METADATA_DISABLED": "true",
        ]
        let script = try dir.write(
            "rules.sgsh",
            "let g = sg create \"\(prefix)\" \"canary\"\nsg $g ingress allow tcp 22 from 10.0.0.0/8 \"ssh\"\nsg $g tag t=\"v\"\n"
        )
        let aws = ["--endpoint-url", endpoint]
        var results: [(result: ProcessResult, debug: Bool)] = []
        func sgsh(_ arguments: [String], _ environment: [String: String], status: Int32?) async throws {
            let result = try await runSgsh(arguments, environment: environment, in: dir)
            if let status { #expect(result.status == status, "\(arguments): \(result)") }
            results.append((result, arguments.contains("--debug")))
        }

        // Static keys with a session token, every mode.
        try await sgsh(["plan", "--debug"] + aws + [script], keys, status: 0)
        try await sgsh(["plan", "--output", "json"] + aws + [script], keys, status: 0)
        try await sgsh(["run", "--dry-run", "--debug"] + aws + [script], keys, status: 0)
        try await sgsh(["run", "--output", "json", "--debug"] + aws + [script], keys, status: 0)
        try await sgsh(
            ["run", "--debug"] + aws + ["-c", "sg sg-0123456789abcdef0 ingress allow tcp 1"], keys, status: 2)
        try await sgsh(
            ["run", "--debug"] + aws + ["-c", "sg sg-00000000000000000 ingress allow tcp 1 from 10.0.0.0/8"], keys,
            status: 1)
        // Web identity: the token is read from its file and sent to STS, and goes nowhere else.
        try await sgsh(["plan", "--debug", "--backend", "aws", script], webIdentity, status: 0)
        try await sgsh(["run", "--output", "json", "--backend", "aws", script], webIdentity, status: 0)

        // A crash mid-apply leaves a journal; plan refuses, recover settles it (text and JSON).
        let big = try dir.write("big.sgsh", CrashScripts.apply(prefix + "-big"))
        try await sgsh(
            ["run", "-q"] + aws + [
                "--rules-per-group", "100", dir.write("setup.sgsh", CrashScripts.setup(prefix + "-big")),
            ],
            keys, status: 0)
        let journal = try CrashRecoveryEndToEndTests.motoJournalFolder(in: dir)
        var killed = false
        for _ in 0..<5 where !killed {
            _ = try await CrashKiller.run(
                ["run", "-q", "--debug", "--rules-per-group", "100"] + aws + [big], environment: keys,
                journalFolder: journal, maxLines: 40, in: dir)
            killed = !CrashKiller.journals(journal).isEmpty
            if killed {
                let written = try CrashKiller.journals(journal).map {
                    try String(contentsOfFile: journal + "/" + $0, encoding: .utf8)
                }.joined()
                // The plan at least (a kill aimed at line 1 can come before the first `sending`).
                #expect(written.contains("\"event\":\"begin\""))
                Self.expectNoCanary(in: written, "the journal", accessKeyToo: true)
                try await sgsh(["plan", "--debug", "--rules-per-group", "100"] + aws + [big], keys, status: 3)
                try await sgsh(
                    ["recover", "--output", "json", "--debug", "--rules-per-group", "100"] + aws, keys, status: 0)
            } else {
                try await sgsh(["recover", "--rules-per-group", "100"] + aws, keys, status: 0)
            }
        }
        #expect(killed, "no kill landed mid-apply in 5 tries")
        try await sgsh(["recover", "--debug"] + aws, keys, status: 0)

        // The local backend with the same variables set: its state file and journal.
        try await sgsh(["run", "--state", dir.state, script], keys, status: 0)
        try await sgsh(["plan", "--output", "json", "--state", dir.state, script], keys, status: 0)

        for (result, debug) in results {
            Self.expectNoCanary(in: result.stdout + result.stderr, "the output of a run", accessKeyToo: true)
            if debug { #expect(result.stderr.contains("(access key …"), "--debug names the key by its end") }
            #expect((result.stdout + result.stderr).firstMatch(of: /[0-9a-f]{64}/) == nil, "a signature leaked")
        }
        // Every file sgsh wrote: state file, WAL, journals (and the captured outputs).
        let files = FileManager.default.enumerator(atPath: dir.url.path)?.compactMap { $0 as? String } ?? []
        var scanned = 0
        // Every file, fully, the access key id too.
        for file in files where file != "oidc-token" {
            guard let data = FileManager.default.contents(atPath: dir.path(file)) else { continue }
            scanned += 1
            let text = String(decoding: data, as: UTF8.self)
            Self.expectNoCanary(in: text, file, accessKeyToo: true)
        }
        #expect(files.contains("state.sqlite"))
        #expect(scanned > results.count)
    }

    static func expectNoCanary(
        in text: String, _ place: String, accessKeyToo: Bool, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for canary in secrets + (accessKeyToo ? [accessKey] : []) {
            #expect(!text.contains(canary), "a canary is in \(place)", sourceLocation: sourceLocation)
            #expect(
                !text.contains(String(canary.suffix(16))), "a canary's end is in \(place)",
                sourceLocation: sourceLocation)
            let encoded = canary.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? canary
            #expect(
                !text.contains(encoded), "a canary, percent-encoded, is in \(place)", sourceLocation: sourceLocation)
        }
    }
}
