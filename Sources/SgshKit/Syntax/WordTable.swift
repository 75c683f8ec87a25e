// Spellings found by their bytes.
//
// A 100,000-line script spells `ingress`, `allow`, `tcp` and `from` 100,000
// times each. The lexer reads a word's bytes once: one probe of the seeded
// table (keywords and contextual words, shared by every lexer) says whether it
// is a keyword or a contextual word, and no String is made (tokens keep
// offsets only; the parser reads a name's text where a node keeps it).

/// What a word is, and its text.
package struct WordMeaning: Sendable {
    /// The text, made once per spelling.
    package let text: String
    /// The keyword the word spells (keywords are never identifiers).
    package let keyword: Keyword?
    /// The contextual word the identifier spells, if any (ContextualWord.swift).
    package let word: ContextualWord?

    package init(text: String, keyword: Keyword?, word: ContextualWord?) {
        self.text = text
        self.keyword = keyword
        self.word = word
    }
}

/// Spellings by their bytes: open addressing, linear probing. A spelling's first 16 bytes,
/// read as two words, are its key: a probe compares two words and a length, not bytes.
package struct WordTable: Sendable {
    /// Plain values only, so probing copies no String (and retains nothing).
    private struct Slot {
        /// The first 16 bytes of the spelling (zero past its end).
        var key: Key = Key(low: 0, high: 0)
        /// 0 for an empty slot (spellings are never empty).
        var length: Int32 = 0
        /// Where the bytes past the first 16 are in `spellings`.
        var offset: Int32 = 0
        /// The index of the spelling's meaning in `meanings`.
        var meaning: Int32 = 0
    }

    /// The first 16 bytes of a spelling, little-endian, zero past its end.
    package struct Key: Equatable, Sendable {
        var low: UInt64
        var high: UInt64
    }

    private var slots: [Slot] = []
    /// The bytes past the first 16 of every stored spelling, back to back.
    private var spellings: [UInt8] = []
    private var meanings: [WordMeaning] = []
    /// The most spellings kept: a script of many different names (or a fuzzer's input) does
    /// not grow the table without end; past it, words get a fresh String each.
    private let limit: Int
    /// The longest spelling kept.
    package static let longest = 64

    package init(limit: Int = 8192) {
        self.limit = limit
    }

    /// How many spellings are stored.
    package var count: Int { meanings.count }

    /// Every keyword and contextual word, and the usual protocol names, with literal Strings.
    package static let seeded: WordTable = {
        var table = WordTable(limit: .max)
        for keyword in Keyword.allCases {
            table.insert(Array(keyword.rawValue.utf8), WordMeaning(text: keyword.rawValue, keyword: keyword, word: nil))
        }
        for word in ContextualWord.allCases {
            table.insert(Array(word.rawValue.utf8), WordMeaning(text: word.rawValue, keyword: nil, word: word))
        }
        for name in Parser.protocolNames where ContextualWord(word: name) == nil {
            table.insert(Array(name.utf8), WordMeaning(text: name, keyword: nil, word: nil))
        }
        return table
    }()

    /// The key of `bytes[start..<end]`: two unaligned loads where 16 bytes can be read, else
    /// byte by byte.
    @inline(__always)
    package static func key(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Key {
        let length = end - start
        if start + 16 <= bytes.count, let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base + start)
            var low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            var high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            if length < 8 {
                low &= (1 << UInt64(length * 8)) &- 1
                high = 0
            } else if length < 16 {
                high &= (1 << UInt64((length - 8) * 8)) &- 1
            }
            return Key(low: low, high: high)
        }
        var key = Key(low: 0, high: 0)
        for index in 0..<min(length, 16) {
            let byte = UInt64(bytes[start + index])
            if index < 8 { key.low |= byte << UInt64(index * 8) } else { key.high |= byte << UInt64((index - 8) * 8) }
        }
        return key
    }

    /// Where a key's probe starts: its words mixed, so that similar names spread.
    @inline(__always)
    static func hash(_ key: Key, _ length: Int) -> Int {
        var mixed = (key.low &* 0x9E37_79B9_7F4A_7C15) ^ (key.high &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(length)
        mixed ^= mixed >> 29
        return Int(truncatingIfNeeded: mixed)
    }

    /// The meaning stored for the spelling `bytes[start..<end]` with key `key`, if any.
    @inline(__always)
    package func find(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, key: Key) -> WordMeaning? {
        guard let found = index(bytes, start, end, key: key) else { return nil }
        return meanings[found]
    }

    /// The keyword and contextual word stored for the spelling, if any (no String copied).
    @inline(__always)
    package func kind(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, key: Key) -> (
        keyword: Keyword?, word: ContextualWord?
    ) {
        guard let found = index(bytes, start, end, key: key) else { return (nil, nil) }
        return (meanings[found].keyword, meanings[found].word)
    }

    private func index(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, key: Key) -> Int? {
        guard !slots.isEmpty else { return nil }
        let length = end - start
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var index = Self.hash(key, length) & mask
            while true {
                let slot = slots[index]
                if slot.length == 0 { return nil }
                if slot.key == key, Int(slot.length) == length, length <= 16 || sameTail(slot, bytes, start + 16, end) {
                    return Int(slot.meaning)
                }
                index = (index + 1) & mask
            }
        }
    }

    /// True when the bytes of a spelling past its first 16 are `bytes[start..<end]`.
    private func sameTail(_ slot: Slot, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let offset = Int(slot.offset)
        for index in 0..<(end - start) where spellings[offset + index] != bytes[start + index] { return false }
        return true
    }

    /// Stores `meaning` for the spelling `bytes[start..<end]` (not empty, not already stored)
    /// unless the table is full or the spelling is longer than `longest`.
    package mutating func insert(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, key: Key, _ meaning: WordMeaning
    ) {
        guard meanings.count < limit, end > start, end - start <= Self.longest else { return }
        if (meanings.count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var index = Self.hash(key, end - start) & mask
        while slots[index].length != 0 { index = (index + 1) & mask }
        slots[index] = Slot(
            key: key, length: Int32(end - start), offset: Int32(spellings.count), meaning: Int32(meanings.count))
        if end - start > 16 { spellings.append(contentsOf: bytes[(start + 16)..<end]) }
        meanings.append(meaning)
    }

    private mutating func insert(_ spelling: [UInt8], _ meaning: WordMeaning) {
        spelling.withUnsafeBufferPointer { bytes in
            let key = Self.key(bytes, 0, bytes.count)
            if index(bytes, 0, bytes.count, key: key) == nil { insert(bytes, 0, bytes.count, key: key, meaning) }
        }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: max(64, old.count * 2))
        let mask = slots.count - 1
        for slot in old where slot.length != 0 {
            var index = Self.hash(slot.key, Int(slot.length)) & mask
            while slots[index].length != 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
    }
}
