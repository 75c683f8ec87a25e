import Foundation
import Testing

/// The core does no I/O of its own (starlark's TestDeps): SgshModel imports nothing,
/// SgshKit only SgshModel and the standard library's Synchronization (a lock, no I/O:
/// SourceFile's line table is built when first asked for). Every effect goes through the
/// Host or a backend.
@Suite struct LayeringTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(arguments: [("SgshModel", [String]()), ("SgshKit", ["SgshModel", "Synchronization"])])
    func coreModulesImportOnlyTheirAllowedModules(module: String, allowed: [String]) throws {
        let folder = Self.packageRoot.appendingPathComponent("Sources/\(module)")
        let files = try #require(FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String])
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count > 10, "found only \(files.count) sources under \(folder.path)")
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                    words[..<index].allSatisfy({ $0.hasPrefix("@") })
                else { continue }
                let imported = String(words[index + 1])
                #expect(allowed.contains(imported), "\(module)/\(file) imports \(imported)")
            }
        }
    }
}
