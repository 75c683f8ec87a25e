// The parser reads a plain IPv4 CIDR once, from the bytes (CIDRLiteral). What it
// accepts, and the block it makes, must be exactly what CIDR(parsing:) gives:
// the resolver no longer checks such a literal, and the evaluator uses the block.

import SgshKit
import SgshModel
import SgshTestSupport
import Testing

@Suite struct CIDRLiteralTests {
    static func plain(_ text: String) -> CIDRLiteral? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { CIDRLiteral.plainIPv4($0, 0, $0.count) }
    }

    @Test(arguments: [
        ("10.0.0.0/8", true), ("10.1.2.3", true), ("0.0.0.0/0", true), ("255.255.255.255/32", true),
        ("192.168.0.0/16", true), ("10.0.0.1/31", false), ("10.0.0.0/33", false), ("010.0.0.0/8", false),
        ("10.0.0.0/08", false), ("10.0.0", false), ("10.0.0.0.0", false), ("256.0.0.0", false),
        ("10..0.0", false), ("10.0.0.0/", false), ("10.0.0.0/100", false), ("1.2.3.4/0", false),
        ("::/0", false), ("10.0.0.00", false), ("1000.0.0.0", false),
    ])
    func acceptsExactlyTheValidPlainBlocks(text: String, accepted: Bool) {
        let literal = Self.plain(text)
        #expect((literal != nil) == accepted, "\(text)")
        if let literal { #expect(literal.block == (try? CIDR(parsing: text)), "\(text)") }
    }

    @Test func agreesWithCIDRParsingOnRandomText() {
        var random = SplitMix64(state: 21)
        let alphabet = Array("0123456789./".utf8) + [UInt8(ascii: "a"), UInt8(ascii: ":")]
        for _ in 0..<20_000 {
            let length = Int(random.next() % 20) + 1
            let text = String(
                decoding: (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }, as: UTF8.self
            )
            let parsed = try? CIDR(parsing: text)
            if let literal = Self.plain(text) {
                #expect(literal.block == parsed, "\(text)")
            } else if let parsed, parsed.family == .ipv4, text.utf8.allSatisfy({ $0 != UInt8(ascii: ":") }) {
                Issue.record("\(text) is a plain IPv4 block CIDR(parsing:) reads as \(parsed)")
            }
        }
        // Dotted quads, the usual shape, drawn directly.
        for _ in 0..<20_000 {
            let octets = (0..<4).map { _ in String(random.next() % 300) }
            let text = octets.joined(separator: ".") + (random.next() % 2 == 0 ? "" : "/\(random.next() % 34)")
            #expect(Self.plain(text)?.block == (try? CIDR(parsing: text)), "\(text)")
        }
    }

    /// The parsed block fits where the text was: an expression is as large as before (a
    /// 16-byte payload of its kind, then its range), so the tree does not grow.
    @Test func holdingTheBlockKeepsExpressionsTheirSize() {
        #expect(MemoryLayout<CIDRLiteral>.size <= 17)
        #expect(MemoryLayout<Expr>.size == 40)
    }
}
