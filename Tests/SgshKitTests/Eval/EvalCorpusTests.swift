// Runs the eval corpus (Fixtures/eval/*.sgsh): each chunk is a script whose
// `# expect:` lines are its output and planned operations, in order, and
// whose `# error:` lines are the errors it must stop with. A chunk that
// errors must produce no plan; its expected lines are then its output only.

import Foundation
import SgshModel
import Testing

@testable import SgshKit

@Suite struct EvalCorpusTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/eval")
    static let chunks = Chunk.load(directory)
    static let limits = ExecutionLimits(maxSteps: 100_000, maxCallDepth: 50)

    @Test func corpusIsLargeEnough() {
        #expect(Self.chunks.count >= 80)
    }

    @Test(arguments: chunks)
    func chunkMeetsItsExpectations(_ chunk: Chunk) async {
        let host = TestHost(moduleRoot: Self.directory)
        let interpreter = Interpreter(host: host, limits: Self.limits)
        let expectedErrors = chunk.expectedErrors
        do {
            let plan = try await interpreter.plan(source: chunk.text, name: chunk.file) { host.record($0) }
            var transcript = host.transcript
            if plan.dryRun { transcript.append("(dry run)") }
            #expect(expectedErrors.isEmpty, "the script succeeded, but errors were expected: \(expectedErrors)")
            #expect(transcript == chunk.expectedTranscript)
        } catch {
            var actual: [(line: Int, message: String)] = []
            switch error {
            case .invalidProgram(let diagnostics):
                #expect(host.transcript.isEmpty, "an invalid program must not run")
                for diagnostic in diagnostics where diagnostic.severity == .error {
                    actual.append((diagnostic.range.location.line, diagnostic.message))
                }
            case .runtime(let failure):
                actual.append((Self.line(of: failure, in: chunk.file), failure.message))
                #expect(host.output == chunk.expectedTranscript)
            }
            for expected in expectedErrors {
                #expect(
                    actual.contains { $0.line == expected.line && $0.message.contains(expected.text) },
                    "expected an error containing '\(expected.text)' on line \(expected.line); got \(actual)")
            }
            for error in actual {
                #expect(
                    expectedErrors.contains { $0.line == error.line && error.message.contains($0.text) },
                    "unexpected error on line \(error.line): \(error.message)")
            }
        }
    }

    /// The line of `file` a runtime error is attributed to: its own line when it
    /// happened in that file, else the innermost frame in that file (a `use` or a call).
    static func line(of error: RuntimeError, in file: String) -> Int {
        if error.range.file.name == file { return error.range.location.line }
        let frame = error.callStack.last { $0.range?.file.name == file }
        return frame?.range?.location.line ?? 0
    }
}
