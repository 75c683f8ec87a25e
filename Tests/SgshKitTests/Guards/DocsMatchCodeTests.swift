import Foundation
import SgshKit
import Testing

/// docs/LANGUAGE.md lists what the code has, so the reference cannot drift from it.
@Suite struct DocsMatchCodeTests {
    static let languageDoc = LayeringTests.packageRoot.appendingPathComponent("docs/LANGUAGE.md")

    @Test func languageReferenceListsEveryStandardBuiltinWithItsArity() throws {
        let text = try String(contentsOf: Self.languageDoc, encoding: .utf8)
        let paragraph = try #require(
            text.components(separatedBy: "\n\n").first { $0.hasPrefix("Built-ins (`BuiltinSet.standard`") })
        // `name(arity)` entries: `len(1)`, `range(1–3)`, `print(any)`.
        let entries = paragraph.matches(of: /`([a-z]+)\(([^)]*)\)`/).map { (String($0.1), String($0.2)) }
        let documented = Dictionary(entries, uniquingKeysWith: { first, _ in first })
        let standard = BuiltinSet.standard.arities
        #expect(Set(documented.keys) == Set(standard.keys))
        for (name, arity) in standard {
            let expected =
                arity.upperBound == Int.max
                ? "any"
                : arity.lowerBound == arity.upperBound
                    ? "\(arity.lowerBound)"
                    : "\(arity.lowerBound)–\(arity.upperBound)"
            #expect(documented[name] == expected, "\(name) takes \(arity)")
        }
    }
}
