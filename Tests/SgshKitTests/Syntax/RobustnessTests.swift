// Robustness: the front end must survive any input (STYLE.md §3.3). Every
// golden input (and the examples and stdlib), cut at every byte offset
// (including in the middle of a UTF-8 scalar, decoded with replacement
// characters) and mutated at random with a seeded PRNG, goes through lexer,
// parser, resolver and renderer.
// A trap would crash the test process; a parser loop without progress would
// hang it. Beyond that, each run is checked for the invariants that make its
// output usable: the token stream ends at EOF having consumed input, every
// diagnostic points inside the file, and a tree with an `invalid` node
// always comes with an error.

import Foundation
import SgshKit
import SgshTestSupport
import Testing

@Suite struct RobustnessTests {
    static let corpus: [[UInt8]] =
        ["parse", "diagnostics", "diagnostics/inline"].flatMap { directory in
            Golden.names(in: directory, withExtension: "sgsh", filePath: #filePath).compactMap { name in
                Golden.read("\(directory)/\(name).sgsh", filePath: #filePath).map { Array($0.utf8) }
            }
        } + realPrograms

    /// The examples and the stdlib: real programs, longer than any fixture.
    static let realPrograms: [[UInt8]] = {
        let root = Golden.fixturesDirectory(filePath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return ["examples", "stdlib"].flatMap { directory -> [[UInt8]] in
            let folder = root.appendingPathComponent(directory)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { $0.hasSuffix(".sgsh") }.sorted().compactMap {
                FileManager.default.contents(atPath: folder.appendingPathComponent($0).path).map { Array($0) }
            }
        }
    }()

    /// Runs the whole front end on `bytes` and records an issue for any broken invariant.
    static func exercise(_ bytes: some Collection<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self)
        let file = SourceFile(name: "fuzz.sgsh", text: text)
        let size = file.utf8.count

        var lexer = Lexer(file: file)
        let tokens = lexer.tokenize()
        #expect(tokens.last?.kind == .eof)
        // Every token but EOF consumes at least one byte.
        #expect(tokens.count <= size + 1)

        let (program, diagnostics) = ProgramChecker.check(file)
        for diagnostic in diagnostics {
            #expect(
                diagnostic.range.start >= 0 && diagnostic.range.end <= size, "\(diagnostic) in \(text.debugDescription)"
            )
        }
        if ASTPrinter.print(program).contains("(invalid)") {
            #expect(diagnostics.hasErrors, "an invalid node without an error in \(text.debugDescription)")
        }
        let rendered = DiagnosticRenderer(style: .plain).render(diagnostics)
        #expect(diagnostics.isEmpty == rendered.isEmpty)
        _ = DiagnosticRenderer(style: .ansi).render(diagnostics)
    }

    @Test func corpusIsLoaded() {
        #expect(Self.corpus.count >= 160)
        #expect(!Self.realPrograms.isEmpty)
    }

    @Test func survivesEveryTruncationOfEveryGolden() {
        for bytes in Self.corpus {
            // Every offset of the fixtures; long real programs at a stride, to keep the
            // quadratic cost of re-lexing each prefix within a few seconds.
            for cut in stride(from: 0, through: bytes.count, by: max(1, bytes.count / 1000)) {
                Self.exercise(bytes[..<cut])
            }
        }
    }

    @Test func survivesEverySuffixOfEveryGolden() {
        // Starting mid-token (mid-string, mid-scalar, mid-CIDR) is the other half of truncation.
        for bytes in Self.corpus {
            for cut in stride(from: 0, through: bytes.count, by: max(3, bytes.count / 300)) {
                Self.exercise(bytes[cut...])
            }
        }
    }

    @Test func survivesRandomMutations() {
        var random = SplitMix64(state: 0x5653_4853)
        let interesting =
            Array("{}[]()\"'$#\n;,:-/.=!<>\\@\t 0123456789abcxyzsgpl".utf8) + [0x80, 0xC3, 0xE2, 0xFF, 0x00]
        for _ in 0..<5000 {
            guard var bytes = Self.corpus.randomElement(using: &random), !bytes.isEmpty else { continue }
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<5, using: &random) {
                case 0: bytes.insert(interesting.randomElement(using: &random)!, at: at)
                case 1: if bytes.count > 1 { bytes.remove(at: at) }
                case 2: if at + 1 < bytes.count { bytes.swapAt(at, at + 1) }
                case 3: bytes.insert(UInt8.random(in: 0...255, using: &random), at: at)
                default:
                    // Duplicate a short slice elsewhere: repeats brackets, quotes, whole tokens.
                    let length = Int.random(in: 1...min(8, bytes.count - at), using: &random)
                    let slice = bytes[at..<(at + length)]
                    bytes.insert(contentsOf: slice, at: Int.random(in: 0...bytes.count, using: &random))
                }
            }
            Self.exercise(bytes)
        }
    }

    @Test func survivesRandomTokenSoup() {
        // Byte mutations rarely build long wrong-but-plausible statements; sequences of real
        // tokens do, and they reach the deeper recovery paths of the sg and expression parsers.
        var random = SplitMix64(state: 0x746F_6B65)
        let vocabulary = [
            "sg", "$web", "web", "ingress", "egress", "exactly", "allow", "revoke", "tcp", "udp", "icmp", "icmpv6",
            "all", "50", "443", "8000-8080", "3:4", "echo-request", "from", "to", "group", "10.0.0.0/8", "::/0",
            "sg-0abc", "pl-0abc", "1/sg-0", "\"d\"", "\"${x}\"", "'r'", "tag", "untag", "show", "delete", "k=v",
            "=", "==", "+", "-", "not", "in", "and", "or", "let", "x", "for", "if", "elif", "else", "def", "return",
            "use", "dryrun", "on", "print", "create", "lookup", "vpc", "(", ")", "[", "]", "{", "}", ",", ";", "\n",
            "\"", "${", "#",
        ]
        for _ in 0..<3000 {
            let count = Int.random(in: 1...40, using: &random)
            let text = (0..<count).map { _ in vocabulary.randomElement(using: &random)! }.joined(separator: " ")
            Self.exercise(Array(text.utf8))
        }
    }

    @Test(arguments: [
        String(repeating: "(", count: 300), String(repeating: "[", count: 300), String(repeating: "{", count: 300),
        String(repeating: "\"${", count: 100), String(repeating: "-", count: 300),
        String(repeating: "not ", count: 300),
        String(repeating: "sg ", count: 100), String(repeating: "}", count: 100), String(repeating: "::", count: 50),
        "sg $w ingress {" + String(repeating: " allow", count: 100),
    ])
    func survivesPathologicalInput(text: String) {
        Self.exercise(Array(text.utf8))
    }
}
