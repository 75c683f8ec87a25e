// The one Host of the command line and the REPL, so a script behaves the same
// whether it is run from a file or typed at the prompt: modules are files
// (`use "lib/common"` reads lib/common.sgsh next to the importing script, or
// in the working folder for -c, stdin and REPL entries), `env()` sees the
// process environment, `now()` the wall clock, and `sg lookup` reads the
// chosen backend. Only where `print` output goes differs: stdout as the
// script runs, stderr when stdout carries a JSON report (so stdout stays one
// JSON document), or kept for the REPL to show with the entry's outcome.

import Foundation
import SgshKit
import SgshModel

/// What scripts and REPL entries may do outside the interpreter.
final class CLIHost: SgshKit.Host, @unchecked Sendable {
    /// Where `print` writes.
    enum PrintDestination { case standardOutput, standardError, collected }

    let backend: (any SecurityGroupBackend)?
    private let printsTo: PrintDestination
    private let lock = NSLock()
    private var lines: [String] = []

    /// - Parameters:
    ///   - backend: what `sg lookup` reads; nil for `check`.
    ///   - printsTo: where `print` writes; `.collected` keeps the lines until `takeOutput()`.
    init(backend: (any SecurityGroupBackend)?, printsTo: PrintDestination = .standardOutput) {
        self.backend = backend
        self.printsTo = printsTo
    }

    func print(_ text: String) {
        switch printsTo {
        case .standardOutput: Terminal.write(text + "\n")
        case .standardError: Terminal.writeError(text + "\n")
        case .collected: lock.withLock { lines.append(text) }
        }
    }

    /// The lines printed since the last call (when collecting), and forgets them.
    func takeOutput() -> [String] {
        lock.withLock {
            defer { lines = [] }
            return lines
        }
    }

    /// `use "lib/common"` → `lib/common.sgsh` relative to the importing script's folder.
    func loadModule(_ name: String, importer: String) throws -> ModuleSource? {
        let file = name.hasSuffix(".sgsh") ? name : name + ".sgsh"
        let base =
            importer.hasPrefix("<")
            ? FileManager.default.currentDirectoryPath
            : URL(fileURLWithPath: importer).deletingLastPathComponent().path
        let path = file.hasPrefix("/") ? file : URL(fileURLWithPath: base).appendingPathComponent(file).path
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let (decoded, invalid) = SourceFile.decoding([UInt8](data), name: path)
        if let invalid { throw ModuleNotUTF8(description: invalid.description) }
        return ModuleSource(name: path, text: decoded.text)
    }

    /// A module file with bytes that are not UTF-8 (`path:line:col: error: byte 0xFF is not UTF-8…`).
    struct ModuleNotUTF8: Error, CustomStringConvertible {
        let description: String
    }

    var grantsEnvironment: Bool { true }

    func environmentVariable(_ name: String) -> String? { ProcessEnvironment.variables[name] }

    func now() -> Int { Int(Date().timeIntervalSince1970) }
}
