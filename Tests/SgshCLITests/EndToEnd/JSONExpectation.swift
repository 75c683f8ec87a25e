// Structural comparison of JSON output: both sides are parsed with
// JSONSerialization and written back with sorted keys, so key order and
// whitespace do not matter but every key and value does.

import Foundation
import Testing

/// The document in one canonical spelling.
func canonicalJSON(_ text: String) throws -> String {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
    return String(decoding: data, as: UTF8.self)
}

/// Expects `actual` to be the same JSON document as `expected`.
func expectJSON(_ actual: String, equals expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(try canonicalJSON(actual) == canonicalJSON(expected), sourceLocation: sourceLocation)
}
