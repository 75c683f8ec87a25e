// Runs the BUILT sgsh binary as a child process, for the end-to-end tests.
//
// The binary is $SGSH_BINARY (scripts/test exports it after `swift build`),
// else <package root>/.build/debug/sgsh found from this file's path. Each
// run gets a minimal environment (PATH, HOME in the test's own temporary
// folder, NO_COLOR) plus what the test passes, so the developer's AWS
// variables and ~/.aws never leak in. Output goes to files, not pipes, so a
// large output cannot deadlock the child, and the wait is a continuation, so
// parallel tests never block the cooperative thread pool.

import Foundation
import Testing

/// What one run of the binary printed and how it exited.
struct ProcessResult: Equatable, CustomStringConvertible {
    var stdout: String
    var stderr: String
    var status: Int32

    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// A temporary folder for one test, removed when the value goes away.
final class TemporaryDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sgsh-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// A path inside the folder.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// The state file the test's local-backend runs share.
    var state: String { path("state.sqlite") }

    /// Writes a file and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String, executable: Bool = false) throws -> String {
        let file = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file) }
        return file
    }
}

enum Sgsh {
    struct BinaryMissing: Error, CustomStringConvertible {
        let path: String
        var description: String {
            "the sgsh binary is not at \(path): run `swift build` first, or the tests with scripts/test (which sets SGSH_BINARY)"
        }
    }

    /// The package root, three folders above Tests/SgshCLITests/EndToEnd/.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A file of the package, e.g. `examples/three-tier.sgsh`.
    static func packageFile(_ relativePath: String) -> String {
        packageRoot.appendingPathComponent(relativePath).path
    }

    /// The binary under test.
    static func binary() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let path =
            environment["SGSH_BINARY"].flatMap { $0.isEmpty ? nil : $0 }
            ?? packageRoot.appendingPathComponent(".build/debug/sgsh").path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw BinaryMissing(path: path) }
        return path
    }

    /// The environment every run starts from.
    static func baseEnvironment(home: String) -> [String: String] {
        ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home, "NO_COLOR": "1"]
    }
}

/// Starts a program and returns it running; `finished` awaits its exit.
struct RunningProcess {
    let process: Process
    let exited: AsyncStream<Int32>
    let stdoutFile: URL
    let stderrFile: URL

    func finished() async throws -> ProcessResult {
        var status: Int32 = -1
        for await code in exited { status = code }
        let stdout = try Data(contentsOf: stdoutFile)
        let stderr = try Data(contentsOf: stderrFile)
        return ProcessResult(
            stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self),
            status: status)
    }
}

/// Starts `executable` with `arguments` in `directory`; stdin is `stdin` (empty when nil).
func startProcess(
    _ executable: String, _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
    in directory: TemporaryDirectory
) async throws -> RunningProcess {
    let id = UUID().uuidString
    let input = try directory.write("stdin-\(id)", stdin ?? "")
    let stdoutFile = URL(fileURLWithPath: directory.path("stdout-\(id)"))
    let stderrFile = URL(fileURLWithPath: directory.path("stderr-\(id)"))
    _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
    _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)

    let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
    func launch() throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory.url
        process.environment = Sgsh.baseEnvironment(home: directory.url.path).merging(environment) { $1 }
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: input))
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        process.terminationHandler = { finished in
            // A crash shows as 128 + the signal, as a shell reports it, never as an exit code.
            let signaled = finished.terminationReason == .uncaughtSignal
            continuation.yield(signaled ? 128 + finished.terminationStatus : finished.terminationStatus)
            continuation.finish()
        }
        try process.run()
        return process
    }
    // A script the test has just written may be briefly held open for writing
    // by a child another test is forking at that moment (the descriptor lives
    // until that child execs): exec then fails with ETXTBSY. Trying again is
    // the usual remedy; nothing here depends on how long it takes.
    var attempt = 0
    while true {
        do {
            let process = try launch()
            return RunningProcess(process: process, exited: stream, stdoutFile: stdoutFile, stderrFile: stderrFile)
        } catch  where isTextFileBusy(error) && attempt < 100 {
            attempt += 1
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}

/// True for exec's ETXTBSY, as Foundation reports it.
private func isTextFileBusy(_ error: any Error) -> Bool {
    let error = error as NSError
    if error.domain == NSPOSIXErrorDomain, error.code == Int(ETXTBSY) { return true }
    guard let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError else { return false }
    return underlying.domain == NSPOSIXErrorDomain && underlying.code == Int(ETXTBSY)
}

/// Runs the sgsh binary to completion: `runSgsh(["plan", "x.sgsh"], in: dir)`.
func runSgsh(
    _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], in directory: TemporaryDirectory
) async throws -> ProcessResult {
    try await startProcess(try Sgsh.binary(), arguments, stdin: stdin, environment: environment, in: directory)
        .finished()
}

extension TemporaryDirectory {
    /// The line every report on this folder's state file starts with: what it acted on.
    var reportHeader: String { "Backend: local (state file \(state))\n" }
}
