// One backend conformance scenario: operations in, resulting state or error code out.
//
// Scenarios are written only against `any SecurityGroupBackend`, so the very
// same list runs against SgshLocal and against SgshEC2 → moto_server, and the
// two cannot drift apart. A scenario throws `ConformanceFailure` (with the
// failing check's location) when the backend does not behave as EC2 does.

import SgshModel

/// A named check of EC2 behaviour that any SecurityGroupBackend should pass.
public struct ConformanceScenario: Sendable, CustomStringConvertible {
    /// A unique, readable name (`authorize-duplicate-rule-fails`).
    public let name: String
    /// Where the scenario comes from (`moto 24`, `EC2-FACTS §3`).
    public let source: String
    /// How moto 5.2.1 is known (or expected) to differ from EC2 here, if it does
    /// (EC2-SCENARIOS appendix); nil when moto behaves as EC2.
    public let motoDiffers: String?
    /// Runs the scenario; throws `ConformanceFailure` or the backend's unexpected error.
    public let run: @Sendable (any SecurityGroupBackend) async throws -> Void

    /// Creates a scenario.
    public init(
        _ name: String, source: String, motoDiffers: String? = nil,
        run: @escaping @Sendable (ConformanceContext) async throws -> Void
    ) {
        self.name = name
        self.source = source
        self.motoDiffers = motoDiffers
        self.run = { backend in try await run(ConformanceContext(backend: backend)) }
    }

    public var description: String { name }
}

/// A scenario's check that did not hold.
public struct ConformanceFailure: Error, CustomStringConvertible, Sendable {
    /// What was expected and what happened.
    public let message: String
    /// Where the failing check is (`Conformance/ConformanceSuite+Rules.swift:42`).
    public let location: String

    /// Creates a failure at the caller's location.
    public init(_ message: String, fileID: String = #fileID, line: Int = #line) {
        self.message = message
        self.location = "\(fileID):\(line)"
    }

    public var description: String { "\(location): \(message)" }
}
