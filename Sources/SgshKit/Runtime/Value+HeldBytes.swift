// How much memory a value holds, as ExecutionLimits.maxValueBytes counts it:
// the measure, not the allocator's exact figure. Lists shared by
// copy-on-write are counted once per reference, which over-counts and so errs
// on the safe side; measuring stops as soon as the limit is passed, so it
// costs at most about `limit / bytesPerElement` visits even for a list of
// lists of lists.

extension Value {
    /// Bytes counted for each list element, besides what the element holds.
    public static let bytesPerElement = 16

    /// The bytes this value holds, or some number above `limit` once it is clear it passes it.
    func heldBytes(upTo limit: Int) -> Int {
        switch self {
        case .string(let text):
            return text.utf8.count
        case .list(let items):
            guard items.count <= limit / Self.bytesPerElement else { return Int.max }
            var total = items.count * Self.bytesPerElement
            for item in items {
                let held = item.heldBytes(upTo: limit - total)
                guard held <= limit - total else { return Int.max }
                total += held
            }
            return total
        default:
            return 0
        }
    }
}
