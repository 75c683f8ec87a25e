import ArgumentParser

/// How results are printed.
struct OutputOptions: ParsableArguments {
    enum Format: String, RawValueArgument {
        case text, json
    }

    // No default value in the declaration: ArgumentParser describes one for help by casting it
    // to `CaseIterable & RawRepresentable`, two conformance scans of the whole binary that every
    // start would pay for (docs/BENCHMARKS.md, "Seventh pass"). The default is `output` below.
    @Option(
        name: .customLong("output"),
        help: ArgumentHelp(
            "Output format: 'text' (the default), or 'json' shaped like the EC2 API's IpPermissions.",
            valueName: "output"))
    var format: Format?

    /// The output format asked for, text when none was.
    var output: Format { format ?? .text }

    @Flag(name: .shortAndLong, help: "Print only errors, and the script's own print output.")
    var quiet = false
}
