// Where each rule of a RuleSetFold sits in its entry array, by rule key.
//
// Why not a `[RuleKey: Int]`: a RuleKey is ~100 bytes, so such a dictionary
// stores every key a second time (the entries hold the rules), at ~100 bytes
// a slot, and while it grows its old and new storage are both alive. Planning
// 100,000 rules, that dictionary was the largest thing in memory. This table
// is open addressing with linear probing over 8-byte slots, each holding an
// entry's position and 32 bits of its key's hash; keys are compared through
// the caller's entries, and the hash bits are enough to move slots around
// (growing, deleting) without reading any key.

import SgshModel

/// Entry positions by rule key; the keys themselves live in the caller's entries.
struct RuleKeyTable {
    /// 0: empty; else the key's hash bits in the high 32 bits and position + 1 in the low 32.
    private var slots: [UInt64] = []
    /// How many positions the table holds.
    private(set) var count = 0

    /// The hash bits a key is filed under (Swift's seeded hash, so probing cannot be steered).
    static func hash(_ key: RuleKey) -> UInt32 { UInt32(truncatingIfNeeded: key.hashValue) }

    /// Room for `capacity` positions without growing (at most half the slots are used).
    mutating func reserveCapacity(_ capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        if size > slots.count { resize(to: size) }
    }

    /// The position filed under `hash` for which `matches` is true, if any.
    func position(hash: UInt32, where matches: (Int) -> Bool) -> Int? {
        guard let slot = slot(hash: hash, where: matches) else { return nil }
        return Int(slots[slot] & 0xFFFF_FFFF) - 1
    }

    /// Files `position` under `hash`; the caller has checked that its key is not in the table.
    mutating func insert(_ position: Int, hash: UInt32) {
        if (count + 1) * 2 > slots.count { resize(to: max(16, slots.count * 2)) }
        place(UInt64(hash) << 32 | UInt64(position + 1))
        count += 1
    }

    /// Removes the position filed under `hash` for which `matches` is true, and returns it.
    mutating func remove(hash: UInt32, where matches: (Int) -> Bool) -> Int? {
        guard var hole = slot(hash: hash, where: matches) else { return nil }
        let position = Int(slots[hole] & 0xFFFF_FFFF) - 1
        // Backward-shift deletion: move up every later slot of the run whose home is not
        // between the hole and itself, so no lookup stops early at the hole.
        let mask = slots.count - 1
        var next = (hole + 1) & mask
        while slots[next] != 0 {
            let home = Int(slots[next] >> 32) & mask
            let stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next)
            if !stays {
                slots[hole] = slots[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        slots[hole] = 0
        count -= 1
        return position
    }

    private func slot(hash: UInt32, where matches: (Int) -> Bool) -> Int? {
        guard count > 0 else { return nil }
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let value = slots[slot]
            if value == 0 { return nil }
            if UInt32(value >> 32) == hash, matches(Int(value & 0xFFFF_FFFF) - 1) { return slot }
            slot = (slot + 1) & mask
        }
    }

    private mutating func place(_ value: UInt64) {
        let mask = slots.count - 1
        var slot = Int(value >> 32) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = value
    }

    private mutating func resize(to size: Int) {
        let old = slots
        slots = [UInt64](repeating: 0, count: size)
        for value in old where value != 0 { place(value) }
    }
}

extension Rule {
    /// True when the rule's identity is `key`, compared field by field (no RuleKey is made).
    func hasKey(_ key: RuleKey) -> Bool { ipProtocol == key.ipProtocol && ports == key.ports && peer == key.peer }
}
