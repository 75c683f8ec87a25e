// The evaluator never traps on user input: every prefix of every corpus
// chunk, and every chunk with one line dropped, either plans or fails with
// an SgshError (starlark's and Stencil's "no crash on bad input", done
// systematically over the corpus).

import Testing

@testable import SgshKit

@Suite struct EvalRobustnessTests {
    static let variants: [Chunk] = EvalCorpusTests.chunks.flatMap { chunk -> [Chunk] in
        let lines = chunk.text.split(separator: "\n", omittingEmptySubsequences: false)
        let body = lines.indices.filter { !lines[$0].trimmingPrefix(while: \.isWhitespace).isEmpty }
        var out: [Chunk] = []
        for cut in body {
            let prefix = lines[..<cut].joined(separator: "\n")
            var dropped = lines
            dropped.remove(at: cut)
            out.append(Chunk(file: chunk.file, firstLine: cut + 1, text: prefix))
            out.append(Chunk(file: chunk.file, firstLine: -(cut + 1), text: dropped.joined(separator: "\n")))
        }
        return out
    }

    @Test func variantsPlanOrFailWithoutTrapping() async {
        let host = TestHost(moduleRoot: EvalCorpusTests.directory)
        let interpreter = Interpreter(host: host, limits: EvalCorpusTests.limits)
        var outcomes = (planned: 0, failed: 0)
        for variant in Self.variants {
            do {
                _ = try await interpreter.plan(source: variant.text, name: variant.file)
                outcomes.planned += 1
            } catch {
                outcomes.failed += 1
            }
        }
        // Reaching this line is the test (a trap ends the process); the counts show the
        // variants exercised both the planning and the failing paths.
        #expect(outcomes.planned > 100 && outcomes.failed > 100)
    }
}
