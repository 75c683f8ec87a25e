// The eval corpus's view of SgshTestSupport's ChunkedFile: `# expect: TEXT`
// gives an expected line of the transcript, in order; `# error: TEXT`
// expects an error on that line whose message contains TEXT.

import Foundation
import SgshTestSupport
import Testing

struct Chunk: Sendable, CustomTestStringConvertible {
    let file: String
    let firstLine: Int
    /// The chunk's text, with the lines of earlier chunks blanked out.
    let text: String
    var expectations: [ChunkedFile.Expectation] = []

    var testDescription: String { "\(file):\(firstLine)" }

    struct ExpectedError: Equatable {
        let line: Int
        let text: String
    }

    var expectedTranscript: [String] { expectations.filter { $0.kind == "expect" }.map(\.text) }
    var expectedErrors: [ExpectedError] {
        expectations.filter { $0.kind == "error" }.map { ExpectedError(line: $0.line, text: $0.text) }
    }

    static func chunks(of text: String, file: String) -> [Chunk] {
        ChunkedFile(text, kinds: ["expect", "error"]).chunks.map {
            Chunk(file: file, firstLine: $0.firstLine, text: $0.source, expectations: $0.expectations)
        }
    }

    /// Every chunk of every `.sgsh` file directly in `directory`, sorted by file name.
    static func load(_ directory: URL) -> [Chunk] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".sgsh") }.sorted().flatMap { name in
            let text = (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
            return chunks(of: text, file: name)
        }
    }
}
