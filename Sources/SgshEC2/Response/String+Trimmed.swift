// Trimming the text of EC2's answers. Foundation's
// `trimmingCharacters(in: .whitespacesAndNewlines)` goes through NSString on
// Linux; called for every field of every rule, it was a fifth of decoding a
// 1,000-rule answer. The same set in Swift: Unicode's White_Space property,
// plus U+200B (zero width space), which corelibs Foundation's set also holds
// (checked over every scalar; TrimmedTests compares the two).

extension String {
    /// The text without leading and trailing white space (as `.whitespacesAndNewlines`).
    var trimmed: String {
        // Almost every field is ASCII with nothing to trim: no scalar is looked at twice.
        if let first = utf8.first, let last = utf8.last, Self.isPlainASCII(first), Self.isPlainASCII(last) {
            return self
        }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !Self.isSpace($0) }),
            let end = scalars.lastIndex(where: { !Self.isSpace($0) })
        else { return "" }
        return String(scalars[start...end])
    }

    /// White space as `.whitespacesAndNewlines` has it.
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{200B}"
    }

    /// A byte that is ASCII and not white space (nor a control character).
    private static func isPlainASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
}
