// Replaces the random ids sgsh prints (sg-…, sgr-…, vpc-…, eni-…) with stable
// placeholders numbered in order of first appearance, so tests can assert the
// exact output. One normalizer is kept across the runs of a test, so the same
// group gets the same placeholder in every run's output.

import Foundation

final class IDNormalizer {
    private var names: [String: String] = [:]
    private var counts: [String: Int] = [:]

    /// `sg-5c970610be897f226` → `sg-1`, the next new group id → `sg-2`, and so on.
    func callAsFunction(_ text: String) -> String {
        text.replacing(/\b(sgr|sg|vpc|eni)-[0-9a-f]{8,17}\b/) { match in
            let id = String(match.output.0)
            if let name = names[id] { return name }
            let kind = String(match.output.1)
            counts[kind, default: 0] += 1
            let name = "\(kind)-\(counts[kind]!)"
            names[id] = name
            return name
        }
    }

    /// The same result with its stdout and stderr normalized.
    func callAsFunction(_ result: ProcessResult) -> ProcessResult {
        ProcessResult(stdout: self(result.stdout), stderr: self(result.stderr), status: result.status)
    }
}
