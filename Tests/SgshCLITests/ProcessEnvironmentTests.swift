import Foundation
import Testing

@testable import SgshCLI

/// sgsh reads its environment from the C `environ` list, not through Foundation: it must see the
/// same variables, with the same values.
@Suite struct ProcessEnvironmentTests {
    @Test func readsTheSameVariablesAsFoundation() {
        let foundation = ProcessInfo.processInfo.environment
        #expect(!foundation.isEmpty)
        #expect(ProcessEnvironment.variables == foundation)
    }

    /// What the process's own environment may not show: a name set twice, a value holding `=`,
    /// an empty value, an entry that is no variable.
    @Test func readsAListAsGetenvDoes() {
        let entries = ["AWS_PROFILE=first", "TOKEN=a=b==", "AWS_PROFILE=second", "EMPTY=", "NOEQUALS"]
        let pointers = entries.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        let variables = pointers.withUnsafeBufferPointer { ProcessEnvironment.variables(from: $0.baseAddress!) }
        #expect(variables == ["AWS_PROFILE": "first", "TOKEN": "a=b==", "EMPTY": ""])
    }
}
