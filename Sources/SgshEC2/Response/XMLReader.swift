// A well-formedness-checking XML reader over UTF-8 bytes, for the AWS Query
// responses: elements, text, the five named entities and character
// references, CDATA, comments and processing instructions. Attributes are
// skipped (EC2 sends only xmlns), a namespace prefix is dropped from names,
// and a DOCTYPE is refused, as AWS never sends one. Anything that is not
// well-formed (a mismatched or unclosed tag, an unknown entity, text outside
// the root, bytes that are not UTF-8) throws, as an XML parser would.

/// Reads one XML document into an `XMLNode` tree.
struct XMLReader {
    private let bytes: [UInt8]
    private var position = 0
    /// The open elements, innermost last.
    private var stack: [XMLNode] = []
    /// Where each open element's name lies in `bytes`, so that its end tag is compared byte for byte.
    private var openNames: [Range<Int>] = []
    /// The names read so far, each once (where its bytes first stood, and its String): an answer
    /// repeats a few dozen names thousands of times, and finding one here costs a fraction of
    /// making its String again.
    private var names: [(bytes: Range<Int>, name: String)] = []
    private var root: XMLNode?

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The root element of the document.
    mutating func document() throws(XMLParseError) -> XMLNode {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "<") {
                try markup()
            } else {
                try text()
            }
        }
        guard stack.isEmpty else {
            throw XMLParseError(detail: "the element <\(stack[stack.count - 1].name)> is not closed")
        }
        guard let root else { throw XMLParseError(detail: "no root element") }
        return root
    }

    // MARK: - Markup

    private mutating func markup() throws(XMLParseError) {
        // The byte after `<` decides: most markup is a start tag, which then costs one
        // comparison instead of five prefix tests (a 1,000-rule describe has ~20,000 tags).
        let next = position + 1 < bytes.count ? bytes[position + 1] : 0
        if next == UInt8(ascii: "/") {
            try endTag()
        } else if next != UInt8(ascii: "?") && next != UInt8(ascii: "!") {
            try startTag()
        } else if starts(with: "<?") {
            try skip(past: "?>", what: "processing instruction")
        } else if starts(with: "<!--") {
            try skip(past: "-->", what: "comment")
        } else if starts(with: "<![CDATA[") {
            let start = position + 9
            try skip(past: "]]>", what: "CDATA section")
            try appendText(bytes[start..<(position - 3)], decodingEntities: false)
        } else {
            throw XMLParseError(detail: "unexpected declaration at byte \(position)")
        }
    }

    private mutating func startTag() throws(XMLParseError) {
        position += 1
        let start = position
        let nameRange = try nameBytes()
        let name = try self.name(nameRange, at: start)
        guard root == nil else { throw XMLParseError(detail: "a second root element <\(name)>") }
        // Attributes: skipped, with quoted values that may hold `>` or `/`.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: ">") {
                position += 1
                stack.append(XMLNode(name: name))
                openNames.append(nameRange)
                return
            }
            if byte == UInt8(ascii: "/") {
                guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") else { break }
                position += 2
                close(XMLNode(name: name))
                return
            }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                guard let end = bytes[(position + 1)...].firstIndex(of: byte) else { break }
                position = end + 1
            } else {
                position += 1
            }
        }
        throw XMLParseError(detail: "the tag <\(name)> is not closed")
    }

    private mutating func endTag() throws(XMLParseError) {
        position += 2
        // Compared with the open element's name as bytes: no String is made per end tag.
        let name = try nameBytes()
        while position < bytes.count, isSpace(bytes[position]) { position += 1 }
        guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else {
            throw XMLParseError(detail: "the end tag </\(String(decoding: bytes[name], as: UTF8.self))> is not closed")
        }
        position += 1
        guard let open = openNames.popLast(), sameBytes(open, name), let node = stack.popLast() else {
            throw XMLParseError(
                detail: "the end tag </\(String(decoding: bytes[name], as: UTF8.self))> matches no open element")
        }
        close(node)
    }

    /// The name at `range` (whose tag starts at byte `start`) as a String; a name read before is
    /// not made again.
    private mutating func name(_ range: Range<Int>, at start: Int) throws(XMLParseError) -> String {
        if let known = names.first(where: { sameBytes($0.bytes, range) }) { return known.name }
        guard let name = string(range) else {
            throw XMLParseError(detail: "a tag without a name at byte \(start)")
        }
        // Bounded, so that a document of many distinct names costs no more than before.
        if names.count < Self.namesKept { names.append((range, name)) }
        return name
    }

    /// How many distinct names `names` keeps (EC2's answers use a few dozen).
    private static let namesKept = 64

    /// Whether the bytes at `a` and at `b` are the same.
    @inline(__always)
    private func sameBytes(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            for offset in 0..<a.count where buffer[a.lowerBound + offset] != buffer[b.lowerBound + offset] {
                return false
            }
            return true
        }
    }

    /// Where the name at `position` lies, without its namespace prefix; moves past it.
    private mutating func nameBytes() throws(XMLParseError) -> Range<Int> {
        let start = position
        var local = position
        while position < bytes.count {
            let byte = bytes[position]
            if isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") { break }
            if byte == UInt8(ascii: ":") { local = position + 1 }
            position += 1
        }
        guard position > start, local < position else {
            throw XMLParseError(detail: "a tag without a name at byte \(start)")
        }
        return local..<position
    }

    /// Ends an element: whitespace between child elements is not content.
    private mutating func close(_ node: consuming XMLNode) {
        if !node.children.isEmpty { node.text = "" }
        if stack.isEmpty {
            root = node
        } else {
            // Room for a few children at once: most elements have 2–7, grown one by one otherwise.
            if stack[stack.count - 1].children.isEmpty { stack[stack.count - 1].children.reserveCapacity(8) }
            stack[stack.count - 1].children.append(node)
        }
    }

    // MARK: - Text

    private mutating func text() throws(XMLParseError) {
        let start = position
        position = bytes[position...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
        try appendText(bytes[start..<position], decodingEntities: true)
    }

    /// Adds text to the innermost open element; outside the root only whitespace may stand.
    private mutating func appendText(_ raw: ArraySlice<UInt8>, decodingEntities: Bool) throws(XMLParseError) {
        guard !stack.isEmpty else {
            if raw.allSatisfy(isSpace) { return }
            throw XMLParseError(detail: "text outside the root element")
        }
        // Whitespace after a child element: dropped when the element closes, so not kept.
        if !stack[stack.count - 1].children.isEmpty && raw.allSatisfy(isSpace) { return }
        // Most text has neither an entity nor a CR: made into a String as it stands.
        if !raw.contains(where: { $0 == UInt8(ascii: "\r") || ($0 == UInt8(ascii: "&") && decodingEntities) }) {
            guard let string = string(raw.indices) else {
                throw XMLParseError(detail: "text that is not UTF-8")
            }
            if stack[stack.count - 1].text.isEmpty {
                stack[stack.count - 1].text = string
            } else {
                stack[stack.count - 1].text += string
            }
            return
        }
        // XML reads CR LF and a lone CR as LF.
        var text: [UInt8] = []
        text.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            if byte == UInt8(ascii: "\r") {
                text.append(UInt8(ascii: "\n"))
                if index + 1 < raw.endIndex, raw[index + 1] == UInt8(ascii: "\n") { index += 1 }
            } else if byte == UInt8(ascii: "&"), decodingEntities {
                guard let semicolon = raw[index...].firstIndex(of: UInt8(ascii: ";")) else {
                    throw XMLParseError(detail: "an entity reference without ';'")
                }
                try Self.entity(raw[(index + 1)..<semicolon], into: &text)
                index = semicolon
            } else {
                text.append(byte)
            }
            index += 1
        }
        guard let string = String(validating: text, as: UTF8.self) else {
            throw XMLParseError(detail: "text that is not UTF-8")
        }
        stack[stack.count - 1].text += string
    }

    /// `lt`, `gt`, `amp`, `quot`, `apos`, `#NN` or `#xHH`, as UTF-8.
    private static func entity(_ name: ArraySlice<UInt8>, into text: inout [UInt8]) throws(XMLParseError) {
        switch String(decoding: name, as: UTF8.self) {
        case "lt": text.append(UInt8(ascii: "<"))
        case "gt": text.append(UInt8(ascii: ">"))
        case "amp": text.append(UInt8(ascii: "&"))
        case "quot": text.append(UInt8(ascii: "\""))
        case "apos": text.append(UInt8(ascii: "'"))
        case let reference where reference.hasPrefix("#"):
            let hex = reference.hasPrefix("#x")
            guard let value = UInt32(reference.dropFirst(hex ? 2 : 1), radix: hex ? 16 : 10),
                let scalar = Unicode.Scalar(value), value != 0
            else { throw XMLParseError(detail: "an invalid character reference &\(reference);") }
            text.append(contentsOf: String(Character(scalar)).utf8)
        case let other:
            throw XMLParseError(detail: "an unknown entity &\(other);")
        }
    }

    // MARK: - Helpers

    /// The bytes in `range` as a String, nil when they are not UTF-8. ASCII (every tag name
    /// AWS sends, most text) is decoded without `String(validating:)`, which cost ~1,000
    /// instructions for a short tag name.
    private func string(_ range: Range<Int>) -> String? {
        bytes.withUnsafeBufferPointer { buffer in
            let slice = UnsafeBufferPointer(rebasing: buffer[range])
            if slice.allSatisfy({ $0 < 0x80 }) { return String(decoding: slice, as: UTF8.self) }
            return String(validating: slice, as: UTF8.self)
        }
    }

    private func starts(with literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { buffer in
            for offset in 0..<count where bytes[position + offset] != buffer[offset] { return false }
            return true
        }
    }

    /// Moves past the next `terminator`.
    private mutating func skip(past terminator: StaticString, what: String) throws(XMLParseError) {
        let count = terminator.utf8CodeUnitCount
        var index = position
        while index + count <= bytes.count {
            let found = terminator.withUTF8Buffer { buffer in
                (0..<count).allSatisfy { bytes[index + $0] == buffer[$0] }
            }
            if found {
                position = index + count
                return
            }
            index += 1
        }
        throw XMLParseError(detail: "a \(what) that is not closed")
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
            || byte == UInt8(ascii: "\r")
    }
}
