import ArgumentParser
import Foundation
import SgshKit

/// Where a script comes from: a file, `-c 'STATEMENTS'`, or standard input.
struct ScriptInput {
    /// Reads the script named on the command line.
    /// - Parameters:
    ///   - path: a file path, or `-` / nil for standard input.
    ///   - command: the text of `-c`, which wins over `path`.
    static func load(path: String?, command: String?) throws -> SourceFile {
        if let command { return SourceFile(name: "<command>", text: command) }
        guard let path, path != "-" else {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return SourceFile(name: "<stdin>", text: String(decoding: data, as: UTF8.self))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError(usage: "cannot read '\(path)': no such file or not readable")
        }
        return SourceFile(name: path, text: String(decoding: data, as: UTF8.self))
    }
}
