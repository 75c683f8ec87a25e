// Access to the moto_server that scripts/test starts on loopback.
//
// The endpoint comes from SGSH_MOTO_ENDPOINT. Without it the moto tests fail
// (they are not skipped) with a message saying how to run them. Each test
// uses its own names (a random suffix), so suites can share one moto without
// resetting it; the suite runs serialized to keep moto's latency low.

import Foundation
import Logging
import SgshEC2
import SgshModel
import SgshTestSupport
import Testing

enum Moto {
    /// The moto endpoint, or an error explaining how to provide it.
    static func endpoint() throws -> String { try MotoEndpoint.required() }

    /// Dummy credentials and us-east-1, resolved the way the CLI will resolve them.
    static func configuration() throws -> EC2Configuration {
        try EC2Configuration.resolve(
            environment: [
                "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
            ],
            endpointURL: endpoint(), fileSystem: .files([:]))
    }

    /// Runs `body` with a backend on moto and shuts the backend down afterwards.
    static func withBackend<T>(
        pageSize: Int? = 1000, _ body: (EC2Backend) async throws -> T
    ) async throws -> T {
        let backend = EC2Backend(
            configuration: try configuration(),
            transport: AsyncHTTPTransport(connectTimeout: .seconds(5), requestTimeout: .seconds(120)),
            logger: Logger(label: "sgsh.ec2.moto"), pageSize: pageSize)
        return try await EC2Backend.withBackend(backend, body)
    }

    /// A name no other test uses.
    static func uniqueName(_ stem: String) -> String { "\(stem)-\(UUID().uuidString.prefix(8).lowercased())" }

    /// POST /moto-api/reset: forget every resource (used by the conformance suite between scenarios).
    static func reset() async throws {
        let url = try endpoint().trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/moto-api/reset"
        let transport = AsyncHTTPTransport(connectTimeout: .seconds(5), requestTimeout: .seconds(120))
        let response: HTTPTransportResponse
        do {
            response = try await transport.send(HTTPTransportRequest(method: "POST", url: url, headers: [], body: []))
        } catch {
            try? await transport.shutdown()
            throw error
        }
        try await transport.shutdown()
        guard response.status == 200 else { throw BackendError(code: "MotoReset", message: "HTTP \(response.status)") }
    }
}

/// Expects a BackendError with the given code from `body`.
func expectBackendError(
    _ code: String, _ category: BackendError.Category, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async {
    do {
        try await body()
        Issue.record("expected \(code), but the call succeeded", sourceLocation: sourceLocation)
    } catch let error as BackendError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        #expect(error.category == category, "\(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected BackendError \(code), got \(error)", sourceLocation: sourceLocation)
    }
}
