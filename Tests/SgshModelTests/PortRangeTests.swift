import SgshModel
import Testing

@Suite struct PortRangeTests {
    @Test(arguments: [
        ("443", 443, 443), ("0", 0, 0), ("65535", 65535, 65535), ("8000-8080", 8000, 8080), ("0-65535", 0, 65535),
        ("22-22", 22, 22),
    ])
    func parsesPortsAndRanges(text: String, from: Int, to: Int) throws {
        let range = try #require(PortRange(parsing: text))
        #expect(range.from == from && range.to == to)
    }

    @Test(arguments: [
        "", "-1", "65536", "8080-8000", "1-", "-2", "a", "1-2-3", "1 - 2", "0000000443", "+5", "1-99999999",
    ])
    func rejectsMalformedOrOutOfRange(text: String) {
        #expect(PortRange(parsing: text) == nil)
    }

    @Test(arguments: [
        (443, 443, "443"), (8000, 8080, "8000-8080"), (0, 65535, "0-65535"), (0, 0, "0"), (10, 100, "10-100"),
    ])
    func printsCanonically(from: Int, to: Int, text: String) throws {
        #expect(try #require(PortRange(from: from, to: to)).description == text)
    }

    @Test func allCoversEveryPort() throws {
        #expect(PortRange.all.from == 0 && PortRange.all.to == 65535)
        #expect(PortRange.all.isAll)
        #expect(try #require(PortRange(from: 0, to: 65535)).isAll)
        #expect(try !#require(PortRange(80)).isAll)
    }

    @Test func boundsAreChecked() {
        #expect(PortRange(-1) == nil)
        #expect(PortRange(65536) == nil)
        #expect(PortRange(from: 10, to: 9) == nil)
        #expect(PortRange(65535) != nil)
    }

    @Test func ordersByStartThenEnd() throws {
        let a = try #require(PortRange(from: 80, to: 80))
        let b = try #require(PortRange(from: 80, to: 90))
        let c = try #require(PortRange(443))
        #expect([c, b, a].sorted() == [a, b, c])
    }
}
