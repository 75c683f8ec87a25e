import Foundation
import SgshKit
import SgshModel

/// The command line's Host: print to stdout, modules from files next to the script,
/// the process environment for `env()`, the wall clock, and the chosen backend for reads.
struct CLIHost: SgshKit.Host {
    let backend: (any SecurityGroupBackend)?

    func print(_ text: String) { Terminal.write(text + "\n") }

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
