// The words the lexer has already made a String for, found by their bytes.
//
// A 100,000-line script spells `ingress`, `allow`, `tcp`, `from` and its group
// id 100,000 times each. Making each one's String again (decoding and
// validating the bytes) cost ~170 instructions a word, and the parser then
// compared those Strings with every contextual word it expected. The lexer now
// hashes a word's bytes once: one probe says whether it is a keyword or a
// contextual word (seeded, shared by every lexer) and hands back the String
// made the first time the lexer saw it (a small table of its own).

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

/// Spellings by their bytes: open addressing, linear probing, FNV-1a hashes.
package struct WordTable: Sendable {
    /// Plain values only, so probing copies no String (and retains nothing).
    private struct Slot {
        /// 0 for an empty slot (a real hash of 0 is stored as 1).
        var hash: UInt64 = 0
        /// Where the spelling's bytes are in `spellings`.
        var offset: Int32 = 0
        var length: Int32 = 0
        /// The index of the spelling's meaning in `meanings`.
        var meaning: Int32 = 0
    }

    private var slots: [Slot] = []
    /// The bytes of every stored spelling, back to back.
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

    /// The FNV-1a hash of `bytes[start..<end]`, never 0.
    @inline(__always)
    package static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in start..<end { hash = (hash ^ UInt64(bytes[index])) &* 0x100_0000_01b3 }
        return hash == 0 ? 1 : hash
    }

    /// The meaning stored for the spelling `bytes[start..<end]` with hash `hash`, if any.
    @inline(__always)
    package func find(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, hash: UInt64) -> WordMeaning? {
        guard let found = index(bytes, start, end, hash: hash) else { return nil }
        return meanings[found]
    }

    private func index(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, hash: UInt64) -> Int? {
        guard !slots.isEmpty else { return nil }
        return slots.withUnsafeBufferPointer { slots in
            spellings.withUnsafeBufferPointer { spellings in
                let mask = slots.count - 1
                var index = Int(truncatingIfNeeded: hash) & mask
                let length = end - start
                while true {
                    let slot = slots[index]
                    if slot.hash == 0 { return nil }
                    if slot.hash == hash, Int(slot.length) == length {
                        let offset = Int(slot.offset)
                        var same = 0
                        while same < length, spellings[offset + same] == bytes[start + same] { same += 1 }
                        if same == length { return Int(slot.meaning) }
                    }
                    index = (index + 1) & mask
                }
            }
        }
    }

    /// Stores `meaning` for the spelling `bytes[start..<end]` (not already stored) unless the
    /// table is full or the spelling is longer than `longest`.
    package mutating func insert(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, hash: UInt64, _ meaning: WordMeaning
    ) {
        guard meanings.count < limit, end - start <= Self.longest else { return }
        if (meanings.count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index].hash != 0 { index = (index + 1) & mask }
        slots[index] = Slot(
            hash: hash, offset: Int32(spellings.count), length: Int32(end - start), meaning: Int32(meanings.count))
        spellings.append(contentsOf: bytes[start..<end])
        meanings.append(meaning)
    }

    private mutating func insert(_ spelling: [UInt8], _ meaning: WordMeaning) {
        spelling.withUnsafeBufferPointer { bytes in
            let hash = Self.hash(bytes, 0, bytes.count)
            if index(bytes, 0, bytes.count, hash: hash) == nil { insert(bytes, 0, bytes.count, hash: hash, meaning) }
        }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: max(64, old.count * 2))
        let mask = slots.count - 1
        for slot in old where slot.hash != 0 {
            var index = Int(truncatingIfNeeded: slot.hash) & mask
            while slots[index].hash != 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
    }
}
