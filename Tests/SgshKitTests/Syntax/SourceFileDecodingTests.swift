// SourceFile.decoding keeps the bytes it is given as the file (no String of the whole
// text is made for them): ASCII found eight bytes at a time, other UTF-8 validated,
// invalid bytes reported at the first one.

import SgshKit
import Testing

@Suite struct SourceFileDecodingTests {
    /// ASCII of every length around the eight-byte step, UTF-8 with multi-byte scalars at
    /// every offset of a word, and a high byte in the last, partial word.
    static let valid: [String] =
        (0..<20).map { String(repeating: "a\n", count: $0) }
        + (0..<9).map { String(repeating: "x", count: $0) + "é日本\n" + String(repeating: "y", count: $0) }
        + ["print 1\n", "let s = \"café\"\n", "sg sg-0abc123 ingress allow tcp 443 from 10.0.0.1 \"r\"\n"]

    @Test(arguments: valid)
    func validBytesAreTheFileAsTheyAre(text: String) {
        let (file, invalid) = SourceFile.decoding(Array(text.utf8), name: "t.sgsh")
        #expect(invalid == nil)
        #expect(file.utf8 == Array(text.utf8))
        #expect(file.text == text)
    }

    @Test(arguments: [0, 1, 7, 8, 9, 15, 16])
    func anInvalidByteIsReportedWhereItIs(offset: Int) {
        var bytes = Array(String(repeating: "a", count: 20).utf8)
        bytes[offset] = 0xFF
        let (file, invalid) = SourceFile.decoding(bytes, name: "t.sgsh")
        #expect(invalid?.range.start == offset)
        #expect(file.text.unicodeScalars.contains("\u{FFFD}"))
    }
}
