// Script bytes to text. Invalid UTF-8 is an error at its byte, never replaced
// silently with U+FFFD: a replaced byte inside a description would change the
// description EC2 stores without a word.

extension SourceFile {
    /// The file the bytes decode to, and the diagnostic at the first byte that is not
    /// UTF-8 (the text then holds U+FFFD there, so the diagnostic can show the line).
    public static func decoding(_ bytes: [UInt8], name: String) -> (file: SourceFile, invalid: Diagnostic?) {
        // The bytes themselves become the file: no String of the whole text is made for an ASCII
        // script (validating one allocated and filled a copy of it, 6 MB for a large script).
        if isASCII(bytes) || String(validating: bytes, as: UTF8.self) != nil {
            return (SourceFile(name: name, validUTF8: bytes), nil)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let offset = firstInvalidOffset(bytes)
        // Up to the bad byte the text is the bytes themselves; there it holds U+FFFD (3 bytes).
        let file = SourceFile(name: name, text: text)
        let range = SourceRange(file: file, start: offset, end: offset + 3)
        return (file, Diagnostic(.invalidUTF8(byte: bytes[offset]), at: range))
    }

    /// True when every byte is below 0x80, looked at eight bytes at a time.
    private static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            var high: UInt64 = 0
            while offset + 8 <= raw.count {
                high |= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                offset += 8
            }
            while offset < raw.count {
                high |= UInt64(raw[offset])
                offset += 1
            }
            return high & 0x8080_8080_8080_8080 == 0
        }
    }

    /// The offset of the first byte that does not start or continue a valid UTF-8 sequence.
    private static func firstInvalidOffset(_ bytes: [UInt8]) -> Int {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return bytes.count
            case .error: return offset
            }
        }
    }
}
