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
            return try decoded(try readAll(STDIN_FILENO, name: "<stdin>"), name: "<stdin>")
        }
        try checkIsAScriptFile(path)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CLIError(usage: "cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        return try decoded(try readAll(descriptor, name: path), name: path)
    }

    /// Everything `descriptor` holds, read straight into one array: a file of known size in
    /// one buffer of that size (FileManager's Data, then a copy into the array, put a large
    /// script's pages in memory twice), then whatever follows until the end.
    static func readAll(_ descriptor: Int32, name: String) throws -> [UInt8] {
        func failed() -> CLIError { CLIError(usage: "cannot read '\(name)': \(String(cString: strerror(errno)))") }
        var info = stat()
        let size = fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : 0
        try checkSize(size, of: name)
        var readError = false
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            while count < size {
                let got = read(descriptor, buffer.baseAddress! + count, size - count)
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else {
                    readError = got < 0
                    return
                }
                count += got
            }
        }
        guard !readError else { throw failed() }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { throw failed() }
            guard got > 0 else { return bytes }
            bytes.append(contentsOf: chunk[..<got])
            try checkSize(bytes.count, of: name)
        }
    }

    /// The script's text; bytes that are not UTF-8 are an invalid program (exit 2).
    static func decoded(_ bytes: [UInt8], name: String) throws -> SourceFile {
        try checkSize(bytes.count, of: name)
        let (file, invalid) = SourceFile.decoding(bytes, name: name)
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
