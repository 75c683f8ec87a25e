// The fleet's report: each target's usual report under its heading
// (`account 111111111111 / eu-west-1`), then a summary table (target, result,
// + − = ~, calls, seconds) and the failed targets again with their errors.
// `--output json` is an array with one object per target, in target order.

import Foundation
import SgshKit

enum FleetReport {
    /// One target's block: the heading, then the usual report.
    /// `asComment`: the heading as a script comment (export, whose blocks are scripts).
    static func block(_ result: FleetTargetResult, asComment: Bool = false) -> String {
        (asComment ? "# " : "") + "=== \(result.heading) ===\n" + result.text + "\n"
    }

    /// The summary table and the failed targets.
    static func summary(_ results: [FleetTargetResult]) -> String {
        let headings = results.map(\.heading)
        let width = max(headings.map(\.count).max() ?? 0, "target".count)
        let resultWidth = max(results.map(\.result.rawValue.count).max() ?? 0, "result".count)
        // Counts and calls right-aligned in 6 columns, seconds in 8.
        let widths = [6, 6, 6, 6, 6, 8]
        func row(_ cells: [String]) -> String {
            cells[0].padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + cells[1].padding(toLength: resultWidth, withPad: " ", startingAt: 0)
                + zip(cells[2...], widths).map { String(repeating: " ", count: max(0, $1 - $0.count)) + $0 }.joined()
        }
        var out = "Fleet: \(results.count) target\(results.count == 1 ? "" : "s"): " + tally(results) + ".\n"
        out += row(["target", "result", "+", "−", "=", "~", "calls", "seconds"]) + "\n"
        for result in results {
            let counts = result.counts
            out +=
                row([
                    result.heading, result.result.rawValue, "\(counts[.added] ?? 0)", "\(counts[.removed] ?? 0)",
                    "\(counts[.unchanged] ?? 0)", "\(counts[.changed] ?? 0)", "\(result.calls)",
                    String(format: "%.2f", result.seconds),
                ]) + "\n"
        }
        let failed = results.filter(\.result.isFailure)
        if !failed.isEmpty {
            out += "Failed targets:\n"
            for result in failed {
                let why =
                    result.error
                    ?? (result.result == .notStarted
                        ? "not started (an earlier target failed, or the run was cancelled)" : result.result.rawValue)
                out += "  \(result.heading): \(why.replacingOccurrences(of: "\n", with: "\n    "))\n"
            }
        }
        return out
    }

    /// `8 applied, 1 failed`, in the order results first appear.
    static func tally(_ results: [FleetTargetResult]) -> String {
        var order: [FleetTargetResult.Result] = []
        var counts: [FleetTargetResult.Result: Int] = [:]
        for result in results {
            if counts[result.result] == nil { order.append(result.result) }
            counts[result.result, default: 0] += 1
        }
        return order.map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
    }

    /// One object per target.
    static func json(_ results: [FleetTargetResult]) -> JSONValue { .array(results.map(\.json)) }

    /// `[3/9] targets done, 4 running, 1 failed`, rewritten on one stderr line.
    static func progressLine(_ progress: FleetRunner.Progress) -> String {
        "\r\u{1B}[K[\(progress.done)/\(progress.total)] targets done, \(progress.running) running, \(progress.failed) failed"
    }
}
