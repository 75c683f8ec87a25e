// Ctrl-C (and, for `run`, SIGTERM: a CI timeout, `kill`) while changes are
// applied: the signal cancels the running task, so the executor stops between
// calls, rolls back what it applied and reports it. Killing the process
// instead would leave a half-applied firewall.
//
// A signal handler may do almost nothing, so it writes the signal's number to
// a pipe; a dedicated thread reads the pipe and calls whatever handler is set.
// In the REPL, while a line is being edited the terminal does not send SIGINT
// at all (libedit runs with -isig and reads ^C as a key), and between entries
// the signal is ignored. For a command, a signal outside an apply does what
// it would have done without sgsh's handler: it ends the process.

import Foundation
import SgshModel

nonisolated(unsafe) private var interruptPipeWriteEnd: Int32 = -1

/// Turns signals into a call of the current handler.
final class InterruptWatcher: @unchecked Sendable {
    /// What a signal does while no cancellable task runs.
    enum WhenIdle {
        /// Nothing (the REPL between entries).
        case ignore
        /// What it does by default: end the process.
        case terminate
    }

    private let lock = NSLock()
    private var handler: (@Sendable (Int32) -> Void)?
    private let whenIdle: WhenIdle

    /// Installs the handler of `signals` and starts the watching thread; call once per process.
    init(signals: [Int32] = [SIGINT], whenIdle: WhenIdle = .ignore) {
        self.whenIdle = whenIdle
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        interruptPipeWriteEnd = ends[1]
        for number in signals {
            signal(number) { received in
                var byte = UInt8(truncatingIfNeeded: received)
                _ = write(interruptPipeWriteEnd, &byte, 1)
            }
        }
        let readEnd = ends[0]
        let thread = Thread { [weak self] in
            var byte: UInt8 = 0
            while true {
                let count = read(readEnd, &byte, 1)
                if count < 0, errno == EINTR { continue }
                if count <= 0 { return }
                self?.fire(Int32(byte))
            }
        }
        thread.start()
    }

    private func fire(_ number: Int32) {
        if let handler = lock.withLock({ handler }) {
            handler(number)
        } else if whenIdle == .terminate {
            signal(number, SIG_DFL)
            raise(number)
        }
    }

    /// Runs `body` as a task that a signal cancels, and returns its result. `onSignal` is
    /// told of each signal (say what happens next; the task is cancelled already).
    func cancellable<T: Sendable>(
        _ body: @escaping @Sendable () async -> T, onSignal: (@Sendable (Int32) -> Void)? = nil
    ) async -> T {
        let task = Task(executorPreference: PreferredTaskExecutor.current) { await body() }
        lock.withLock {
            handler = { number in
                task.cancel()
                onSignal?(number)
            }
        }
        let result = await task.value
        lock.withLock { handler = nil }
        return result
    }
}
