// Everything a provider reads from the outside world, injected so each
// provider is testable without the real home directory, network, clock,
// terminal or processes.

import Foundation
import Logging

/// The outside world as credential providers see it.
public struct CredentialContext: Sendable {
    /// The process environment.
    public var environment: [String: String]
    /// Reads ~/.aws files, token files and the SSO cache.
    public var files: EC2FileReader
    /// Carries STS, SSO portal, container and instance metadata requests.
    public var transport: any HTTPTransport
    /// The clock (SSO token expiry, session names, refresh decisions).
    public var now: @Sendable () -> Date
    /// Asks for an MFA code on the terminal; nil when there is no terminal.
    public var prompt: (@Sendable (String) -> String?)?
    /// Runs a credential_process command.
    public var runProcess: @Sendable (String) async throws -> ProcessOutput
    /// Where providers log (`--debug`).
    public var logger: Logger

    /// Creates a context; by default the shared HTTP client, the system clock, no terminal
    /// and `/bin/sh -c` for processes.
    public init(
        environment: [String: String], files: EC2FileReader,
        transport: any HTTPTransport = AsyncHTTPTransport(sharedWithRequestTimeout: .seconds(30)),
        now: @escaping @Sendable () -> Date = { Date() }, prompt: (@Sendable (String) -> String?)? = nil,
        runProcess: @escaping @Sendable (String) async throws -> ProcessOutput = ProcessOutput.run,
        logger: Logger = Logger(label: "sgsh.credentials")
    ) {
        self.environment = environment
        self.files = files
        self.transport = transport
        self.now = now
        self.prompt = prompt
        self.runProcess = runProcess
        self.logger = logger
    }

    /// A non-empty, trimmed environment variable.
    func env(_ name: String) -> String? {
        guard let value = environment[name]?.trimmingASCIIWhitespace(), !value.isEmpty else { return nil }
        return value
    }

    /// `~` expanded with HOME.
    func expandingHome(_ path: String) -> String {
        guard path.hasPrefix("~/") else { return path }
        return (env("HOME") ?? "") + path.dropFirst(1)
    }
}

/// What a credential_process printed and how it ended.
public struct ProcessOutput: Sendable {
    /// The exit status.
    public var status: Int32
    /// Standard output (the credentials JSON).
    public var stdout: [UInt8]
    /// Standard error (reported when the process fails).
    public var stderr: String

    /// Creates an output.
    public init(status: Int32, stdout: [UInt8], stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    /// Runs `command` with `/bin/sh -c`, so quoting works as in a shell.
    @Sendable public static func run(_ command: String) async throws -> ProcessOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes before waiting, so a chatty process cannot block on a full pipe.
        async let stdout = Task.detached { out.fileHandleForReading.readDataToEndOfFile() }.value
        async let stderr = Task.detached { err.fileHandleForReading.readDataToEndOfFile() }.value
        let (outData, errData) = await (stdout, stderr)
        process.waitUntilExit()
        return ProcessOutput(
            status: process.terminationStatus, stdout: Array(outData), stderr: String(decoding: errData, as: UTF8.self))
    }
}
