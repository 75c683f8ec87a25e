// EC2's rules for rule descriptions, checked before anything is sent.
//
// EC2 allows up to 255 characters from a-z, A-Z, 0-9, space and
// `._-:/()#,@[]+=&;{}!$*` (EC2-FACTS §3). Group descriptions and the
// descriptions of IP-range rules may contain `&`; the descriptions of rules
// whose peer is a group or a prefix list may not (UserIdGroupPair and
// PrefixListId in the EC2 model), so callers that know the peer say which.

/// Validation of rule and group descriptions (SourceWriter quotes them as sgsh strings).
public enum RuleDescription {
    /// The longest description EC2 accepts.
    public static let maxLength = 255

    /// The punctuation EC2 allows besides letters, digits and space.
    public static let allowedPunctuation: Set<Character> = Set("._-:/()#,@[]+=&;{}!$*")

    /// Nil when `text` is a valid description, else the problem in words.
    /// - Parameters:
    ///   - text: the description to check.
    ///   - allowsAmpersand: false for a rule whose peer is a group or prefix list.
    public static func problem(in text: String, allowsAmpersand: Bool = true) -> String? {
        // Most descriptions are short and plain ASCII: settled on the bytes, without walking Characters.
        if text.utf8.count <= maxLength, allBytesAllowed(text) {
            return !allowsAmpersand && text.utf8.contains(UInt8(ascii: "&")) ? ampersandProblem : nil
        }
        let count = text.unicodeScalars.count
        if count > maxLength {
            return "description is \(count) characters; EC2 allows at most \(maxLength)"
        }
        if !allowsAmpersand, text.contains("&") { return ampersandProblem }
        if let bad = text.first(where: { !isAllowed($0) }) {
            // A quoted apostrophe would read as three quotes; name it instead.
            let shown = bad == "'" ? "an apostrophe (')" : "'\(bad.debugEscaped)'"
            return "description contains \(shown), which EC2 does not allow"
        }
        return nil
    }

    /// The index (in Unicode scalars) of the first disallowed character, if any.
    public static func firstInvalidOffset(in text: String) -> Int? {
        var offset = 0
        for character in text {
            if !isAllowed(character) { return offset }
            offset += character.unicodeScalars.count
        }
        return nil
    }

    private static let ampersandProblem =
        "description contains '&', which EC2 allows only on rules whose peer is a CIDR"

    /// True for a byte that is, alone, a character EC2 allows (ASCII letters, digits, space and
    /// the punctuation above; no two of them combine into one Character).
    static func isAllowedByte(_ byte: UInt8) -> Bool { allowedBytes[Int(byte)] }

    /// True when every byte of `text` is allowed, read in place: walking the UTF-8 view of a
    /// small string decoded it byte by byte (~400 instructions for a six-letter description,
    /// checked four times a rule by a dry run).
    static func allBytesAllowed(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            let allowed = allowedBytes
            return bytes.allSatisfy { allowed[Int($0)] }
        } ?? text.utf8.allSatisfy(isAllowedByte)
    }

    private static let allowedBytes: [Bool] = (0..<256).map { byte in
        byte < 0x80 && isAllowed(Character(Unicode.Scalar(UInt8(byte))))
    }

    /// True for a character EC2 allows in a description.
    public static func isAllowed(_ character: Character) -> Bool {
        guard character.isASCII else { return false }
        return character.isASCIILetter || character.isASCIIDigit || character == " "
            || allowedPunctuation.contains(character)
    }
}

extension Character {
    /// The character, or a `\u{…}` escape when it is not printable ASCII.
    var debugEscaped: String {
        let isControl = unicodeScalars.contains { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) }
        if !isControl { return String(self) }
        return unicodeScalars.map { "\\u{\(String($0.value, radix: 16))}" }.joined()
    }
}
