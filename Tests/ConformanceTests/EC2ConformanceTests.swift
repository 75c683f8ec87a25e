// The backend conformance suite (SgshTestSupport/Conformance, the very same
// scenarios SgshLocal runs) against EC2Backend → moto_server over HTTP.
//
// Fresh state per scenario: every scenario gets its own moto account, chosen
// with moto's `x-moto-account-id` request header (moto keeps separate state
// per account and does not check signatures, so the unsigned header is safe).
// That isolates scenarios from each other and from the other moto tests that
// run in parallel in the same process, which a global POST /moto-api/reset
// would not. Scenarios run one at a time: moto_server handles requests on
// one CPU, and 76 scenarios at once on a busy machine pushed single responses
// past the request timeout, whose retry then hit InvalidGroup.Duplicate (the
// first CreateSecurityGroup had succeeded), as any SDK retry would.
//
// Where moto 5.2.1 differs from EC2 (EC2-SCENARIOS.md appendix), the scenario
// is listed in `motoKnownFailures` with what moto does instead, and runs
// inside `withKnownIssue`: it must still fail on moto, so a moto upgrade that
// fixes the difference makes this test fail and the entry gets removed. Every
// listed scenario must also carry the suite's own `motoDiffers` note. All
// other scenarios, including those whose moto difference does not show, must
// pass on moto exactly as on SgshLocal.

import Foundation
import Logging
import SgshEC2
import SgshModel
import SgshTestSupport
import Testing

/// Adds a fixed moto account header to every request.
private struct MotoAccountTransport: HTTPTransport {
    let base: AsyncHTTPTransport
    let account: String

    func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        var request = request
        request.headers.append((name: "x-moto-account-id", value: account))
        return try await base.send(request)
    }

    func shutdown() async throws { try await base.shutdown() }
}

@Suite(.serialized) struct EC2ConformanceTests {
    /// Scenarios that cannot pass on moto 5.2.1, and why (EC2-SCENARIOS.md appendix).
    static let motoKnownFailures: [String: String] = [
        "create-group-named-default-is-reserved":
            "moto answers InvalidGroup.Duplicate (the default group exists), not InvalidGroup.Reserved",
        "create-invalid-group-names-fail": "moto accepts group names EC2 rejects (e.g. starting with sg-)",
        "describe-malformed-id-fails":
            "moto answers InvalidGroup.NotFound for a malformed id, not InvalidGroupId.Malformed",
        "revoke-by-unknown-rule-id-fails":
            "moto answers InvalidPermission.NotFound, not InvalidSecurityGroupRuleId.NotFound",
        "authorize-invalid-description-fails": "moto stores descriptions with characters EC2 rejects",
        "authorize-invalid-ports-and-protocols-fail": "moto stores out-of-range ports and unknown protocols as given",
        "authorize-returns-every-new-rule":
            "moto's SecurityGroupRules response lists only the last IpPermission's rules",
        "authorize-host-bits-are-masked": "moto stores 100.68.0.18/18 verbatim instead of masking it to 100.68.0.0/18",
        "revoke-unknown-rule-is-reported-in-default-vpc":
            "moto answers InvalidPermission.NotFound in the default VPC instead of listing UnknownIpPermissions",
        "revoke-known-and-unknown-in-default-vpc":
            "moto answers InvalidPermission.NotFound in the default VPC instead of listing UnknownIpPermissions",
        "ipv4-and-ipv6-rules-are-counted-apart": "moto counts IPv4 and IPv6 rules against one 60-rule quota",
        "update-description-of-unknown-rule-fails": "moto silently ignores a description update for a missing rule",
        "delete-default-group-fails": "moto deletes a VPC's default group instead of answering CannotDelete",
        "delete-referenced-group-fails": "moto deletes a group other groups' rules reference (no DependencyViolation)",
        "duplicate-in-call-is-all-or-nothing": "moto keeps the new rules of a call that fails on a duplicate",
        "duplicate-within-one-call-fails": "moto keeps the new rules of a call that fails on a duplicate",
        "unknown-filter-fails": "moto answers an unknown filter name with HTTP 500 and an HTML page",
        "unknown-prefix-list-is-refused": "moto accepts a rule naming a prefix list that does not exist",
        "a-prefix-list-counts-its-max-entries": "moto counts a prefix-list reference as one rule",
    ]

    static func motoEndpoint() throws -> String { try MotoEndpoint.required() }

    /// A random 12-digit account id, so each scenario starts from moto's initial state.
    static func freshAccount() -> String {
        String(UInt64.random(in: 100_000_000_000...999_999_999_999))
    }

    @Test func everyKnownMotoFailureIsADocumentedDifference() {
        #expect(!ConformanceSuite.all.isEmpty)
        let byName = Dictionary(ConformanceSuite.all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for name in Self.motoKnownFailures.keys {
            #expect(byName[name] != nil, "unknown scenario \(name)")
            #expect(byName[name]?.motoDiffers != nil, "\(name) is not marked motoDiffers in the suite")
        }
    }

    @Test(arguments: ConformanceSuite.all)
    func scenarioBehavesOnMotoAsOnEC2(_ scenario: ConformanceScenario) async throws {
        let configuration = try EC2Configuration.resolve(
            environment: [
                "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
            ],
            endpointURL: try Self.motoEndpoint(), fileSystem: .files([:]))
        let transport = MotoAccountTransport(
            base: AsyncHTTPTransport(connectTimeout: .seconds(5), requestTimeout: .seconds(120)),
            account: Self.freshAccount())
        let backend = EC2Backend(
            configuration: configuration, transport: transport, logger: Logger(label: "sgsh.conformance"))
        if let reason = Self.motoKnownFailures[scenario.name] {
            await withKnownIssue("moto differs from EC2: \(reason)") {
                try await scenario.run(backend)
            }
        } else {
            do {
                try await scenario.run(backend)
            } catch {
                Issue.record("\(scenario.name) [\(scenario.source)]: \(error)")
            }
        }
        try await backend.shutdown()
    }
}
