// The message catalog (Sources/SgshKit/Diagnostics/DiagnosticMessages.swift):
// every id has words, the catalog is ordered by id, and no other file of
// SgshKit writes diagnostic text of its own. (That every id appears in a
// golden is DiagnosticGoldenTests.everyDiagnosticIDAppearsInSomeGolden.)

import Foundation
import Testing

@testable import SgshKit

@Suite struct DiagnosticCatalogTests {
    static let sources = LayeringTests.packageRoot.appendingPathComponent("Sources/SgshKit")
    static let catalog = sources.appendingPathComponent("Diagnostics/DiagnosticMessages.swift")

    @Test func everyIDHasAOneLineSummary() {
        for id in DiagnosticID.allCases {
            let summary = id.summary
            #expect(!summary.isEmpty && !summary.contains("\n") && !summary.hasSuffix("."), "\(id.rawValue)")
            #expect(summary.first?.isUppercase == false, "\(id.rawValue): lowercase first letter")
        }
        #expect(Set(DiagnosticID.allCases.map(\.summary)).count == DiagnosticID.allCases.count, "summaries differ")
    }

    @Test func theCatalogHasASectionPerIDInIDOrder() throws {
        let text = try String(contentsOf: Self.catalog, encoding: .utf8)
        let sections = text.matches(of: /\n    \/\/ MARK: ([a-z0-9-]+)\n/).map { String($0.1) }
        #expect(sections == DiagnosticID.allCases.map(\.rawValue).sorted())
    }

    /// `report(.someID, "text"…`, `fail(.someID, "text"…` or `Diagnostic(.someID, "text"…`
    /// outside the catalog would be words the catalog does not hold.
    @Test func noOtherFileWritesDiagnosticText() throws {
        let files = try #require(FileManager.default.enumerator(at: Self.sources, includingPropertiesForKeys: nil))
        var offenders: [String] = []
        for case let url as URL in files where url.pathExtension == "swift" && url != Self.catalog {
            let text = try String(contentsOf: url, encoding: .utf8)
            let pattern = /(report|fail|Diagnostic|DiagnosticMessage)\(\s*\.[a-zA-Z]+,\s*"/
            if text.contains(pattern) { offenders.append(url.lastPathComponent) }
        }
        #expect(offenders.isEmpty, "diagnostic text outside the catalog: \(offenders)")
    }
}
