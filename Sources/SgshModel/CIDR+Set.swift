// Set algebra on CIDR blocks: aggregation and subtraction.
//
// Both work on the prefix tree directly (no address enumeration), so they
// cost O(n log n) in the number of blocks and O(prefix length) per
// subtraction, whatever the size of the blocks. Families never mix: an IPv4
// and an IPv6 block neither contain nor merge with each other.

extension CIDR {
    /// The block one bit shorter that holds this one and its sibling, or nil for a /0.
    public var parent: CIDR? {
        prefixLength == 0 ? nil : CIDR(family: family, address: address, prefixLength: prefixLength - 1)
    }

    /// The other half of this block's parent, or nil for a /0.
    public var sibling: CIDR? {
        guard prefixLength > 0 else { return nil }
        let bit = UInt128(1) << UInt128(family.bitWidth - prefixLength)
        return CIDR(family: family, address: address ^ bit, prefixLength: prefixLength)
    }

    /// The smallest list of blocks covering exactly the addresses of `blocks`:
    /// contained blocks are dropped and adjacent siblings merged, repeatedly.
    /// The result is sorted (IPv4 first, then by address).
    public static func aggregate(_ blocks: [CIDR]) -> [CIDR] {
        // Sorted by (family, address, prefix): a block comes before every block it contains.
        var stack: [CIDR] = []
        for block in blocks.sorted() {
            if let last = stack.last, last.contains(block) { continue }
            stack.append(block)
            // Merge the two newest blocks while they are the two halves of one parent.
            while stack.count >= 2 {
                let last = stack[stack.count - 1]
                let previous = stack[stack.count - 2]
                guard previous.family == last.family, previous.prefixLength == last.prefixLength,
                    previous.sibling == last, let parent = last.parent
                else { break }
                stack.removeLast(2)
                stack.append(parent)
            }
        }
        return stack
    }

    /// The addresses of this block that are not in `other`, as the fewest blocks, sorted.
    public func subtracting(_ other: CIDR) -> [CIDR] {
        if !overlaps(other) { return [self] }
        if other.contains(self) { return [] }
        // `self` strictly contains `other`: the siblings of `other`'s ancestors
        // below `self` tile the rest of `self` exactly.
        var out: [CIDR] = []
        var current = other
        while current.prefixLength > prefixLength, let sibling = current.sibling, let parent = current.parent {
            out.append(sibling)
            current = parent
        }
        return out.sorted()
    }

    /// The addresses of `blocks` that are in none of `removed`, aggregated.
    public static func subtract(_ removed: [CIDR], from blocks: [CIDR]) -> [CIDR] {
        var remaining = aggregate(blocks)
        for cut in aggregate(removed) {
            remaining = remaining.flatMap { $0.subtracting(cut) }
        }
        return aggregate(remaining)
    }
}
