// The diagnostics corpus: every Fixtures/diagnostics/NAME.sgsh, parsed and
// resolved, renders (plain style) exactly as Fixtures/diagnostics/NAME.txt.
// Together the fixtures must produce every DiagnosticID at least once.

import Foundation
import SgshKit
import SgshTestSupport
import Testing

@Suite struct DiagnosticGoldenTests {
    static let names = Golden.names(in: "diagnostics", withExtension: "sgsh", filePath: #filePath)

    static func check(_ name: String) -> [Diagnostic]? {
        // The bytes, as `sgsh check` reads a file (a fixture may hold bytes that are not UTF-8).
        let url = Golden.url("diagnostics/\(name).sgsh", filePath: #filePath)
        guard let bytes = FileManager.default.contents(atPath: url.path).map([UInt8].init) else { return nil }
        // As `sgsh check` does: with the stdlib's modules visible (they bind names), and files
        // relative to the fixture (Fixtures/diagnostics/modules/ holds modules the fixtures use).
        let root = Golden.fixturesDirectory(filePath: #filePath).appendingPathComponent("diagnostics")
        return Interpreter(host: TestHost(moduleRoot: root)).check(bytes: bytes, name: "\(name).sgsh")
    }

    @Test func corpusCoversAtLeastAHundredPrograms() {
        #expect(Self.names.count >= 100)
    }

    @Test(arguments: names)
    func rendersTheGoldenText(name: String) throws {
        let diagnostics = try #require(Self.check(name))
        #expect(diagnostics.hasErrors, "a diagnostics fixture must contain an error")
        assertGolden(actual: DiagnosticRenderer(style: .plain).render(diagnostics), fixture: "diagnostics/\(name).txt")
    }

    @Test func everyDiagnosticIDAppearsInSomeGolden() {
        var seen: Set<DiagnosticID> = []
        for name in Self.names { seen.formUnion(Self.check(name)?.map(\.id) ?? []) }
        let missing = DiagnosticID.allCases.filter { !seen.contains($0) }.map(\.rawValue)
        #expect(missing.isEmpty, "no golden produces: \(missing.joined(separator: ", "))")
    }
}
