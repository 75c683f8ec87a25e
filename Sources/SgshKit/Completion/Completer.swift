// Tab completion by position: which words may come next, given the text
// before the cursor.
//
// The completer lexes the text before the word being typed and replays the
// token stream with a small stack of open brackets, so it knows the current
// statement's tokens and, inside `{ … }`, the header that opened the block
// (`sg $web ingress {` makes every line a rule). `sg` statements are read by
// position the way the parser reads them (group, action, direction, verb,
// protocol, ports, preposition, peers); anywhere else an expression or a
// statement may start. It is pure and UI-independent: the REPL passes the
// line and a `CompletionScope`, and gets back whole words that replace the
// word at the cursor.

import SgshModel

/// Suggests what may be typed at the cursor.
public struct Completer: Sendable {
    /// Characters that end a word: a line editor should split words on exactly these,
    /// so that its idea of "the word at the cursor" matches `currentWord(in:)`.
    public static let wordBreakCharacters = " \t\n()[]{},;=+<>!"

    /// Words that may start a statement.
    static let statementKeywords = ["def", "dryrun", "for", "if", "let", "print", "return", "sg", "use"]
    /// Words that may start an expression besides names.
    static let expressionKeywords = ["false", "nil", "not", "sg", "true"]
    /// What may follow `sg GROUP`.
    static let protocols = ["all", "icmp", "icmpv6", "tcp", "udp"]

    /// Names in scope and names known to the backend.
    public var scope: CompletionScope

    /// Creates a completer over `scope`.
    public init(scope: CompletionScope) {
        self.scope = scope
    }

    /// The word being typed at the end of `text`: the longest suffix without a word-break character.
    public static func currentWord(in text: String) -> Substring {
        let breaks = Set(wordBreakCharacters)
        let start = text.lastIndex(where: { breaks.contains($0) }).map { text.index(after: $0) } ?? text.startIndex
        return text[start...]
    }

    /// The words that may replace the word at the end of `textBeforeCursor`, sorted and
    /// without duplicates; each starts with what has been typed of it.
    public func completions(for textBeforeCursor: String) -> [String] {
        let word = Self.currentWord(in: textBeforeCursor)
        let context = String(textBeforeCursor[..<word.startIndex])
        let candidates = word.hasPrefix("$") ? dollarVariables : candidates(after: context)
        return Array(Set(candidates.filter { $0.hasPrefix(word) })).sorted()
    }

    // MARK: - Context

    /// One open bracket (or the top level): the tokens of the statement being written
    /// in it, and the tokens before the bracket that opened it.
    struct Frame {
        var opener: TokenKind?
        var header: [Token]
        var statement: [Token] = []
    }

    func candidates(after context: String) -> [String] {
        let file = SourceFile(name: "<completion>", text: context)
        var lexer = Lexer(file: file)
        var frames = [Frame(opener: nil, header: [])]
        for token in lexer.tokenize() {
            switch token.kind {
            case .leftBrace, .leftBracket, .leftParen:
                frames.append(Frame(opener: token.kind, header: frames[frames.count - 1].statement))
            case .rightBrace, .rightBracket, .rightParen:
                // A closed bracket is one element of the statement around it.
                if frames.count > 1 { frames.removeLast() }
                frames[frames.count - 1].statement.append(token)
            case .newline, .semicolon:
                frames[frames.count - 1].statement = []
            case .eof:
                break
            default:
                frames[frames.count - 1].statement.append(token)
            }
        }
        let frame = frames[frames.count - 1]
        switch frame.opener {
        case .leftBrace?:
            if let direction = Self.ruleBlockDirection(frame.header) {
                return frame.statement.isEmpty
                    ? ContextualWord.verbs.spellings.sorted() : ruleInBlock(frame.statement, direction)
            }
            return statementCandidates(frame.statement)
        case .leftBracket?, .leftParen?:
            // A list of peers after `from`/`to` (and after the comma inside it) takes peers, a
            // list of ports after the protocol takes ports (or ICMP names); any other bracket
            // holds expressions.
            switch sgPosition(frame.header) {
            case .peers: return peers
            case .ports(let proto, _) where frame.opener == .leftBracket:
                return portCandidates(proto, nil).filter { !Self.prepositions(nil).contains($0) && $0 != "all" }
            default: return expressions
            }
        default:
            return statementCandidates(frame.statement)
        }
    }

    /// `sg G ingress {` or `sg G egress exactly {`: the direction of the rules inside;
    /// nil when the block is not a rule block.
    static func ruleBlockDirection(_ header: [Token]) -> Direction? {
        guard header.first?.kind == .keyword(.sg), header.count >= 3, let direction = direction(header[2]) else {
            return nil
        }
        let exactly = header.count == 4 && header[3].isWord(.exactly)
        return header.count == 3 || exactly ? direction : nil
    }

    /// The direction a contextual word names, if any.
    static func direction(_ token: Token) -> Direction? {
        Direction.allCases.first { token.identifierName == $0.rawValue }
    }

    // MARK: - Statements

    func statementCandidates(_ statement: [Token]) -> [String] {
        guard let first = statement.first else { return Self.statementKeywords + expressions }
        if let last = statement.last, last.kind == .keyword(.sg), statement.count > 1 {
            return ContextualWord.expressionForms.spellings  // `let x = sg …`
        }
        switch first.kind {
        case .keyword(.sg):
            return sgCandidates(statement)
        case .keyword(.use):
            return statement.count == 1 ? scope.modules.map { "\"\($0)\"" } : []
        case .keyword(.dryrun):
            return statement.count == 1 ? ["off", "on"] : []
        case .keyword(.let), .keyword(.def):
            // A new name comes next; after `let x` only `=`, which is not a word.
            return statement.count >= 3 ? expressionsAfterSg(statement) : []
        case .keyword(.for):
            return statement.count == 2 ? ["in"] : statement.count >= 3 ? expressions : []
        default:
            return expressionsAfterSg(statement)
        }
    }

    /// Expressions, or the words of `sg create`/`sg lookup` when one is being written.
    func expressionsAfterSg(_ statement: [Token]) -> [String] {
        if let sgIndex = statement.lastIndex(where: { $0.kind == .keyword(.sg) }) {
            return sgCandidates(Array(statement[sgIndex...]))
        }
        return expressions
    }

    // MARK: - sg statements

    /// Where in an `sg` statement the next word goes.
    enum SgPosition {
        case group, action, verbOrExactly, protocolName
        case ports(protocol: Token, direction: Direction?)
        case preposition(Direction?)
        case peers
        case groupName
        case afterPeers
        case createVPC
        case none
    }

    func sgCandidates(_ statement: [Token]) -> [String] { candidates(at: sgPosition(statement)) }

    func candidates(at position: SgPosition) -> [String] {
        switch position {
        case .group: dollarVariables + scope.groupIDs + ContextualWord.expressionForms.spellings
        case .action: ContextualWord.groupActions.spellings.sorted()
        case .verbOrExactly: (ContextualWord.verbs + [.exactly]).spellings.sorted()
        case .protocolName: Self.protocols
        case .ports(let token, let direction): portCandidates(token, direction)
        case .preposition(let direction): Self.prepositions(direction)
        case .peers: peers
        case .groupName: quotedGroupNames
        case .afterPeers: [ContextualWord.tag.rawValue]
        case .createVPC: [ContextualWord.vpc.rawValue]
        case .none: []
        }
    }

    /// Reads an `sg` statement (`statement[0]` is `sg`) by position, as the parser does.
    func sgPosition(_ statement: [Token]) -> SgPosition {
        guard statement.first?.kind == .keyword(.sg) else { return .none }
        if statement.count == 1 { return .group }
        if statement[1].isWord(.lookup) { return statement.count == 2 ? .groupName : .none }
        if statement[1].isWord(.create) {
            return statement.count >= 3 && !statement.contains(where: { $0.isWord(.vpc) }) ? .createVPC : .none
        }
        if statement.count == 2 { return .action }
        guard let direction = Self.direction(statement[2]) else { return .none }
        if statement.count == 3 { return .verbOrExactly }
        guard statement[3].isWord(.allow) || statement[3].isWord(.revoke) else { return .none }
        return rulePosition(Array(statement[4...]), direction)
    }

    /// Inside a rule block, a statement is a rule starting with its verb.
    func ruleInBlock(_ rule: [Token], _ direction: Direction) -> [String] {
        guard rule[0].isWord(.allow) || rule[0].isWord(.revoke) else { return [] }
        return candidates(at: rulePosition(Array(rule.dropFirst()), direction))
    }

    /// `tail` is what follows the verb: protocol, ports, preposition, peers, description, tags.
    func rulePosition(_ tail: [Token], _ direction: Direction?) -> SgPosition {
        guard let proto = tail.first else { return .protocolName }
        guard let preposition = tail.firstIndex(where: { $0.isWord(.from) || $0.isWord(.to) }) else {
            return tail.count == 1 ? .ports(protocol: proto, direction: direction) : .preposition(direction)
        }
        let after = tail[(preposition + 1)...]
        guard let last = after.last else { return .peers }
        if after.contains(where: { $0.isWord(.tag) }) { return .none }
        if last.isWord(.group) { return .groupName }
        if last.kind == .comma { return .peers }
        return .afterPeers
    }

    func portCandidates(_ proto: Token, _ direction: Direction?) -> [String] {
        switch proto.kind {
        case .identifier(let name):
            switch IPProtocol(parsing: name) {
            // Listed, not inserted: `all` alone would be typed in by Tab.
            case .tcp?, .udp?: return ["all"] + Self.wellKnownPorts
            case .some(let parsed) where parsed.isICMP: return ["all"] + ICMPSpec.names(for: parsed).keys
            case .some: return Self.prepositions(direction)
            case nil: return ["all"] + Self.prepositions(direction)
            }
        case .integer:
            return Self.prepositions(direction)
        default:
            // A variable or expression: it may hold ports or not.
            return ["all"] + Self.prepositions(direction)
        }
    }

    /// Ports offered after tcp/udp, so Tab lists choices instead of typing `all`.
    static let wellKnownPorts = ["22", "25", "53", "80", "123", "443", "3306", "3389", "5432", "6379", "8080", "8443"]

    static func prepositions(_ direction: Direction?) -> [String] {
        direction.map { [SourceWriter.preposition($0)] } ?? Direction.allCases.map(SourceWriter.preposition)
    }

    // MARK: - Name lists

    var dollarVariables: [String] { scope.variables.map { "$\($0)" } }

    var expressions: [String] { scope.variables + scope.functions + Self.expressionKeywords }

    var peers: [String] { dollarVariables + scope.groupIDs + ["0.0.0.0/0", "::/0", ContextualWord.group.rawValue] }

    var quotedGroupNames: [String] { scope.groupNames.map { "\"\($0)\"" } }
}
