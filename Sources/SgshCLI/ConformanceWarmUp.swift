// Start-up: the questions ArgumentParser asks about sgsh's own command and option types are
// asked first, on another core, while the main thread parses.
//
// Why: the first "does type T conform to protocol P" of a process is answered by scanning all
// ~9,900 conformance records of the binary (~0.37 M instructions); the answer is then cached,
// for every thread. ArgumentParser finds a command's options by reflection and asks ~47 such
// questions before the command runs: most of the aws backend's start (docs/BENCHMARKS.md,
// eighth pass). Its own and `Mirror`'s come first; those about the command and the option
// groups come last, so a thread that asks them first has them cached by the time the main
// thread gets there. Then, when the command line names the aws backend, it starts the event
// loop threads (NetworkThread), has the loop thread describe itself, and asks the first
// request's questions (TransportWarmUp): an aws run that sends nothing pays for them on the
// other core (the aws start +0.2–0.3 ms; one new rule on moto −0.7 to −0.9 ms,
// docs/BENCHMARKS.md, ninth pass; the loop's description, twelfth pass). Nothing else is
// shared with the main thread, and nothing waits for this thread: a process that exits first
// simply never needed the answers.

import ArgumentParser
import Foundation
import SgshEC2

enum ConformanceWarmUp {
    /// Every option group type of sgsh's commands, nested ones included, in the order `run`
    /// declares them. Listed rather than found with `Mirror`: reflecting cost the thread ~8 M
    /// instructions before its first useful question, by which time the main thread had asked
    /// most of them itself. ConformanceWarmUpTests checks the list against every command.
    static let optionGroups: [any ParsableArguments.Type] = [
        ScriptOptions.self, BackendOptions.self, AWSOptions.self, FleetOptions.self, OutputOptions.self,
    ]

    /// Starts a thread that asks about the subcommand `arguments` name (the default one if
    /// they name none) and the option groups.
    static func start(for arguments: [String]) {
        self.arguments = arguments
        var thread = pthread_t()
        // A plain thread, not a task: a task waits for the concurrency runtime to start a pool
        // worker (0.1–0.5 ms), by which time the main thread has asked much of this itself.
        guard pthread_create(&thread, nil, warmUpThreadMain, nil) == 0 else { return }
        pthread_detach(thread)
    }

    /// The command ArgumentParser will parse `arguments` as.
    static func command(for arguments: [String]) -> any ParsableCommand.Type {
        let root = SgshCommand.configuration
        return root.subcommands.first { $0._commandName == arguments.first } ?? root.defaultSubcommand
            ?? SgshCommand.self
    }

    /// What `start` was given: written before the thread starts, read only by it.
    nonisolated(unsafe) private static var arguments: [String] = []

    /// The warm-up thread's work, in the order ArgumentParser asks, so it stays ahead; even
    /// choosing the command is left to it, off the main thread. Then, on aws, the network's.
    fileprivate static func warm() {
        let command = command(for: arguments)
        ask(.customReflectable, about: [SgshCommand.self, command])
        for group in optionGroups { ask(.parsableArguments, .customReflectable, about: [group]) }
        ask(.parsableCommand, about: [SgshCommand.self] + optionGroups + [command])
        ask(.asyncParsableCommand, about: [command])
        guard BackendOptions.mayNameAWS(arguments) else { return }
        // The aws backend's event loop threads, started here rather than on the main thread's
        // path when the backend opens.
        NetworkThread.start()
        // The loop thread asks its own while this one asks the rest (twelfth pass: one new rule
        // and the re-run on moto 0.1-0.3 ms faster, the aws start unchanged).
        NetworkThread.askDescriptionQuestions()
        TransportWarmUp.askFirstRequestQuestions()
    }

    /// The protocols ArgumentParser asks about: whether a type is a command or a group, whether
    /// it reflects itself, whether its `run` is async.
    private enum Question {
        case customReflectable, parsableArguments, parsableCommand, asyncParsableCommand
    }

    /// Asks the runtime, the way ArgumentParser does: a cast of the type, known only at run time.
    @inline(never)
    private static func ask(_ questions: Question..., about types: [Any.Type]) {
        for type in types {
            for question in questions {
                let answer =
                    switch question {
                    case .customReflectable: type is any CustomReflectable.Type
                    case .parsableArguments: type is any ParsableArguments.Type
                    case .parsableCommand: type is any ParsableCommand.Type
                    case .asyncParsableCommand: type is any AsyncParsableCommand.Type
                    }
                answers &+= answer ? 1 : 0
            }
        }
    }

    /// Where the answers go, so the optimizer keeps the casts; only the warm-up thread writes it.
    nonisolated(unsafe) private static var answers = 0
}

/// The warm-up thread's body (a function, not a closure: the C entry point takes no context).
private func warmUpThreadMain(_: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    ConformanceWarmUp.warm()
    return nil
}
