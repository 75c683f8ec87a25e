// `use "module"`: run a module once, in its own globals, and bring the names
// it defines into the scope of the `use`. A module that is already running
// when it is used again is a cycle, reported with the chain of files.

extension Evaluator {
    nonisolated(nonsending) func use(_ name: String, at range: SourceRange, into env: Environment) async throws {
        guard let loader else {
            throw error(.module, "modules are not available to this script", at: range)
        }
        let loaded: ModuleLoader.Loaded?
        do {
            loaded = try loader.load(name, importer: range.file.name)
        } catch {
            throw self.error(.module, "cannot load module '\(name)': \(error)", at: range, underlying: error)
        }
        guard let loaded else { throw error(.module, "no module named '\(name)'", at: range) }
        if let problem = loaded.diagnostics.first(where: { $0.severity == .error }) {
            throw error(.module, "module '\(name)' has errors: \(problem)", at: range)
        }
        let key = loaded.program.file.name
        if loadedModules[key] == nil {
            if let start = loadingModules.firstIndex(of: key) {
                let chain = (loadingModules[start...] + [key]).joined(separator: " -> ")
                throw error(.module, ModuleLoader.cycleMessage(chain), at: range)
            }
            loadingModules.append(key)
            defer { loadingModules.removeLast() }
            frames[frames.count - 1].position = range
            frames.append(ActiveFrame(name: "<toplevel>", position: nil))
            defer { frames.removeLast() }
            let globals = Environment(parent: universe)
            try await executeTopLevel(loaded.program.statements, globals)
            loadedModules[key] = ModuleLoader.exports(of: loaded.program).compactMap { exported in
                globals.bindings[exported].map { (exported, $0) }
            }
        }
        for (exported, value) in loadedModules[key] ?? [] { env.define(exported, value) }
    }
}
