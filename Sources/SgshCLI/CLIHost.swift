// The one Host of the command line and the REPL, so a script behaves the same
// whether it is run from a file or typed at the prompt: modules are files
// (`use "lib/common"` reads lib/common.sgsh next to the importing script, or
// in the working folder for -c, stdin and REPL entries), `env()` sees the
// process environment, `now()` the wall clock, and `sg lookup` reads the
// chosen backend. Only where `print` output goes differs.

import Foundation
import SgshKit
import SgshModel

/// What scripts and REPL entries may do outside the interpreter.
final class CLIHost: SgshKit.Host, @unchecked Sendable {
    let backend: (any SecurityGroupBackend)?
    private let collectsOutput: Bool
    private let lock = NSLock()
    private var lines: [String] = []

    /// - Parameters:
    ///   - backend: what `sg lookup` reads; nil for `check`.
    ///   - collectsOutput: false: `print` writes to stdout as the script runs; true: lines
    ///     are kept until `takeOutput()` (the REPL shows them with the entry's outcome).
    init(backend: (any SecurityGroupBackend)?, collectsOutput: Bool = false) {
        self.backend = backend
        self.collectsOutput = collectsOutput
    }

    func print(_ text: String) {
        if collectsOutput {
            lock.withLock { lines.append(text) }
        } else {
            Terminal.write(text + "\n")
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
        return ModuleSource(name: path, text: String(decoding: data, as: UTF8.self))
    }

    var grantsEnvironment: Bool { true }

    func environmentVariable(_ name: String) -> String? { ProcessInfo.processInfo.environment[name] }

    func now() -> Int { Int(Date().timeIntervalSince1970) }
}
