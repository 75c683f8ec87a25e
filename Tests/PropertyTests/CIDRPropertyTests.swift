// CIDR parse/print round trip for any block (issue 13): printing a block and
// parsing the text gives the same block, and an address with host bits set is
// refused with exactly the network the block would have.

import PropertyBased
import SgshModel
import Testing

@Suite struct CIDRPropertyTests {
    static let blocks = Gen.uint64(in: 0...UInt64.max).array(of: 3)

    static func block(_ words: [UInt64]) -> (CIDR, UInt128) {
        let ipv6 = words[0] % 2 == 0
        let raw: UInt128 =
            ipv6 ? UInt128(words[1]) << 64 | UInt128(words[2]) : UInt128(UInt32(truncatingIfNeeded: words[1]))
        let prefix = Int(words[0] / 2 % UInt64(ipv6 ? 129 : 33))
        return (CIDR(family: ipv6 ? .ipv6 : .ipv4, address: raw, prefixLength: prefix), raw)
    }

    @Test func printThenParseIsTheSameBlock() async {
        await propertyCheck(count: 500, input: Self.blocks) { words in
            let (cidr, _) = Self.block(words)
            #expect((try? CIDR(parsing: cidr.description)) == cidr, "\(cidr)")
        }
    }

    @Test func hostBitsAreRefusedWithTheNetwork() async {
        await propertyCheck(count: 500, input: Self.blocks) { words in
            let (cidr, raw) = Self.block(words)
            guard raw != cidr.address else { return }
            let written =
                CIDR(family: cidr.family, address: raw, prefixLength: cidr.family.bitWidth).addressText
                + "/\(cidr.prefixLength)"
            do throws(CIDRParseError) {
                _ = try CIDR(parsing: written)
                Issue.record("\(written) was accepted")
            } catch {
                guard case .hostBitsSet(let network) = error else {
                    Issue.record("\(written): \(error)")
                    return
                }
                #expect(network == cidr, "\(written)")
            }
        }
    }
}
