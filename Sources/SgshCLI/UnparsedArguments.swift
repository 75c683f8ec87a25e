// Guesses made from the command line before ArgumentParser parses it: whether to start the aws
// backend's event loop early (ConformanceWarmUp) and how many loop threads to give it
// (SgshCommand.main). A wrong guess costs speed, never behaviour.

enum UnparsedArguments {
    /// Whether `arguments` give any of the long options `names`, alone or as `--name=value`.
    static func give(anyOf names: [String], in arguments: [String]) -> Bool {
        arguments.contains { argument in names.contains { argument == $0 || argument.hasPrefix($0 + "=") } }
    }
}
