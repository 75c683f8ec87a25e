// Chunked test files (starlark's chunkedfile): `---` lines separate
// independent scripts, and each chunk is padded with blank lines so that
// its line numbers are the file's. `# expect: TEXT` gives an expected line
// of the transcript, in order; `# error: TEXT` expects an error on that line
// whose message contains TEXT.

import Foundation
import Testing

struct Chunk: Sendable, CustomTestStringConvertible {
    let file: String
    let firstLine: Int
    /// The chunk's text, with the lines of earlier chunks blanked out.
    let text: String

    var testDescription: String { "\(file):\(firstLine)" }

    struct ExpectedError: Equatable {
        let line: Int
        let text: String
    }

    var expectedTranscript: [String] { annotations("# expect: ").map(\.text) }
    var expectedErrors: [ExpectedError] { annotations("# error: ").map { ExpectedError(line: $0.line, text: $0.text) } }

    private func annotations(_ marker: String) -> [(line: Int, text: String)] {
        var out: [(Int, String)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let found = line.range(of: marker) else { continue }
            out.append((index + 1, String(line[found.upperBound...])))
        }
        return out
    }

    static func chunks(of text: String, file: String) -> [Chunk] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var chunks: [Chunk] = []
        var start = 0
        func flush(until end: Int) {
            let padding = String(repeating: "\n", count: start)
            let body = lines[start..<end].joined(separator: "\n")
            chunks.append(Chunk(file: file, firstLine: start + 1, text: padding + body + "\n"))
        }
        for (index, line) in lines.enumerated() where line == "---" {
            flush(until: index)
            start = index + 1
        }
        flush(until: lines.count)
        return chunks
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
