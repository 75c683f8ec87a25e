// `String.trimmed` (the answers' fields) trims exactly what Foundation's
// `trimmingCharacters(in: .whitespacesAndNewlines)` trims, which it replaced.

import Foundation
import Testing

@testable import SgshEC2

@Suite struct TrimmedTests {
    /// Every white-space scalar Foundation knows, and some it does not trim.
    static let scalars: [Unicode.Scalar] =
        (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter { CharacterSet.whitespacesAndNewlines.contains($0) }
        + ["a", "0", "-", "é", "\u{200B}", "\u{FEFF}", "\u{1F600}", "<", "\u{7F}", "\u{1}"]

    @Test func itTrimsWhatFoundationTrims() {
        var generator = SystemRandomNumberGenerator()
        var samples = ["", " ", "sg-0abc", " 22 ", "\n\t10.0.0.0/8\r\n", "\u{3000}x\u{2028}", "x y", "\u{85}"]
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...6, using: &generator)
            var text = ""
            for _ in 0..<length { text.unicodeScalars.append(Self.scalars.randomElement(using: &generator)!) }
            samples.append(text)
        }
        for sample in samples {
            #expect(
                sample.trimmed == sample.trimmingCharacters(in: .whitespacesAndNewlines),
                "\(Array(sample.unicodeScalars))")
        }
    }
}
