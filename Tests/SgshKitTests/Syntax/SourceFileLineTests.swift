// SourceFile finds line starts eight bytes at a time; these tests hold every
// offset's line and column to a byte-by-byte count, across word boundaries,
// multi-byte scalars, CRLF and blank lines.

import SgshKit
import Testing

@Suite struct SourceFileLineTests {
    static let pieces = ["a", "\n", "é", "\r\n", "0123456789", "日本", "\n\n", "x y", "\t", "sg-0abc123 "]

    /// A deterministic mix of the pieces, a different one per seed.
    static func text(_ seed: Int) -> String {
        (0..<(seed % 41)).map { pieces[(seed * 7 + $0 * 3 + $0 / 5) % pieces.count] }.joined()
    }

    @Test(arguments: 0..<160)
    func everyOffsetHasTheLineAndColumnOfAByteByByteCount(seed: Int) {
        let text = Self.text(seed)
        let file = SourceFile(name: "t.sgsh", text: text)
        let bytes = Array(text.utf8)
        #expect(file.lineCount == bytes.filter { $0 == UInt8(ascii: "\n") }.count + 1)
        var line = 1
        var column = 1
        for offset in 0...bytes.count {
            let location = file.location(of: offset)
            #expect(location.line == line && location.column == column, "offset \(offset) of \(text.debugDescription)")
            guard offset < bytes.count else { break }
            if bytes[offset] == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if bytes[offset] & 0xC0 != 0x80 {
                column += 1  // A scalar's first byte: columns count scalars begun before the offset.
            }
        }
    }

    @Test func lineTextIsTheLineWithoutItsNewline() {
        let file = SourceFile(name: "t.sgsh", text: "first line\r\nsecond, longer than eight\n\nlast")
        #expect((1...4).map(file.lineText) == ["first line", "second, longer than eight", "", "last"])
    }
}
