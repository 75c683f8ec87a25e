// Retry modes on the built binary against a loopback EC2 that answers
// RequestLimitExceeded (HTTP 503) to its first request: standard mode retries
// after its backoff; adaptive mode also switches its client-side rate limiter
// on, which --debug reports, and sends the retry once it has a token (how long
// that takes is timed on a fake clock by RetryModeTests: here it depends on
// the machine's load).

import Foundation
import Testing

@Suite struct RetryModeEndToEndTests {
    /// A loopback EC2: the first N requests (argument) are throttled, the rest get an empty
    /// answer for their action. Each request is logged with its number and arrival time.
    static let throttlingEC2 =
        LoopbackHelper.watchStdin + #"""

            import json, threading, time
            from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
            from urllib.parse import parse_qs
            log_path, throttle_first = sys.argv[1], int(sys.argv[2])
            lock = threading.Lock(); count = [0]
            class Handler(BaseHTTPRequestHandler):
                def log_message(self, *args): pass
                def do_POST(self):
                    body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                    action = parse_qs(body).get("Action", ["?"])[0]
                    with lock:
                        count[0] += 1; n = count[0]
                        with open(log_path, "a") as f:
                            f.write(json.dumps({"action": action, "n": str(n), "t": "%.3f" % time.time()}) + "\n")
                    if n <= throttle_first:
                        out = (b'<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>RequestLimitExceeded'
                               b'</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r</RequestID></Response>')
                        self.send_response(503)
                    else:
                        out = ('<%sResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId>'
                               '<securityGroupInfo/><securityGroupRuleSet/></%sResponse>' % (action, action)).encode()
                        self.send_response(200)
                    self.send_header("Content-Type", "text/xml")
                    self.send_header("Content-Length", str(len(out)))
                    self.end_headers()
                    self.wfile.write(out)
            server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            print(json.dumps({"endpoint": "http://127.0.0.1:%d" % server.server_address[1]}), flush=True)
            _watch(lambda: None)
            """#

    static func plan(mode: String, in dir: TemporaryDirectory) async throws -> (ProcessResult, [[String: String]]) {
        try await LoopbackHelper.with(script: Self.throttlingEC2, ["1"], in: dir) { server in
            let file = try dir.write("web.sgsh", "let web = sg create \"web\" \"web tier\"\n")
            let result = try await runSgsh(
                ["plan", "--endpoint-url", server.info["endpoint"]!, "--debug", file],
                environment: [
                    "AWS_ACCESS_KEY_ID": "AKIDRETRY", "AWS_SECRET_ACCESS_KEY": "retry-secret",
                    "AWS_REGION": "us-east-1",
                    "AWS_RETRY_MODE": mode,
                ], in: dir)
            return (result, server.requests)
        }
    }

    @Test func adaptiveModeSwitchesItsRateLimiterOnWhenThrottled() async throws {
        let (result, requests) = try await Self.plan(mode: "adaptive", in: try TemporaryDirectory())
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("+ <new web> create \"web\" \"web tier\""), "\(result)")
        #expect(
            result.stderr.contains(
                "EC2 DescribeSecurityGroups: attempt 1 of 3 failed (HTTP 503 RequestLimitExceeded); retrying in "),
            "\(result)")
        // The throttled answer switches the client-side limiter on. How long the retry then waits
        // for a token depends on how long the process has run (the bucket fills from its start)
        // and on the machine's load, so it is not asserted here; RetryModeTests times it on a
        // fake clock.
        #expect(
            result.stderr.contains(
                "EC2 DescribeSecurityGroups: adaptive retry mode: throttled, so requests now wait for a send token"),
            "\(result)")
        #expect(requests.count == 2)
    }

    @Test func standardModeRetriesWithoutTheLimiter() async throws {
        let (result, requests) = try await Self.plan(mode: "standard", in: try TemporaryDirectory())
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("attempt 1 of 3 failed (HTTP 503 RequestLimitExceeded)"), "\(result)")
        #expect(!result.stderr.contains("adaptive retry mode"), "\(result)")
        #expect(requests.count == 2)
    }

    /// whoami takes only the AWS options, and with --expect-account it fails on another account.
    @Test func whoamiChecksTheExpectedAccount() async throws {
        let dir = try TemporaryDirectory()
        let environment = [
            "AWS_ENDPOINT_URL": try MotoEndToEnd.endpoint(), "AWS_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "AKIDWHOAMI", "AWS_SECRET_ACCESS_KEY": "whoami-secret",
        ]
        let right = try await runSgsh(
            ["whoami", "--expect-account", "123456789012"], environment: environment, in: dir)
        #expect(right.status == 0, "\(right)")
        let wrong = try await runSgsh(
            ["whoami", "--expect-account", "999999999999"], environment: environment, in: dir)
        #expect(wrong.status == 1, "\(wrong)")
        #expect(wrong.stdout.contains("account      123456789012\n"))
        #expect(
            wrong.stderr
                == "sgsh: error: these credentials act on account 123456789012, not the expected 999999999999\n")
        let local = try await runSgsh(["whoami", "--state", dir.state], environment: environment, in: dir)
        #expect(local.status == 2, "--state is not a whoami option: \(local)")
    }

    @Test func whoamiShowsTheRetryModeAndTheTimeouts() async throws {
        let dir = try TemporaryDirectory()
        try CredentialE2E.writeAWSFile(
            "config", "[default]\nretry_mode = legacy\ncli_connect_timeout = 3\ncli_read_timeout = 0\n", in: dir)
        let environment = [
            "AWS_ENDPOINT_URL": try MotoEndToEnd.endpoint(), "AWS_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "AKIDWHOAMI", "AWS_SECRET_ACCESS_KEY": "whoami-secret",
        ]
        let profile = try await runSgsh(["whoami"], environment: environment, in: dir)
        #expect(profile.status == 0, "\(profile)")
        #expect(profile.stdout.contains("retries      legacy, 5 attempts\n"), "\(profile)")
        #expect(profile.stdout.contains("timeouts     connect 3 s, read no limit\n"), "\(profile)")
        let overridden = try await runSgsh(
            // Long enough that a loaded moto answers STS in time: the test is about what whoami shows.
            ["whoami", "--read-timeout", "120.5"],
            environment: environment.merging(["AWS_RETRY_MODE": "adaptive", "AWS_MAX_ATTEMPTS": "4"]) { $1 }, in: dir)
        #expect(overridden.stdout.contains("retries      adaptive, 4 attempts\n"), "\(overridden)")
        #expect(overridden.stdout.contains("timeouts     connect 3 s, read 120.5 s\n"), "\(overridden)")
    }
}
