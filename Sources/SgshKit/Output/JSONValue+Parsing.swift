// Reading JSON text back into a JSONValue, so SgshKit can load what it wrote
// (a saved plan) without Foundation. Strict RFC 8259: one value, no comments,
// no trailing commas; numbers must be integers (sgsh writes no others).

/// Why JSON text could not be read.
package struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong.
    package let reason: String
    /// The 1-based line and column of the first bad character.
    package let line: Int
    package let column: Int

    package var description: String { "line \(line), column \(column): \(reason)" }
}

extension JSONValue {
    /// Parses one JSON value (objects keep their members in file order).
    /// - Throws: `JSONParseError` at the first character that is not valid JSON.
    package init(parsing text: String) throws(JSONParseError) {
        var parser = JSONTextParser(Array(text.unicodeScalars))
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.atEnd else { throw parser.error("unexpected text after the JSON value") }
        self = value
    }

    /// The member named `key` of an object, nil when absent or not an object.
    package subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }
}

private struct JSONTextParser {
    let scalars: [Unicode.Scalar]
    var position = 0
    /// Deeper nesting than any file sgsh writes is refused rather than recursed into.
    static let maxDepth = 64

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    var atEnd: Bool { position >= scalars.count }
    var current: Unicode.Scalar? { atEnd ? nil : scalars[position] }

    func error(_ reason: String) -> JSONParseError {
        var line = 1
        var column = 1
        for scalar in scalars[..<min(position, scalars.count)] {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return JSONParseError(reason: reason, line: line, column: column)
    }

    mutating func skipSpace() {
        while let scalar = current, scalar == " " || scalar == "\n" || scalar == "\r" || scalar == "\t" {
            position += 1
        }
    }

    mutating func expect(_ word: String) throws(JSONParseError) {
        for scalar in word.unicodeScalars {
            guard current == scalar else { throw error("expected '\(word)'") }
            position += 1
        }
    }

    mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth < Self.maxDepth else { throw error("nested too deeply") }
        switch current {
        case "{": return try object(depth: depth)
        case "[": return try array(depth: depth)
        case "\"": return .string(try string())
        case "t":
            try expect("true")
            return .bool(true)
        case "f":
            try expect("false")
            return .bool(false)
        case "n":
            try expect("null")
            return .null
        case let scalar? where scalar == "-" || ("0"..."9").contains(scalar):
            return .int(try integer())
        case nil: throw error("unexpected end of the text")
        default: throw error("unexpected character '\(current!)'")
        }
    }

    mutating func object(depth: Int) throws(JSONParseError) -> JSONValue {
        position += 1
        var members: [JSONValue.Member] = []
        skipSpace()
        if current == "}" {
            position += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard current == "\"" else { throw error("expected a member name in quotes") }
            let key = try string()
            skipSpace()
            try expect(":")
            skipSpace()
            members.append(JSONValue.Member(key, try value(depth: depth + 1)))
            skipSpace()
            if current == "," {
                position += 1
                continue
            }
            try expect("}")
            return .object(members)
        }
    }

    mutating func array(depth: Int) throws(JSONParseError) -> JSONValue {
        position += 1
        var values: [JSONValue] = []
        skipSpace()
        if current == "]" {
            position += 1
            return .array(values)
        }
        while true {
            skipSpace()
            values.append(try value(depth: depth + 1))
            skipSpace()
            if current == "," {
                position += 1
                continue
            }
            try expect("]")
            return .array(values)
        }
    }

    mutating func integer() throws(JSONParseError) -> Int {
        let start = position
        if current == "-" { position += 1 }
        while let scalar = current, ("0"..."9").contains(scalar) { position += 1 }
        if let scalar = current, scalar == "." || scalar == "e" || scalar == "E" {
            throw error("only whole numbers are expected here")
        }
        guard let number = Int(String(String.UnicodeScalarView(scalars[start..<position]))) else {
            position = start
            throw error("not a number sgsh can read")
        }
        return number
    }

    mutating func string() throws(JSONParseError) -> String {
        position += 1
        var out = String.UnicodeScalarView()
        while true {
            guard let scalar = current else { throw error("unterminated string") }
            position += 1
            switch scalar {
            case "\"":
                return String(out)
            case "\\":
                guard let escaped = current else { throw error("unterminated string") }
                position += 1
                switch escaped {
                case "\"": out.append("\"")
                case "\\": out.append("\\")
                case "/": out.append("/")
                case "b": out.append("\u{08}")
                case "f": out.append("\u{0C}")
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "t": out.append("\t")
                case "u": out.append(try unicodeEscape())
                default: throw error("unknown escape '\\\(escaped)'")
                }
            case _ where scalar.value < 0x20:
                throw error("a control character must be escaped in a string")
            default:
                out.append(scalar)
            }
        }
    }

    /// The scalar of `\uXXXX` (a surrogate pair when it takes two), after the `u`.
    mutating func unicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
        let high = try hex4()
        if (0xD800..<0xDC00).contains(high) {
            try expect("\\u")
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low),
                let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            else { throw error("invalid surrogate pair") }
            return scalar
        }
        guard let scalar = Unicode.Scalar(high) else { throw error("invalid \\u escape") }
        return scalar
    }

    mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard position + 4 <= scalars.count,
            let value = UInt32(String(String.UnicodeScalarView(scalars[position..<position + 4])), radix: 16)
        else { throw error("expected four hex digits") }
        position += 4
        return value
    }
}
