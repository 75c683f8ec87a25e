// A handle on the task a test applies in, so a fault can cancel it the way
// Ctrl-C cancels `sgsh run`: the executor runs each call in a task of its own
// (a call cut off in flight may still have landed), so cancelling "the current
// task" from inside a backend call would not reach the apply.

import Synchronization

/// Starts a task and cancels it on request.
public final class TaskCanceller: Sendable {
    private let cancelTask = Mutex<(@Sendable () -> Void)?>(nil)

    public init() {}

    /// Runs `body` in a new task that `cancel()` cancels, and returns its result.
    public func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
        // The task waits until its handle is stored, so a cancel cannot come too early.
        let (gate, open) = AsyncStream<Void>.makeStream()
        let task = Task {
            for await _ in gate {}
            return await body()
        }
        cancelTask.withLock { $0 = { task.cancel() } }
        open.finish()
        return await task.value
    }

    /// Cancels the task `run` started.
    public func cancel() {
        cancelTask.withLock { $0 }?()
    }
}
