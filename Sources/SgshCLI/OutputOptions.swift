import ArgumentParser

/// How results are printed.
struct OutputOptions: ParsableArguments {
    enum Format: String, RawValueArgument {
        case text, json
    }

    @Option(help: "Output format: 'text', or 'json' shaped like the EC2 API's IpPermissions.")
    var output: Format = .text

    @Flag(name: .shortAndLong, help: "Print only errors, and the script's own print output.")
    var quiet = false
}
