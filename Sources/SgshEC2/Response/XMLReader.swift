// A well-formedness-checking XML reader over UTF-8 bytes, for the AWS Query
// responses: elements, text, the five named entities and character
// references, CDATA, comments and processing instructions. Attributes are
// skipped (EC2 sends only xmlns), a namespace prefix is dropped from names,
// and a DOCTYPE is refused, as AWS never sends one. Anything that is not
// well-formed (a mismatched or unclosed tag, an unknown entity, text outside
// the root, bytes that are not UTF-8) throws, as an XML parser would.

/// Reads one XML document into an `XMLDocument`.
struct XMLReader {
    private let bytes: [UInt8]
    private var position = 0
    /// The document's elements so far, in document order (XMLDocument.Element).
    private var elements: [XMLDocument.Element] = []
    /// The open elements, innermost last: each one's index and its last child so far.
    private var stack: [(element: Int, lastChild: Int)] = []
    /// Where each open element's name lies in `bytes`, so that its end tag is compared byte for byte.
    private var openNames: [Range<Int>] = []
    /// Every element's name, as XMLDocument.Element.name counts them.
    private var names: [String] = []
    /// The names read so far, each once (where its bytes first stood, and its place in `names`):
    /// an answer repeats a few dozen names thousands of times, and finding one here costs a
    /// fraction of making its String again.
    private var knownNames: [(bytes: Range<Int>, index: Int)] = []
    /// The texts that are not in `bytes` as they stand (XMLDocument.rewritten).
    private var rewritten: [UInt8] = []

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The document, its root element first.
    mutating func document() throws(XMLParseError) -> XMLDocument {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        // About one element per 25 bytes in EC2's answers (a 1,000-rule describe: 3,445 in 86 KB):
        // room for them at once.
        elements.reserveCapacity(bytes.count / 20)
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "<") {
                try markup()
            } else {
                try text()
            }
        }
        if let open = stack.last {
            throw XMLParseError(detail: "the element <\(names[elements[open.element].name])> is not closed")
        }
        guard !elements.isEmpty else { throw XMLParseError(detail: "no root element") }
        return XMLDocument(body: bytes, rewritten: rewritten, elements: elements, names: names)
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
        // Outside every element only the root may start.
        guard !stack.isEmpty || elements.isEmpty else {
            throw XMLParseError(detail: "a second root element <\(names[name])>")
        }
        try attributes(ofElementNamed: name, at: nameRange)
    }

    /// Moves past the start tag's attributes (skipped, with quoted values that may hold `>` or
    /// `/`) to its end, and opens the element; `/>` closes it at once.
    private mutating func attributes(ofElementNamed name: Int, at nameRange: Range<Int>) throws(XMLParseError) {
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: ">") {
                position += 1
                stack.append((open(name), XMLDocument.none))
                openNames.append(nameRange)
                return
            }
            if byte == UInt8(ascii: "/") {
                guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") else { break }
                position += 2
                _ = open(name)
                return
            }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                guard let end = bytes[(position + 1)...].firstIndex(of: byte) else { break }
                position = end + 1
            } else {
                position += 1
            }
        }
        throw XMLParseError(detail: "the tag <\(names[name])> is not closed")
    }

    /// Adds an element, as the last child of the innermost open one (or as the root).
    private mutating func open(_ name: Int) -> Int {
        let index = elements.count
        elements.append(XMLDocument.Element(name: name))
        if let parent = stack.indices.last {
            let previous = stack[parent].lastChild
            if previous == XMLDocument.none {
                elements[stack[parent].element].firstChild = index
            } else {
                elements[previous].nextSibling = index
            }
            stack[parent].lastChild = index
        }
        return index
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
        guard let open = openNames.popLast(), sameBytes(open, name), let closed = stack.popLast() else {
            throw XMLParseError(
                detail: "the end tag </\(String(decoding: bytes[name], as: UTF8.self))> matches no open element")
        }
        // Text in an element with children (whitespace between them) is not content.
        if closed.lastChild != XMLDocument.none { elements[closed.element].text = 0..<0 }
    }

    /// The name at `range` (whose tag starts at byte `start`), as its place in `names`; a name
    /// read before is not made again.
    private mutating func name(_ range: Range<Int>, at start: Int) throws(XMLParseError) -> Int {
        if let known = knownNames.first(where: { sameBytes($0.bytes, range) }) { return known.index }
        guard let name = string(range) else {
            throw XMLParseError(detail: "a tag without a name at byte \(start)")
        }
        names.append(name)
        // Bounded, so that a document of many distinct names costs no more than before.
        if knownNames.count < Self.namesKept { knownNames.append((range, names.count - 1)) }
        return names.count - 1
    }

    /// How many distinct names `knownNames` keeps (EC2's answers use a few dozen).
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

    // MARK: - Text

    private mutating func text() throws(XMLParseError) {
        let start = position
        position = bytes[position...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
        try appendText(bytes[start..<position], decodingEntities: true)
    }

    /// Adds text to the innermost open element; outside the root only whitespace may stand.
    private mutating func appendText(_ raw: ArraySlice<UInt8>, decodingEntities: Bool) throws(XMLParseError) {
        guard let open = stack.last else {
            if raw.allSatisfy(isSpace) { return }
            throw XMLParseError(detail: "text outside the root element")
        }
        // Whitespace after a child element: dropped when the element closes, so not kept.
        if open.lastChild != XMLDocument.none && raw.allSatisfy(isSpace) { return }
        let element = open.element
        if !raw.contains(where: { $0 == UInt8(ascii: "\r") || ($0 == UInt8(ascii: "&") && decodingEntities) }) {
            guard Self.isUTF8(raw) else { throw XMLParseError(detail: "text that is not UTF-8") }
            // Most text has neither an entity nor a CR, and is its element's only piece: it is
            // read where it stands in the body.
            if elements[element].text.isEmpty {
                elements[element].text = raw.indices
                elements[element].textIsRewritten = false
                return
            }
            startRewriting(element)
            rewritten.append(contentsOf: raw)
        } else {
            startRewriting(element)
            let start = rewritten.count
            // XML reads CR LF and a lone CR as LF.
            var index = raw.startIndex
            while index < raw.endIndex {
                let byte = raw[index]
                if byte == UInt8(ascii: "\r") {
                    rewritten.append(UInt8(ascii: "\n"))
                    if index + 1 < raw.endIndex, raw[index + 1] == UInt8(ascii: "\n") { index += 1 }
                } else if byte == UInt8(ascii: "&"), decodingEntities {
                    guard let semicolon = raw[index...].firstIndex(of: UInt8(ascii: ";")) else {
                        throw XMLParseError(detail: "an entity reference without ';'")
                    }
                    try Self.entity(raw[(index + 1)..<semicolon], into: &rewritten)
                    index = semicolon
                } else {
                    rewritten.append(byte)
                }
                index += 1
            }
            guard Self.isUTF8(rewritten[start...]) else { throw XMLParseError(detail: "text that is not UTF-8") }
        }
        elements[element].text = elements[element].text.lowerBound..<rewritten.count
    }

    /// Moves the element's text so far to the end of `rewritten` (unless it is there already),
    /// so that the next piece can be appended to it.
    private mutating func startRewriting(_ element: Int) {
        let text = elements[element].text
        if elements[element].textIsRewritten && text.upperBound == rewritten.count { return }
        let copy = elements[element].textIsRewritten ? Array(rewritten[text]) : Array(bytes[text])
        elements[element].text = rewritten.count..<(rewritten.count + copy.count)
        elements[element].textIsRewritten = true
        rewritten.append(contentsOf: copy)
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

    /// Whether the bytes are UTF-8. ASCII (most text) is checked without `String(validating:)`.
    private static func isUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.allSatisfy { $0 < 0x80 } || String(validating: bytes, as: UTF8.self) != nil
    }

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
