import SgshLocal
import SgshTestSupport
import Testing

/// Every conformance scenario against a fresh in-memory LocalBackend.
@Suite struct LocalConformanceTests {
    @Test(arguments: ConformanceSuite.all)
    func scenarioPasses(_ scenario: ConformanceScenario) async throws {
        try await scenario.run(LocalBackend.inMemory())
    }

    @Test func scenariosHaveUniqueNamesAndThereAreEnough() {
        let names = ConformanceSuite.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.count >= 45)
    }

    @Test func allScenariosPassAgainstOneSharedStore() async throws {
        // As on a shared moto server: scenarios must not depend on a fresh store.
        let backend = LocalBackend.inMemory()
        for scenario in ConformanceSuite.all {
            do {
                try await scenario.run(backend)
            } catch {
                Issue.record("\(scenario.name): \(error)")
            }
        }
    }
}
