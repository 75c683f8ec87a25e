// Source text and the conversion from UTF-8 offsets to line and column.
//
// Tokens and AST nodes store UTF-8 byte offsets (cheap, exact); people see
// 1-based lines and 1-based columns counted in Unicode scalars, as starlark
// does ("column (rune) number"). The conversion goes through a table of line
// starts built once, in one pass, the first time a location is asked for: only
// diagnostics and tracebacks ask, so a script that checks clean never builds it
// (15 M instructions and 0.8 MB for a 100,000-line script).

import Synchronization

/// A named piece of sgsh source: a file, a `-c` string, a REPL entry, a stdlib module.
public final class SourceFile: Sendable, Hashable, CustomStringConvertible {
    /// The name shown in diagnostics (`rules.sgsh`, `<stdin>`, `<repl>`).
    public let name: String
    /// The UTF-8 bytes of the text: the only copy kept (a 6 MB script was held twice, as
    /// the String it was read into and as these bytes).
    public let utf8: [UInt8]
    /// Byte offset of the first byte of each line, found when first asked for.
    var lineStarts: [Int] {
        foundLineStarts.withLock { found in
            if let found { return found }
            let starts = Self.lineStarts(of: utf8)
            found = starts
            return starts
        }
    }
    private let foundLineStarts = Mutex<[Int]?>(nil)
    /// The largest script read, in bytes: offsets are kept in 32 bits (`SourceRange`), and the
    /// lexer reads no further. The CLI refuses a longer script before reading it.
    public static let maximumByteCount = Int(Int32.max)

    /// Creates a source file from its name and text.
    public convenience init(name: String, text: String) {
        self.init(name: name, validUTF8: Array(text.utf8))
    }

    /// Creates a source file from bytes that are valid UTF-8 (SourceFile+Decoding.swift).
    init(name: String, validUTF8 bytes: [UInt8]) {
        self.name = name
        self.utf8 = bytes
    }

    /// The text, decoded from the bytes when asked for (the formatter and `fmt` ask once).
    public var text: String { String(decoding: utf8, as: UTF8.self) }

    /// The offset after each newline, 0 first. Eight bytes at a time: a word's newlines are
    /// found as the high bits of an exact zero-byte mask, one count of trailing zeros each
    /// (looking at the eight bytes one by one in every word with a newline cost 19 M
    /// instructions on a 6 MB script; the byte-by-byte `enumerated()` loop before, 39 M).
    private static func lineStarts(of bytes: [UInt8]) -> [Int] {
        var starts = [0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        bytes.withUnsafeBytes { raw in
            let newline = UInt8(ascii: "\n")
            let newlines: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
            let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            var offset = 0
            while offset + 8 <= raw.count {
                // Zero bytes of `word` are the newlines; `zeros` has the high bit of exactly those.
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) ^ newlines
                var zeros = ~(((word & lows) &+ lows) | word | lows)
                while zeros != 0 {
                    starts.append(offset + zeros.trailingZeroBitCount / 8 + 1)
                    zeros &= zeros &- 1
                }
                offset += 8
            }
            for index in offset..<raw.count where raw[index] == newline { starts.append(index + 1) }
        }
        return starts
    }

    /// True when the text starts with a UTF-8 byte order mark.
    var hasByteOrderMark: Bool { utf8.starts(with: [0xEF, 0xBB, 0xBF]) }

    /// The number of lines (a final line without a newline counts).
    public var lineCount: Int { lineStarts.count }

    /// The 1-based line and column of a byte offset; offsets past the end clamp to the end.
    public func location(of offset: Int) -> SourceLocation {
        let offset = max(0, min(offset, utf8.count))
        let lineStarts = self.lineStarts
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        // A byte order mark at the start of the file is not a column.
        let lineStart = low == 0 && hasByteOrderMark ? min(3, offset) : lineStarts[low]
        let column = scalarCount(from: lineStart, to: offset) + 1
        return SourceLocation(file: name, line: low + 1, column: column, offset: offset)
    }

    /// The text of a 1-based line, without its newline (and without a trailing `\r`).
    public func lineText(_ line: Int) -> String {
        let lineStarts = self.lineStarts
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = line == 1 && hasByteOrderMark ? 3 : lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : utf8.count
        if end > start, utf8[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: utf8[start..<max(start, end)], as: UTF8.self)
    }

    /// The text covered by a range.
    public func text(of range: SourceRange) -> String {
        let start = max(0, min(range.start, utf8.count))
        let end = max(start, min(range.end, utf8.count))
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }

    /// Counts Unicode scalars in a byte range by counting non-continuation bytes.
    func scalarCount(from start: Int, to end: Int) -> Int {
        var count = 0
        var index = start
        while index < end {
            if utf8[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }

    public static func == (lhs: SourceFile, rhs: SourceFile) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
    public var description: String { name }
}

/// A 1-based line and column (in Unicode scalars) in a named file.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    /// The UTF-8 offset the location was computed from.
    public let offset: Int

    public init(file: String, line: Int, column: Int, offset: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `file:line:col`, the form editors and `grep -n` tools parse.
    public var description: String { "\(file):\(line):\(column)" }
}

/// A half-open range of UTF-8 offsets in one source file.
///
/// The offsets are stored in 32 bits: a range is 16 bytes, not 24, and the tree holds about
/// ten per rule (every `Located` part, every expression), so a 100,000-rule script's tree
/// is 8 MB smaller. A script is never near 2 GB; offsets past that are clamped, not wrapped.
public struct SourceRange: Hashable, Sendable {
    public let file: SourceFile
    private let storedStart: Int32
    private let storedEnd: Int32

    /// The offset of the first byte.
    @inline(__always) public var start: Int { Int(storedStart) }
    /// The offset just past the last byte.
    @inline(__always) public var end: Int { Int(storedEnd) }

    @inline(__always) public init(file: SourceFile, start: Int, end: Int) {
        self.file = file
        self.storedStart = Int32(clamping: start)
        self.storedEnd = Int32(clamping: max(start, end))
    }

    /// Offsets already in 32 bits and in order (a token's, LexedToken; another range's):
    /// nothing to clamp.
    @inline(__always) init(file: SourceFile, start32: Int32, end32: Int32) {
        self.file = file
        self.storedStart = start32
        self.storedEnd = end32
    }

    /// A zero-width range at an offset (a missing token, end of file).
    public static func point(_ file: SourceFile, _ offset: Int) -> SourceRange {
        SourceRange(file: file, start: offset, end: offset)
    }

    /// The range from the start of `self` to the end of `other`.
    public func through(_ other: SourceRange) -> SourceRange {
        SourceRange(
            file: file, start32: min(storedStart, other.storedStart), end32: max(storedEnd, other.storedEnd))
    }

    /// Where the range starts, as line and column.
    public var location: SourceLocation { file.location(of: start) }

    /// The text the range covers.
    public var text: String { file.text(of: self) }
}
