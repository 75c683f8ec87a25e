// Inline-expectation corpora, after starlark-go's internal/chunkedfile: one
// file holds many small programs separated by lines that are exactly `---`,
// and each line may end with an expectation comment such as
//
//     sg $web egress allow tcp 443 from 10.0.0.0/8   # error: take 'to', not 'from'
//
// Each chunk is padded with empty lines so that its line numbers are the
// line numbers of the whole file, and errors point where a reader looks.

import Foundation

/// A file of `---`-separated programs with `# kind: text` expectations.
public struct ChunkedFile: Sendable {
    /// One expectation: on `line`, a message of `kind` (e.g. `error`) containing `text`.
    public struct Expectation: Hashable, Sendable, CustomStringConvertible {
        public let line: Int
        public let kind: String
        public let text: String
        public var description: String { "line \(line): \(kind): \(text)" }
    }

    /// One program of the file.
    public struct Chunk: Sendable {
        /// The chunk's text, preceded by empty lines so line numbers match the file.
        public let source: String
        /// The file line of the chunk's first line (1-based).
        public let firstLine: Int
        public let expectations: [Expectation]

        /// Compares what was reported with the expectations of `kind`: every expectation must
        /// be met by a message on its line containing its text, and every reported message
        /// must be expected. Returns the problems in words (empty when all is well).
        public func mismatches(_ reported: [(line: Int, message: String)], kind: String = "error") -> [String] {
            var problems: [String] = []
            var unmatched = Array(reported.indices)
            for expectation in expectations where expectation.kind == kind {
                if let index = unmatched.first(where: {
                    reported[$0].line == expectation.line && reported[$0].message.contains(expectation.text)
                }) {
                    unmatched.removeAll { $0 == index }
                } else {
                    let onLine = reported.filter { $0.line == expectation.line }.map(\.message)
                    problems.append(
                        "expected \(expectation), got \(onLine.isEmpty ? "nothing" : onLine.joined(separator: " | "))")
                }
            }
            for index in unmatched {
                problems.append("unexpected \(kind) on line \(reported[index].line): \(reported[index].message)")
            }
            return problems
        }
    }

    public let chunks: [Chunk]

    /// Splits `text` into chunks and reads `# kind: text` comments for each of `kinds`.
    public init(_ text: String, kinds: [String] = ["error"]) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var chunks: [Chunk] = []
        var start = 0
        func flush(upTo end: Int) {
            guard start < end else { return }
            var expectations: [Expectation] = []
            for number in start..<end {
                for kind in kinds {
                    // The marker is the last `# kind:` on the line; everything after it is the text.
                    guard let marker = lines[number].range(of: "# \(kind): ", options: .backwards) else { continue }
                    let expected = lines[number][marker.upperBound...].trimmingCharacters(in: .whitespaces)
                    expectations.append(Expectation(line: number + 1, kind: kind, text: expected))
                }
            }
            let padding = String(repeating: "\n", count: start)
            let body = lines[start..<end].joined(separator: "\n")
            chunks.append(Chunk(source: padding + body + "\n", firstLine: start + 1, expectations: expectations))
        }
        for (number, line) in lines.enumerated() where line == "---" {
            flush(upTo: number)
            start = number + 1
        }
        flush(upTo: lines.count)
        self.chunks = chunks
    }
}
