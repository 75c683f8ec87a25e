// Ctrl-C while an entry runs: SIGINT cancels the running task, so the
// executor can stop between calls, roll back and report (it checks
// cancellation), and the shell carries on.
//
// A signal handler may do almost nothing, so it writes one byte to a pipe;
// a dedicated thread reads the pipe and calls whatever handler is set. While a
// line is being edited the terminal does not send SIGINT at all (libedit runs
// with -isig and reads ^C as a key), and between entries the byte is ignored.

import Foundation

nonisolated(unsafe) private var interruptPipeWriteEnd: Int32 = -1

/// Turns SIGINT into a call of the current handler.
final class InterruptWatcher: @unchecked Sendable {
    private let lock = NSLock()
    private var handler: (@Sendable () -> Void)?

    /// Installs the SIGINT handler and starts the watching thread; call once per process.
    init() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        interruptPipeWriteEnd = ends[1]
        signal(SIGINT) { _ in
            var byte: UInt8 = 1
            _ = write(interruptPipeWriteEnd, &byte, 1)
        }
        let readEnd = ends[0]
        let thread = Thread { [weak self] in
            var byte: UInt8 = 0
            while true {
                let count = read(readEnd, &byte, 1)
                if count < 0, errno == EINTR { continue }
                if count <= 0 { return }
                self?.fire()
            }
        }
        thread.start()
    }

    private func fire() {
        lock.withLock { handler }?()
    }

    /// Runs `body` as a task that SIGINT cancels, and returns its result.
    func cancellable<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
        let task = Task { await body() }
        lock.withLock { handler = { task.cancel() } }
        let result = await task.value
        lock.withLock { handler = nil }
        return result
    }
}
