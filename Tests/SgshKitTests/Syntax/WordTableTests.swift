// The lexer finds keywords, contextual words and names it has seen by hashing
// their bytes (WordTable.swift). On random words it must say exactly what it
// said before the table: the keyword `Keyword(rawValue:)` finds, or an
// identifier whose text is the word and whose contextual word is
// `ContextualWord(rawValue:)`'s, however often a word repeats.

import SgshKit
import SgshTestSupport
import Testing

@Suite struct WordTableTests {
    static let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
    static let rest = letters + Array("0123456789")

    /// A word the lexer reads as one name or keyword: a letter or `_`, then letters, digits and
    /// `_`, sometimes hyphenated (`echo-request`); never an id (`sg-…`) or an IPv6 address.
    static func word(_ random: inout SplitMix64) -> String {
        let known =
            Keyword.allCases.map(\.rawValue) + ContextualWord.allCases.map(\.rawValue)
            + ["tcp", "udp", "icmp", "icmpv6", "all"]
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return known.randomElement(using: &random)!
        case 1:
            // A known word with one letter changed, added or in upper case: near misses.
            var word = Array(known.randomElement(using: &random)!)
            let index = Int.random(in: 0..<word.count, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0: word[index] = letters.randomElement(using: &random)!
            case 1: word.insert(rest.randomElement(using: &random)!, at: index + 1)
            default: word[index] = Character(word[index].uppercased())
            }
            return String(word)
        default:
            let length = Int.random(in: 1...(Int.random(in: 0..<10, using: &random) == 0 ? 90 : 9), using: &random)
            var word = String(letters.randomElement(using: &random)!)
            for _ in 1..<length { word.append(rest.randomElement(using: &random)!) }
            if Bool.random(using: &random) {
                word += "-" + String(letters.filter(\.isLetter).randomElement(using: &random)!) + "x"
            }
            return word
        }
    }

    static func isIDWord(_ word: String) -> Bool {
        ["sg-", "pl-", "vpc-"].contains { word.hasPrefix($0) }
    }

    @Test func lexedWordsAreWhatTheirTextSays() {
        var random = SplitMix64(state: 14)
        let words = (0..<4_000).map { _ in Self.word(&random) }.filter { !Self.isIDWord($0) }
        // Each word several times: the first made its String, the others find it.
        let text = (words + words.shuffled(using: &random) + words).joined(separator: " ")
        var lexer = Lexer(file: SourceFile(name: "words.sgsh", text: text))
        var count = 0
        while true {
            let token = lexer.nextLexed()
            let kind = Lexer.kind(of: token, in: lexer.file)
            if kind == .eof { break }
            let spelled = String(decoding: lexer.file.utf8[token.start..<token.end], as: UTF8.self)
            if let keyword = Keyword(rawValue: spelled) {
                #expect(kind == .keyword(keyword), "\(spelled)")
                #expect(token.word == nil)
            } else {
                #expect(kind == .identifier(spelled), "\(spelled)")
                #expect(token.word == ContextualWord(rawValue: spelled), "\(spelled)")
                for word in ContextualWord.allCases {
                    #expect(token.isWord(word) == kind.isWord(word), "\(spelled) \(word)")
                }
            }
            count += 1
        }
        #expect(count == words.count * 3)
        #expect(lexer.diagnostics.isEmpty)
    }

    @Test func variablesAndIDsRepeatedKeepTheirText() {
        let text = (0..<300).map { "$v\($0 % 7) sg-0abc\($0 % 5) pl-1\($0 % 3) vpc-\($0 % 2)f $if" }.joined(
            separator: "\n")
        var lexer = Lexer(file: SourceFile(name: "ids.sgsh", text: text))
        var seen: [TokenKind] = []
        while true {
            let kind = Lexer.kind(of: lexer.nextLexed(), in: lexer.file)
            if kind == .eof { break }
            if kind != .newline { seen.append(kind) }
        }
        let expected: [TokenKind] = (0..<300).flatMap { index -> [TokenKind] in
            [
                .variable("v\(index % 7)"), .groupID("sg-0abc\(index % 5)"), .prefixListID("pl-1\(index % 3)"),
                .vpcID("vpc-\(index % 2)f"), .variable("if"),
            ]
        }
        #expect(seen == expected)
    }

    @Test func tableFindsWhatItStoredAndNothingElse() {
        var random = SplitMix64(state: 7)
        var table = WordTable(limit: 500)
        var stored: Set<String> = []
        for _ in 0..<20_000 {
            let spelling = Self.word(&random)
            let bytes = Array(spelling.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                let key = WordTable.key(buffer, 0, buffer.count)
                let found = table.find(buffer, 0, buffer.count, key: key)
                #expect(found?.text == (stored.contains(spelling) ? spelling : nil), "\(spelling)")
                if found == nil {
                    table.insert(
                        buffer, 0, buffer.count, key: key, WordMeaning(text: spelling, keyword: nil, word: nil))
                    if stored.count < 500 && buffer.count <= WordTable.longest { stored.insert(spelling) }
                }
            }
        }
        #expect(stored.count == 500)
        #expect(table.count == 500)
    }

    @Test func seededTableKnowsEveryKeywordAndContextualWord() {
        for keyword in Keyword.allCases {
            let bytes = Array(keyword.rawValue.utf8)
            let found = bytes.withUnsafeBufferPointer {
                WordTable.seeded.find($0, 0, $0.count, key: WordTable.key($0, 0, $0.count))
            }
            #expect(found?.keyword == keyword && found?.text == keyword.rawValue && found?.word == nil)
        }
        for word in ContextualWord.allCases {
            let bytes = Array(word.rawValue.utf8)
            let found = bytes.withUnsafeBufferPointer {
                WordTable.seeded.find($0, 0, $0.count, key: WordTable.key($0, 0, $0.count))
            }
            #expect(found?.word == word && found?.text == word.rawValue && found?.keyword == nil)
        }
    }
}
