import ArgumentParser
import Foundation
import SgshKit

/// Where a script comes from: a file, `-c 'STATEMENTS'`, or standard input.
struct ScriptInput {
    /// Reads the script named on the command line.
    /// - Parameters:
    ///   - path: a file path, or `-` / nil for standard input.
    ///   - command: the text of `-c` (the caller rejects `-c` together with a file).
    static func load(path: String?, command: String?) throws -> SourceFile {
        if let command { return SourceFile(name: "<command>", text: command) }
        guard let path, path != "-" else {
            return try decoded(FileHandle.standardInput.readDataToEndOfFile(), name: "<stdin>")
        }
        try checkIsAScriptFile(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError(usage: "cannot read '\(path)': permission denied")
        }
        return try decoded(data, name: path)
    }

    /// The script's text; bytes that are not UTF-8 are an invalid program (exit 2).
    static func decoded(_ data: Data, name: String) throws -> SourceFile {
        try checkSize(data.count, of: name)
        let (file, invalid) = SourceFile.decoding([UInt8](data), name: name)
        guard let invalid else { return file }
        Terminal.writeError(DiagnosticRenderer(style: Terminal.diagnosticStyle).render([invalid]))
        throw Outcome.invalidProgram
    }

    /// A script longer than sgsh reads (`SourceFile.maximumByteCount`) is refused, not cut short.
    static func checkSize(_ byteCount: Int, of name: String) throws {
        guard byteCount > SourceFile.maximumByteCount else { return }
        throw CLIError(
            usage: "'\(name)' is \(byteCount) bytes; sgsh reads scripts of up to \(SourceFile.maximumByteCount) bytes")
    }

    /// Says what is wrong with a path that is not a readable regular file, in words: a
    /// missing file that looks like a mistyped command gets the nearest command.
    static func checkIsAScriptFile(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let commands =
                SgshCommand.configuration.subcommands.filter { $0.configuration.shouldDisplay }
                .compactMap { $0.configuration.commandName } + ["help"]
            let looksLikeACommand = !path.contains("/") && !path.contains(".")
            if looksLikeACommand, let nearest = Spelling.closest(to: path, in: commands) {
                throw CLIError(usage: "no such command or file '\(path)'; did you mean '\(nearest)'?")
            }
            guard looksLikeACommand else { throw CLIError(usage: "no such file '\(path)'") }
            throw CLIError(
                usage: "no such command or file '\(path)' (commands: \(commands.joined(separator: ", ")))")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: try checkSize(Int(info.st_size), of: path)
        case S_IFDIR: throw CLIError(usage: "'\(path)' is a directory, not a script file")
        case S_IFIFO:
            throw CLIError(
                usage: "'\(path)' is a FIFO (named pipe), not a script file; to read it, use 'sgsh - < \(path)'")
        default: throw CLIError(usage: "'\(path)' is not a regular file")
        }
    }
}
