// Starts scripts/fault-proxy in front of moto for one test and reads its log:
// which requests it faulted and how. The proxy is a separate python3 process
// (moto already needs python3), stopped by its own pid when the test ends.

import Foundation
import Testing

/// A running fault-injecting proxy on loopback.
final class FaultProxy {
    /// One request the proxy saw, from its log.
    struct Request: Decodable, Equatable {
        /// The 1-based arrival number.
        var n: Int
        /// The Query action (`AuthorizeSecurityGroupIngress`).
        var action: String
        /// A digest of the form body: every attempt of one call has the same.
        var body: String
        /// The fault it got, nil when forwarded untouched.
        var fault: String?

        /// True for calls that change something (the proxy's own rule: not Describe*/Get*).
        var isMutating: Bool { !action.hasPrefix("Describe") && !action.hasPrefix("Get") }
    }

    struct StartFailed: Error, CustomStringConvertible {
        let detail: String
        var description: String { "the fault proxy did not start: \(detail)" }
    }

    private let process: Process
    /// The proxy stops when this pipe closes, even if the test process dies first.
    private let lifeline = Pipe()
    private let logPath: String
    private var stopped = false
    /// The URL to give sgsh as `--endpoint-url`.
    let endpoint: String

    /// Starts the proxy in front of moto and waits until it listens.
    /// - Parameters:
    ///   - rate: the share of requests faulted, drawn from `seed`.
    ///   - faults: the kinds to draw from (scripts/fault-proxy lists them); nil for all.
    ///   - failMutatingCall: the 1-based mutating request answered with a non-retryable error.
    ///   - loseMutatingCall: the 1-based mutating request applied and its answer lost, after
    ///     which every request is answered 503 until `heal()`.
    init(
        rate: Double = 0, seed: Int = 13, faults: [String]? = nil, failMutatingCall: Int? = nil,
        loseMutatingCall: Int? = nil, in dir: TemporaryDirectory
    ) async throws {
        let id = UUID().uuidString
        logPath = dir.path("fault-proxy-\(id).jsonl")
        let portFile = dir.path("fault-proxy-\(id).port")
        var arguments = [
            "python3", Sgsh.packageFile("scripts/fault-proxy"), "--upstream", try MotoEndToEnd.endpoint(),
            "--rate", "\(rate)", "--seed", "\(seed)", "--log", logPath, "--port-file", portFile,
            "--stop-on-stdin-eof",
        ]
        if let faults { arguments += ["--faults", faults.joined(separator: ",")] }
        if let failMutatingCall { arguments += ["--fail-mutating-call", "\(failMutatingCall)"] }
        if let loseMutatingCall { arguments += ["--lose-mutating-call", "\(loseMutatingCall)"] }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = Sgsh.baseEnvironment(home: dir.url.path).merging(MotoEndToEnd.pythonEnvironment) {
            $1
        }
        process.standardInput = lifeline
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        // The proxy writes `port N` to the file (atomically) once it listens.
        for _ in 0..<600 {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8),
                let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines).dropFirst(5))
            {
                endpoint = "http://127.0.0.1:\(port)"
                return
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        try? lifeline.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        throw StartFailed(detail: process.isRunning ? "no port after 30 s" : "it exited")
    }

    deinit { stop() }

    /// Stops the proxy (its own process only) and waits for it.
    func stop() {
        guard !stopped else { return }
        stopped = true
        try? lifeline.fileHandleForWriting.close()
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// Ends the outage `loseMutatingCall` began (SIGUSR1 to the proxy's own process).
    func heal() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGUSR1)
    }

    /// The requests seen so far, in arrival order.
    func requests() throws -> [Request] {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Request.self, from: Data($0.utf8)) }
    }

    /// Attempts per call: runs of consecutive requests with the same action and body (sgsh sends
    /// one request at a time, and a retry re-sends the same body).
    static func attemptsPerCall(_ requests: [Request]) -> [(action: String, attempts: Int)] {
        var calls: [(action: String, body: String, attempts: Int)] = []
        for request in requests {
            if let last = calls.last, last.action == request.action, last.body == request.body {
                calls[calls.count - 1].attempts += 1
            } else {
                calls.append((request.action, request.body, 1))
            }
        }
        return calls.map { ($0.action, $0.attempts) }
    }
}
