// The host of REPL entries: `print` output is collected per entry (and
// handed back in the REPLOutcome), `use "file.sgsh"` reads files relative to
// the working folder, `env()` sees the user's environment, and reads go to
// the session's backend.

import Foundation
import SgshKit
import SgshModel

/// What REPL entries may do outside the interpreter.
final class REPLHost: SgshKit.Host, @unchecked Sendable {
    let backend: (any SecurityGroupBackend)?
    private let lock = NSLock()
    private var lines: [String] = []

    init(backend: any SecurityGroupBackend) {
        self.backend = backend
    }

    func print(_ text: String) { lock.withLock { lines.append(text) } }

    /// The lines printed since the last call, and forgets them.
    func takeOutput() -> [String] {
        lock.withLock {
            defer { lines = [] }
            return lines
        }
    }

    func loadModule(_ name: String, importer: String) throws -> ModuleSource? {
        let base =
            importer.hasPrefix("<")
            ? FileManager.default.currentDirectoryPath
            : (importer as NSString).deletingLastPathComponent
        let path = name.hasPrefix("/") ? name : (base.isEmpty ? name : base + "/" + name)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return ModuleSource(name: path, text: String(decoding: data, as: UTF8.self))
    }

    var grantsEnvironment: Bool { true }

    func environmentVariable(_ name: String) -> String? { ProcessInfo.processInfo.environment[name] }

    func now() -> Int { Int(Date().timeIntervalSince1970) }
}
