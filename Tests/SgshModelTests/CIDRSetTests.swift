import SgshModel
import Testing

@Suite struct CIDRSetTests {
    private static func blocks(_ text: String) -> [CIDR] {
        text.split(separator: " ").map { CIDR(String($0))! }
    }

    private static func text(_ blocks: [CIDR]) -> String {
        blocks.map(\.description).joined(separator: " ")
    }

    @Test(arguments: [
        ("", ""),
        ("10.0.0.0/8", "10.0.0.0/8"),
        ("10.0.0.0/9 10.128.0.0/9", "10.0.0.0/8"),
        ("10.128.0.0/9 10.0.0.0/9", "10.0.0.0/8"),
        ("10.0.0.0/8 10.1.0.0/16 10.2.3.4", "10.0.0.0/8"),
        ("10.1.0.0/16 10.0.0.0/8", "10.0.0.0/8"),
        ("10.0.0.0/8 10.0.0.0/8", "10.0.0.0/8"),
        ("10.0.0.0/24 10.0.1.0/24 10.0.2.0/24 10.0.3.0/24", "10.0.0.0/22"),
        ("10.0.1.0/24 10.0.2.0/24", "10.0.1.0/24 10.0.2.0/24"),
        ("10.0.0.0/24 10.0.1.0/24 10.0.2.0/24", "10.0.0.0/23 10.0.2.0/24"),
        ("192.168.0.0/16 172.16.0.0/12 10.0.0.0/8", "10.0.0.0/8 172.16.0.0/12 192.168.0.0/16"),
        ("0.0.0.0/1 128.0.0.0/1", "0.0.0.0/0"),
        ("10.0.0.0 10.0.0.1 10.0.0.2 10.0.0.3", "10.0.0.0/30"),
        ("2001:db8::/33 2001:db8:8000::/33", "2001:db8::/32"),
        ("::/0 10.0.0.0/8", "10.0.0.0/8 ::/0"),
        ("0.0.0.0/0 ::/0", "0.0.0.0/0 ::/0"),
    ])
    func aggregatesToTheMinimalList(input: String, expected: String) {
        #expect(Self.text(CIDR.aggregate(Self.blocks(input))) == expected)
    }

    @Test(arguments: [
        ("10.0.0.0/8", "192.168.0.0/16", "10.0.0.0/8"),
        ("10.0.0.0/8", "10.0.0.0/8", ""),
        ("10.1.0.0/16", "10.0.0.0/8", ""),
        ("10.0.0.0/8", "10.0.0.0/9", "10.128.0.0/9"),
        ("10.0.0.0/8", "10.128.0.0/9", "10.0.0.0/9"),
        ("10.0.0.0/24", "10.0.0.0/26", "10.0.0.64/26 10.0.0.128/25"),
        ("10.0.0.0/30", "10.0.0.2", "10.0.0.0/31 10.0.0.3/32"),
        (
            "0.0.0.0/0", "10.0.0.0/8",
            "0.0.0.0/5 8.0.0.0/7 11.0.0.0/8 12.0.0.0/6 16.0.0.0/4 32.0.0.0/3 64.0.0.0/2 128.0.0.0/1"
        ),
        ("2001:db8::/32", "2001:db8::/33", "2001:db8:8000::/33"),
        ("10.0.0.0/8", "::/0", "10.0.0.0/8"),
    ])
    func subtractsOneBlockFromAnother(block: String, removed: String, expected: String) {
        #expect(Self.text(CIDR(block)!.subtracting(CIDR(removed)!)) == expected)
    }

    @Test(
        arguments: ["10.0.0.0/8", "10.0.0.0/24", "0.0.0.0/0", "2001:db8::/32"],
        [
            "10.0.0.0/9", "10.20.30.0/24", "10.0.0.7", "0.0.0.0/0", "192.168.1.0/24", "2001:db8:ff::/48",
        ])
    func subtractionAndTheRemovedPartTileTheBlock(block: String, removed: String) {
        let whole = CIDR(block)!
        let cut = CIDR(removed)!
        let rest = whole.subtracting(cut)
        // Nothing left over overlaps the removed block, and the pieces plus the cut rebuild the block.
        #expect(!rest.contains { $0.overlaps(cut) })
        let inside = whole.overlaps(cut) ? [cut.contains(whole) ? whole : cut] : []
        #expect(CIDR.aggregate(rest + inside) == [whole])
    }

    @Test func subtractsListsAndAggregatesTheResult() {
        let result = CIDR.subtract(
            Self.blocks("10.0.0.0/26 10.0.0.128/26"), from: Self.blocks("10.0.0.0/25 10.0.0.128/25 192.168.0.0/16"))
        #expect(Self.text(result) == "10.0.0.64/26 10.0.0.192/26 192.168.0.0/16")
    }

    @Test func parentAndSiblingOfAHostRoute() {
        let host = CIDR("10.0.0.1")!
        #expect(host.sibling == CIDR("10.0.0.0"))
        #expect(host.parent == CIDR("10.0.0.0/31"))
        #expect(CIDR("0.0.0.0/0")!.parent == nil)
        #expect(CIDR("::/0")!.sibling == nil)
    }
}
