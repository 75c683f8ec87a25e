// Where a single-target aws command's async work runs: on the event loop thread its HTTP
// connections use, instead of on Swift's global thread pool.
//
// Why: with the global pool, every call crosses threads twice (the request is handed to an event
// loop, the response back to a pool thread), and each hand-over to an idle core waits for that
// core to wake: 0.1–0.6 ms a time on the 2-core benchmark machine. async-http-client makes a
// request's connection on the caller's own event loop when it is called from one
// (`EventLoopGroup.any()`), so with this executor preferred a call is sent, answered and resumed
// on one thread: one new rule on moto took 1.3–1.8 ms less (docs/BENCHMARKS.md, ninth pass).
//
// Blocking work (the journal's writes and fsyncs, terminal output) then runs on that thread too.
// That is harmless while the backend's calls go one at a time and nothing else waits on the
// thread: one backend, one script. Fleets (many targets at once) and the interactive shell (which
// blocks reading the terminal between commands) keep the global pool.

import NIOCore
import NIOPosix
import SgshModel

public enum NetworkThread {
    /// Runs `body` with its async work, and that of the tasks it starts, on the event loop thread
    /// the aws transport's connections are made on.
    public static func run<T>(isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> T)
        async throws -> T
    {
        try await PreferredTaskExecutor.run(executor, isolation: isolation, body)
    }

    /// Makes the event loop group every AsyncHTTPTransport client uses (`.singleton`) one thread
    /// rather than one per core. A single-target command sends from one loop (`run`): the others
    /// only cost their start, and on 2 cores the warm-up thread that starts the group waited up to
    /// ~1 ms for the second one to be scheduled (docs/BENCHMARKS.md, thirteenth pass). Call once,
    /// before anything uses the group (NIO traps otherwise), and not for a fleet, whose targets'
    /// connections share it.
    public static func useOneLoopThread() { NIOSingletons.groupLoopCountSuggestion = 1 }

    /// Starts the event loop threads now, ahead of `run` (which otherwise starts them), from
    /// a thread that is not waiting for them: the CLI's start-up warm-up.
    public static func start() { _ = executor }

    /// Has the event loop thread, idle until the first request, describe itself once: the
    /// client's channel handler puts the loop's description in its logger metadata at every
    /// connection, and the first description asks the runtime ~8 questions (each a scan of all
    /// conformance records) on the first request's path. Only the loop's own thread describes
    /// all of it (its selector and state), so the question is asked there.
    public static func askDescriptionQuestions() { executor.describeLoopOnItsThread() }

    /// One loop of the group every AsyncHTTPTransport client uses (`.singleton`); made, with the
    /// group's threads, at the first `run`.
    private static let executor = EventLoopTaskExecutor(loop: MultiThreadedEventLoopGroup.singleton.next())
}

/// A task executor that runs each job on one NIO event loop.
final class EventLoopTaskExecutor: TaskExecutor {
    private let loop: any EventLoop

    init(loop: any EventLoop) {
        self.loop = loop
    }

    /// Describes the loop once, on its own thread (NetworkThread.askDescriptionQuestions).
    func describeLoopOnItsThread() {
        loop.execute { [loop] in _ = loop.description }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        // From the loop's own thread this only appends to its task queue: no wake-up.
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
