// Python helpers the credential end-to-end tests run beside the binary, each
// on its own free loopback port: a moto_server with IAM authentication on
// (set up through its first unauthenticated calls), and a small http.server
// playing instance metadata (IMDSv2), the container credentials endpoint or
// the IAM Identity Center portal. A helper prints one JSON line when ready
// and exits (stopping anything it started) on SIGTERM or when its stdin closes.

import Foundation
import Testing

/// A running helper; `stop()` ends it.
final class LoopbackHelper: @unchecked Sendable {
    struct NotReady: Error, CustomStringConvertible {
        let description: String
    }

    let process: Process
    private let input: Pipe
    /// The helper's ready line, decoded.
    let info: [String: String]
    /// Where an http.server helper logs the requests it saw, one JSON object per line.
    let requestLog: String

    /// Starts `python3 -c script args…` and waits for its JSON line.
    init(script: String, _ arguments: [String], in directory: TemporaryDirectory) throws {
        requestLog = directory.path("requests-\(UUID().uuidString).jsonl")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, requestLog] + arguments
        process.environment = MotoEndToEnd.pythonEnvironment.merging([
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        ]) { $1 }
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        var line = Data()
        while true {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
            if chunk.contains(UInt8(ascii: "\n")) { break }
        }
        guard let text = String(data: line, encoding: .utf8),
            let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
        else {
            process.terminate()
            throw NotReady(description: "the helper did not start: \(String(decoding: line, as: UTF8.self))")
        }
        info = object
    }

    /// Sends SIGTERM (the helper stops what it started) and waits for the exit. Closing stdin
    /// alone is not enough: processes other tests spawn meanwhile may inherit the pipe.
    func stop() {
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }

    /// The requests an http.server helper saw.
    var requests: [[String: String]] {
        guard let text = try? String(contentsOfFile: requestLog, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String]
        }
    }

    /// Runs `body` with a started helper and always stops it.
    static func with<T>(
        script: String, _ arguments: [String], in directory: TemporaryDirectory,
        _ body: (LoopbackHelper) async throws -> T
    ) async throws -> T {
        let helper = try LoopbackHelper(script: script, arguments, in: directory)
        do {
            let result = try await body(helper)
            helper.stop()
            return result
        } catch {
            helper.stop()
            throw error
        }
    }

    /// Stops the helper, and what it started, on SIGTERM or when the parent's pipe closes.
    static let watchStdin = """
        import os, signal, sys, threading
        def _watch(on_exit):
            def stop(*_):
                on_exit()
                os._exit(0)
            signal.signal(signal.SIGTERM, stop)
            sys.stdin.read()
            stop()
        """

    /// moto_server with IAM authentication: the first 12 calls create a user with
    /// full access and its key, roles Jump and Admin (trusting the account, full
    /// access) and ReadOnly (ec2:Describe* only), and a user `reader` with only
    /// ec2:Describe* and its key; every later call is signed and checked.
    static let motoWithIAM =
        watchStdin + #"""

            import json, socket, subprocess, time, urllib.request, boto3
            s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
            env = dict(os.environ, INITIAL_NO_AUTH_ACTION_COUNT="12")
            moto = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            endpoint = "http://127.0.0.1:%d" % port
            for _ in range(200):
                try:
                    urllib.request.urlopen(endpoint + "/moto-api/"); break
                except Exception:
                    time.sleep(0.05)
            iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1",
                               aws_access_key_id="setup", aws_secret_access_key="setup")
            allow_all = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
            describe_only = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ec2:Describe*"], "Resource": "*"}]})
            trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole"}]})
            iam.create_user(UserName="sgsh")                                                             # 1
            iam.put_user_policy(UserName="sgsh", PolicyName="all", PolicyDocument=allow_all)              # 2
            key = iam.create_access_key(UserName="sgsh")["AccessKey"]                                     # 3
            roles = {}
            for name, policy in [("Jump", allow_all), ("Admin", allow_all), ("ReadOnly", describe_only)]:  # 4-9
                roles[name] = iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust)["Role"]["Arn"]
                iam.put_role_policy(RoleName=name, PolicyName="p", PolicyDocument=policy)
            iam.create_user(UserName="reader")                                                            # 10
            iam.put_user_policy(UserName="reader", PolicyName="describe", PolicyDocument=describe_only)  # 11
            reader = iam.create_access_key(UserName="reader")["AccessKey"]                                # 12
            print(json.dumps({"endpoint": endpoint, "key": key["AccessKeyId"], "secret": key["SecretAccessKey"],
                              "jump": roles["Jump"], "admin": roles["Admin"], "readonly": roles["ReadOnly"],
                              "reader_key": reader["AccessKeyId"], "reader_secret": reader["SecretAccessKey"]}),
                  flush=True)
            _watch(lambda: (moto.kill(), moto.wait()))  # moto_server does not stop on SIGTERM
            """#

    /// A loopback server for one credential endpoint. Modes: imds, imds-refuse, imds-hang,
    /// container (argument: the expected Authorization), sso (argument: the expected bearer token).
    /// It answers credentials ASIA<MODE>/srv-secret-<mode>-canary/srv-token-<mode>-canary.
    static let credentialServer =
        watchStdin + #"""

            import json, time, datetime
            from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
            log_path, mode = sys.argv[1], sys.argv[2]
            expected = sys.argv[3] if len(sys.argv) > 3 else ""
            tag = mode.split("-")[0]
            expiry = (datetime.datetime.utcnow() + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
            creds = {"AccessKeyId": "ASIA" + tag.upper(), "SecretAccessKey": "srv-secret-%s-canary" % tag,
                     "Token": "srv-token-%s-canary" % tag, "Expiration": expiry, "Code": "Success"}
            class Handler(BaseHTTPRequestHandler):
                def log_message(self, *args): pass
                def answer(self, status, body):
                    data = body.encode()
                    self.send_response(status); self.send_header("Content-Length", str(len(data))); self.end_headers()
                    self.wfile.write(data)
                def record(self):
                    entry = {"method": self.command, "path": self.path}
                    for h in ["X-aws-ec2-metadata-token-ttl-seconds", "X-aws-ec2-metadata-token", "Authorization", "x-amz-sso_bearer_token"]:
                        if self.headers.get(h) is not None: entry[h.lower()] = self.headers.get(h)
                    with open(log_path, "a") as f: f.write(json.dumps(entry) + "\n")
                def do_PUT(self):
                    self.record()
                    if mode == "imds-hang": time.sleep(30)
                    if mode == "imds-refuse": return self.answer(403, "")
                    if self.path == "/latest/api/token" and self.headers.get("X-aws-ec2-metadata-token-ttl-seconds"):
                        return self.answer(200, "imds-session-token-canary")
                    self.answer(400, "")
                def do_GET(self):
                    self.record()
                    if mode == "imds":
                        if self.headers.get("X-aws-ec2-metadata-token") != "imds-session-token-canary": return self.answer(401, "")
                        if self.path == "/latest/meta-data/iam/security-credentials/": return self.answer(200, "web-role")
                        if self.path == "/latest/meta-data/iam/security-credentials/web-role": return self.answer(200, json.dumps(creds))
                        return self.answer(404, "")
                    if mode == "container":
                        if self.headers.get("Authorization") != expected: return self.answer(401, "")
                        return self.answer(200, json.dumps(creds))
                    if mode == "sso":
                        if self.headers.get("x-amz-sso_bearer_token") != expected: return self.answer(401, "")
                        ms = int((time.time() + 3600) * 1000)
                        return self.answer(200, json.dumps({"roleCredentials": {"accessKeyId": creds["AccessKeyId"],
                            "secretAccessKey": creds["SecretAccessKey"], "sessionToken": creds["Token"], "expiration": ms}}))
                    self.answer(404, "")
            server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
            print(json.dumps({"endpoint": "http://127.0.0.1:%d" % server.server_address[1]}), flush=True)
            _watch(lambda: None)
            """#
}
