// Network failures on the built binary (issue 17): a refused connection
// fails within a second or two per attempt and names the endpoint; a server
// that accepts and never answers is abandoned after the read timeout the user
// set (flag or profile) with a message that says it timed out. Messages are
// words: balanced brackets, no library type names. Loopback sockets only.

import Foundation
import SgshTestSupport
import Testing

@Suite struct NetworkFailureEndToEndTests {
    static let keys = [
        "AWS_ACCESS_KEY_ID": "AKIDNETWORK", "AWS_SECRET_ACCESS_KEY": "network-secret", "AWS_REGION": "us-east-1",
    ]
    static let script = "let web = sg create \"web\" \"web tier\"\n"

    /// Runs the binary and measures how long it took.
    static func timed(_ arguments: [String], environment: [String: String], in dir: TemporaryDirectory)
        async throws -> (ProcessResult, Duration)
    {
        let start = ContinuousClock.now
        let result = try await runSgsh(arguments, environment: keys.merging(environment) { $1 }, in: dir)
        return (result, ContinuousClock.now - start)
    }

    /// The message reads as prose: brackets balance, no Swift or library type names, no errno dumps.
    static func expectReadable(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(
            text.filter { $0 == "(" }.count == text.filter { $0 == ")" }.count, "\(text)",
            sourceLocation: sourceLocation)
        for typeName in ["Error(", "HTTPClientError", "NIO", "errno", "CancellationError", "IOError", "ChannelError"] {
            #expect(!text.contains(typeName), "\(typeName) in \(text)", sourceLocation: sourceLocation)
        }
    }

    @Test func refusedConnectionFailsFastAndNamesTheEndpoint() async throws {
        let dir = try TemporaryDirectory()
        let port = try #require(LoopbackSockets.closedPort())
        let file = try dir.write("web.sgsh", Self.script)
        let (result, elapsed) = try await Self.timed(
            ["plan", "--endpoint-url", "http://127.0.0.1:\(port)", "--connect-timeout", "120", file], environment: [:],
            in: dir)
        #expect(result.status == 1, "\(result)")
        #expect(
            result.stderr.contains(
                "could not reach EC2 at http://127.0.0.1:\(port)/: connection refused; gave up after 3 attempts"),
            "\(result)")
        // Three attempts, the backoff between them at most 1 s and 2 s (a couple of seconds on an
        // idle machine); waiting out the connect timeout, as the HTTP pool's own reconnect loop
        // did, would take 360 s. The bound is loose: a saturated test machine stalls for seconds.
        #expect(elapsed < .seconds(60), "took \(elapsed)")
        Self.expectReadable(result.stderr)
    }

    @Test func refusedSTSEndpointFailsFastToo() async throws {
        let dir = try TemporaryDirectory()
        let port = try #require(LoopbackSockets.closedPort())
        let (result, elapsed) = try await Self.timed(
            ["whoami", "--connect-timeout", "120"],
            environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:\(port)", "AWS_MAX_ATTEMPTS": "1"], in: dir)
        #expect(result.status == 1, "\(result)")
        #expect(
            result.stderr.hasSuffix("could not reach STS at http://127.0.0.1:\(port)/: connection refused\n"),
            "\(result)")
        // Milliseconds on an idle machine; the old reconnect loop waited out the 120 s.
        #expect(elapsed < .seconds(60), "took \(elapsed)")
        Self.expectReadable(result.stderr)
    }

    @Test func silentServerTimesOutAfterTheReadTimeoutFlag() async throws {
        let dir = try TemporaryDirectory()
        let listener = try #require(LoopbackSockets.SilentListener())
        defer { listener.close() }
        let file = try dir.write("web.sgsh", Self.script)
        let (result, elapsed) = try await Self.timed(
            ["plan", "--endpoint-url", "http://127.0.0.1:\(listener.port)", "--read-timeout", "1", file],
            environment: [:], in: dir)
        #expect(result.status == 1, "\(result)")
        #expect(
            result.stderr.contains(
                "EC2 at http://127.0.0.1:\(listener.port)/ timed out: no answer within 1 s (--read-timeout or the profile's cli_read_timeout sets it); gave up after 3 attempts"
            ), "\(result)")
        // Three 1 s waits and at most 3 s of backoff; before, three minutes.
        #expect(elapsed >= .seconds(3) && elapsed < .seconds(60), "took \(elapsed)")
        Self.expectReadable(result.stderr)
    }

    @Test func profileReadTimeoutAndAttemptsApply() async throws {
        let dir = try TemporaryDirectory()
        let listener = try #require(LoopbackSockets.SilentListener())
        defer { listener.close() }
        try FileManager.default.createDirectory(
            atPath: dir.path(".aws"), withIntermediateDirectories: true)
        _ = try dir.write(
            ".aws/config",
            "[default]\nregion = us-east-1\ncli_read_timeout = 0.5\nmax_attempts = 1\nretry_mode = adaptive\n")
        let file = try dir.write("web.sgsh", Self.script)
        let (result, elapsed) = try await Self.timed(
            ["plan", "--endpoint-url", "http://127.0.0.1:\(listener.port)", file], environment: [:], in: dir)
        #expect(result.status == 1, "\(result)")
        #expect(
            result.stderr.contains(
                "EC2 at http://127.0.0.1:\(listener.port)/ timed out: no answer within 0.5 s (--read-timeout or the profile's cli_read_timeout sets it)\n"
            ), "\(result)")
        // One 0.5 s wait; the default read timeout would be 60 s.
        #expect(elapsed < .seconds(40), "took \(elapsed)")
    }

    @Test func badTimeoutIsRefusedBeforeAnythingIsSent() async throws {
        let dir = try TemporaryDirectory()
        let (result, _) = try await Self.timed(
            ["plan", "--endpoint-url", "http://127.0.0.1:9", "--connect-timeout", "soon", "-c", "print 1"],
            environment: [:], in: dir)
        #expect(result.status != 0)
        #expect(
            result.stderr.contains("invalid --connect-timeout 'soon': give a number of seconds, 0 for no limit"),
            "\(result)")
        let (mode, _) = try await Self.timed(
            ["plan", "--endpoint-url", "http://127.0.0.1:9", "-c", "print 1"],
            environment: ["AWS_RETRY_MODE": "fast"], in: dir)
        #expect(mode.stderr.contains("invalid retry_mode 'fast': give legacy, standard or adaptive"), "\(mode)")
    }

    @Test func aRefusedCredentialEndpointIsNamedWithTheReason() async throws {
        let dir = try TemporaryDirectory()
        let port = try #require(LoopbackSockets.closedPort())
        let url = "http://127.0.0.1:\(port)/credentials"
        let result = try await runSgsh(
            ["whoami"],
            environment: [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": url, "AWS_REGION": "us-east-1",
                "AWS_ENDPOINT_URL": "http://127.0.0.1:\(port)", "AWS_EC2_METADATA_DISABLED": "true",
            ], in: dir)
        #expect(result.status == 1, "\(result)")
        #expect(
            result.stderr.contains("cannot reach the container credentials endpoint \(url): connection refused"),
            "\(result)")
        #expect(!result.stderr.contains("EC2"), "\(result)")
        Self.expectReadable(result.stderr)
    }
}
