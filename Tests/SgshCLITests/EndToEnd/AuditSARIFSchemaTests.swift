// `sgsh audit --output sarif` against the OASIS SARIF 2.1.0 JSON schema
// (Tests/SgshCLITests/Fixtures/sarif, with its source), validated by Python's
// jsonschema (scripts/setup installs it). A document the validator must
// reject is checked too, so a validator that accepts anything fails the test.

import Foundation
import Testing

@Suite struct AuditSARIFSchemaTests {
    static let schema = Sgsh.packageFile("Tests/SgshCLITests/Fixtures/sarif/sarif-schema-2.1.0.json")

    /// Validates argv[2] against the schema argv[1]; prints each error; exit 1 when any.
    static let validator = #"""
        import json, sys
        import jsonschema
        schema = json.load(open(sys.argv[1]))
        document = json.load(open(sys.argv[2]))
        validator = jsonschema.validators.validator_for(schema)
        validator.check_schema(schema)
        checker = validator(schema, format_checker=validator.FORMAT_CHECKER)
        errors = sorted(checker.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors:
            print("/".join(str(p) for p in error.absolute_path) + ": " + error.message)
        print(validator.__name__, len(errors), "errors")
        sys.exit(1 if errors else 0)
        """#

    /// World SSH split in two halves, world RDP over IPv6, a shadowed rule, two mergeable rules.
    static let setup = """
        let web = sg create "web" "web"
        sg $web ingress allow tcp 22 from 0.0.0.0/1 "half"
        sg $web ingress allow tcp 22 from 128.0.0.0/1 "other half"
        sg $web ingress allow tcp 3389 from ::/0 "rdp"
        sg $web ingress allow tcp 443 from 10.0.0.0/8 "wide"
        sg $web ingress allow tcp 443 from 10.1.0.0/16 "narrow"
        let app = sg create "app" "app"
        sg $app ingress allow tcp 8080 from 10.2.0.0/16 "a"
        sg $app ingress allow tcp 8081 from 10.2.0.0/16 "b"

        """

    func validate(_ document: String, in dir: TemporaryDirectory) async throws -> ProcessResult {
        let file = try dir.write("document-\(UUID().uuidString).sarif", document)
        return try await startProcess(
            "/usr/bin/env", ["python3", "-c", Self.validator, Self.schema, file],
            environment: MotoEndToEnd.pythonEnvironment, in: dir
        ).finished()
    }

    @Test func auditSARIFValidatesAgainstTheSchema() async throws {
        let dir = try TemporaryDirectory()
        let setup = try await runSgsh(
            ["run", "--quiet", "--state", dir.state, try dir.write("s.sgsh", Self.setup)], in: dir)
        try #require(setup.status == 0, "\(setup)")
        let org = try dir.write("org.sgsh", "policy deny ingress tcp 22 from 0.0.0.0/0 \"no world ssh\"\n")

        // The stdlib's cis policies (the default) and a policy file, whose position SARIF carries.
        for extra in [[], ["--policy", org]] {
            let audit = try await runSgsh(["audit", "--state", dir.state, "--output", "sarif"] + extra, in: dir)
            #expect(audit.status == 1, "\(audit)")
            let log = try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any]
            let results = (log?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]] ?? []
            #expect(results.count >= 5, "\(audit.stdout)")
            let validation = try await validate(audit.stdout, in: dir)
            #expect(validation.status == 0, "the SARIF output breaks the schema:\n\(validation)")
        }
    }

    @Test func theValidatorRejectsWhatBreaksTheSchema() async throws {
        let dir = try TemporaryDirectory()
        _ = try await runSgsh(["run", "--quiet", "--state", dir.state, try dir.write("s.sgsh", Self.setup)], in: dir)
        let audit = try await runSgsh(["audit", "--state", dir.state, "--output", "sarif"], in: dir)
        try #require(audit.stdout.contains(#""level": "error""#), "\(audit)")
        // SARIF's levels are none, note, warning and error; a result needs a message.
        let broken = [
            audit.stdout.replacingOccurrences(of: #""level": "error""#, with: #""level": "fatal""#),
            audit.stdout.replacingOccurrences(of: #""version": "2.1.0""#, with: #""version": "2.0.0""#),
            audit.stdout.replacingOccurrences(of: #""message""#, with: #""note""#),
        ]
        for document in broken {
            let validation = try await validate(document, in: dir)
            #expect(validation.status == 1, "\(validation)")
            #expect(validation.stdout.contains("Draft4Validator"), "\(validation)")
        }
    }
}
