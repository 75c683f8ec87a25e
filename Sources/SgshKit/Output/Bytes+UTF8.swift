// Appending text to a byte buffer, for the writers that print a line per rule
// (plans of 100,000 rules). Array's generic append(contentsOf: String.UTF8View)
// walks the view byte by byte (~170 instructions for a three-letter word);
// these copy from the String's own contiguous storage.

extension Array where Element == UInt8 {
    /// Appends `text`'s UTF-8 bytes.
    mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }
}

extension String {
    /// True when some UTF-8 byte of the string satisfies `predicate`, tested over its contiguous
    /// storage (String.UTF8View's `contains(where:)` pays an index check per byte).
    func containsUTF8Byte(where predicate: (UInt8) -> Bool) -> Bool {
        var text = self
        return text.withUTF8 { $0.contains(where: predicate) }
    }
}
