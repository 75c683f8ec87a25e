// RuleSetFold's index of entry positions: open addressing over hash bits, keys compared by
// the caller. Hashes are chosen here so that runs collide and wrap around the table's end.

import SgshModel
import Testing

@testable import SgshKit

@Suite struct RuleKeyTableTests {
    /// Inserts and removes positions in a fixed pseudo-random order, with hashes from a few
    /// values (long collision runs, some at the table's last slots), and checks every
    /// position against a plain dictionary after each step.
    @Test func findsEveryPositionThroughCollisionsRemovalsAndGrowth() {
        let hashes: [UInt32] = [0, 1, 15, 31, 0xFFFF_FFFF, 0x8000_000F]
        var table = RuleKeyTable()
        var model: [Int: UInt32] = [:]
        var seed: UInt64 = 42
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33) % bound
        }
        var nextPosition = 0
        for _ in 0..<3_000 {
            if model.isEmpty || next(3) > 0 {
                let hash = hashes[next(hashes.count)]
                table.insert(nextPosition, hash: hash)
                model[nextPosition] = hash
                nextPosition += 1
            } else {
                let position = Array(model.keys)[next(model.count)]
                let removed = table.remove(hash: model[position]!) { $0 == position }
                #expect(removed == position)
                model[position] = nil
            }
            #expect(table.count == model.count)
        }
        for (position, hash) in model {
            #expect(table.position(hash: hash) { $0 == position } == position)
        }
        for position in 0..<nextPosition where model[position] == nil {
            #expect(hashes.allSatisfy { table.position(hash: $0) { $0 == position } == nil })
        }
    }

    @Test func anEmptyOrReservedTableFindsNothing() {
        var table = RuleKeyTable()
        #expect(table.position(hash: 7) { _ in true } == nil)
        table.reserveCapacity(1_000)
        #expect(table.position(hash: 7) { _ in true } == nil)
        #expect(table.remove(hash: 7) { _ in true } == nil)
        #expect(table.count == 0)
    }
}
