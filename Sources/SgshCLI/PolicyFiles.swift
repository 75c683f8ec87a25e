import SgshKit

/// `--policy FILE`s: sgsh files that declare policies (and the names they need), evaluated
/// like scripts. A file that would change something is a usage error, never applied.
enum PolicyFiles {
    static func load(_ paths: [String], with interpreter: Interpreter) async throws -> PolicySet {
        var set = PolicySet()
        for path in paths {
            let file = try ScriptInput.load(path: path, command: nil)
            let plan = try await ScriptRunner.plan(file, by: interpreter)
            if let change = plan.operations.first(where: \.operation.isMutating) {
                let at = change.origin.map { "\($0.location): " } ?? "\(path): "
                throw CLIError(usage: "\(at)a --policy file only declares policies, not changes")
            }
            set = set.merging(plan.policies)
        }
        return set
    }
}
