// Runs the targets of a fleet side by side: a task group holding at most
// `concurrency` targets at once, each started when another finishes.
// --fail-fast starts no new target after a failure; cancellation (Ctrl-C)
// reaches every running target, whose executor stops between calls and
// rolls back what it applied, and starts no new one. Each target's block is
// handed to `finished` as soon as it is done; results come back in target order.

import Foundation

struct FleetRunner: Sendable {
    let targets: [FleetTarget]
    let concurrency: Int
    let failFast: Bool
    /// Called once per target as it finishes (on the runner's task, one at a time).
    let finished: @Sendable (FleetTargetResult, _ progress: Progress) -> Void

    /// Targets done, running and failed so far.
    struct Progress: Sendable {
        var done = 0
        var running = 0
        var failed = 0
        var total: Int
    }

    func run(_ work: @escaping @Sendable (FleetTarget) async -> FleetTargetResult) async -> [FleetTargetResult] {
        var results: [FleetTargetResult?] = Array(repeating: nil, count: targets.count)
        var progress = Progress(total: targets.count)
        await withTaskGroup(of: (Int, FleetTargetResult).self) { group in
            var next = 0
            var stopped = false
            func startNext() {
                guard !stopped, !Task.isCancelled, next < targets.count else { return }
                let index = next
                let target = targets[index]
                group.addTask { (index, await work(target)) }
                next += 1
                progress.running += 1
            }
            for _ in 0..<min(concurrency, targets.count) { startNext() }
            while let (index, result) = await group.next() {
                results[index] = result
                progress.running -= 1
                progress.done += 1
                if result.result.isFailure {
                    progress.failed += 1
                    if failFast { stopped = true }
                }
                finished(result, progress)
                startNext()
            }
        }
        return zip(targets, results).map { target, result in
            result ?? FleetTargetResult(target: target, account: target.account, result: .notStarted)
        }
    }
}
