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
}
