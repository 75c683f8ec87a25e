// One line of an apply's write-ahead journal, and the journal read back.
//
// A journal is a sequence of records: `begin` (every call the apply will
// send, and the egress each new group must end with), then per call
// `sending` before it goes out and `sent` (or `failed`) when its answer came
// back; `replanned` when the calls after the creates were recomputed;
// `rollingBack` when the apply began undoing itself. A record only ever adds
// to what is known, so a journal cut short by a crash (its last line torn)
// reads as far as it got. Records hold calls, ids and error codes: no
// credentials, no request signatures.

import SgshModel

/// One record of an apply journal.
public struct JournalRecord: Codable, Hashable, Sendable {
    /// What the record says.
    public enum Event: String, Codable, Sendable {
        case begin, replanned, sending, sent, failed, rollingBack
    }

    public var event: Event
    /// The call's index in the apply's calls (`sending`, `sent`, `failed`; `replanned`: the first replaced).
    public var position: Int?
    /// `begin`, `replanned`: the calls.
    public var calls: [JournaledCall]?
    /// `sending`: the call as planned; `sent`: as it took effect. Nil when it is the call at
    /// `position` of the plan (`begin`, `replanned`) unchanged.
    public var call: JournaledCall?
    /// The ids of the groups created so far, by placeholder (as text: JSON keys are strings).
    public var createdIds: [String: String]?
    /// `begin`: for each created group (by placeholder), the egress rules it must end with.
    public var intendedEgress: [String: [JournaledCall.JournaledRule]]?
    /// `begin`: the tags of the rules the apply revokes, to put back with them.
    public var revokedRuleTags: [JournaledRuleTags]?
    /// `failed`: the error code (never its message, which may quote a request).
    public var errorCode: String?
    /// When the record was written (UTC, ISO 8601); set by the journal that writes it.
    public var time: String?
    /// `begin`: what the apply acts on (`aws (region …, endpoint …)`, `local (state file …)`).
    public var target: String?
    /// `begin`: the process that applied.
    public var processId: Int?

    public init(event: Event) {
        self.event = event
    }

    /// The first record of an apply of `changeSet`.
    public static func begin(_ changeSet: ChangeSet) -> JournalRecord {
        var record = JournalRecord(event: .begin)
        record.calls = changeSet.calls.map(JournaledCall.init)
        var intended: [String: [JournaledCall.JournaledRule]] = [:]
        for change in changeSet.ruleChanges {
            guard case .created(let group) = change.group, let rules = change.intendedRules else { continue }
            intended[String(group.placeholder)] = rules.map(JournaledCall.JournaledRule.init)
        }
        record.intendedEgress = intended.isEmpty ? nil : intended
        let revoked = RevokedRuleTags(changeSet).entries.compactMap(JournaledRuleTags.init)
        record.revokedRuleTags = revoked.isEmpty ? nil : revoked
        return record
    }

    /// A record about call `position`.
    public static func about(
        _ event: Event, _ call: PlannedCall?, at position: Int, ids: [Int: String] = [:]
    ) -> JournalRecord {
        var record = JournalRecord(event: event)
        record.position = position
        record.call = call.map(JournaledCall.init)
        record.createdIds = ids.isEmpty ? nil : Dictionary(uniqueKeysWithValues: ids.map { (String($0), $1) })
        return record
    }
}

/// A revoked rule's tags as a journal stores them.
public struct JournaledRuleTags: Codable, Hashable, Sendable {
    public var groupId: String
    public var direction: String
    public var rule: JournaledCall.JournaledRule
    public var tags: [Tag]

    /// Nil for a group the apply creates (it has no rules to revoke).
    init?(_ entry: RevokedRuleTags.Entry) {
        guard case .id(let id) = entry.group else { return nil }
        groupId = id
        direction = entry.direction.rawValue
        rule = JournaledCall.JournaledRule(entry.rule)
        tags = entry.tags
    }

    /// The entry this records.
    func entry() throws(JournaledCall.Unreadable) -> RevokedRuleTags.Entry {
        guard let direction = Direction(rawValue: direction) else {
            throw JournaledCall.Unreadable(description: "revoked rule tags without a direction")
        }
        return RevokedRuleTags.Entry(group: .id(groupId), direction: direction, rule: try rule.rule(), tags: tags)
    }
}

/// An apply that did not finish, as its journal tells it.
public struct InterruptedApply: Sendable {
    /// Every call, in order, as last planned (`replanned` records applied).
    public var calls: [PlannedCall]
    /// The calls that were about to be sent, by position: the call as it was to go out.
    public var begun: [Int: PlannedCall] = [:]
    /// The calls whose answer said they took effect, as they took effect.
    public var sent: [Int: PlannedCall] = [:]
    /// The calls whose answer said they failed (nothing of them took effect).
    public var failed: Set<Int> = []
    /// The ids of created groups, by placeholder.
    public var createdIds: [Int: String] = [:]
    /// For each created group (by placeholder), the egress it must end with.
    public var intendedEgress: [Int: [Rule]] = [:]
    /// The tags of the rules the apply revokes.
    public var revokedRuleTags = RevokedRuleTags.none
    /// When the apply began (as the journal wrote it).
    public var started: String?
    /// What it acted on.
    public var target: String?
    /// The process that applied.
    public var processId: Int?
    /// True when the apply had begun undoing itself.
    public var rollingBack = false

    /// Reads the records of one journal, first to last.
    /// - Throws: `JournaledCall.Unreadable` when the first record is not `begin` or a record is malformed.
    public init(records: [JournalRecord]) throws(JournaledCall.Unreadable) {
        guard let first = records.first, first.event == .begin, let calls = first.calls else {
            throw JournaledCall.Unreadable(description: "the journal does not start with the plan")
        }
        self.calls = try calls.map { call throws(JournaledCall.Unreadable) in try call.plannedCall() }
        started = first.time
        target = first.target
        processId = first.processId
        for (key, rules) in first.intendedEgress ?? [:] {
            guard let placeholder = Int(key) else { continue }
            intendedEgress[placeholder] = try rules.map { rule throws(JournaledCall.Unreadable) in try rule.rule() }
        }
        for journaled in first.revokedRuleTags ?? [] { revokedRuleTags.add(try journaled.entry()) }
        for record in records.dropFirst() { try apply(record) }
    }

    private mutating func apply(_ record: JournalRecord) throws(JournaledCall.Unreadable) {
        for (key, id) in record.createdIds ?? [:] {
            if let placeholder = Int(key) { createdIds[placeholder] = id }
        }
        switch record.event {
        case .begin:
            throw JournaledCall.Unreadable(description: "a second plan in one journal")
        case .replanned:
            guard let position = record.position, let replacement = record.calls, position <= calls.count else {
                throw JournaledCall.Unreadable(description: "a replanned record without its calls")
            }
            calls =
                Array(calls[..<position])
                + (try replacement.map { call throws(JournaledCall.Unreadable) in try call.plannedCall() })
        case .sending, .sent:
            // Without a call, the record is about the call as planned (JournalFile leaves it out).
            guard let position = record.position,
                let call = try record.call?.plannedCall() ?? (calls.indices.contains(position) ? calls[position] : nil)
            else {
                throw JournaledCall.Unreadable(description: "a \(record.event.rawValue) record without its call")
            }
            if record.event == .sending { begun[position] = call } else { sent[position] = call }
        case .failed:
            if let position = record.position { failed.insert(position) }
        case .rollingBack:
            rollingBack = true
        }
    }

    /// The positions of calls that may have taken effect: sent, or begun without an answer.
    public var touched: [Int] {
        Set(begun.keys).union(sent.keys).subtracting(failed.subtracting(sent.keys)).sorted()
    }

    /// Calls begun whose answer never came back: what they did is only known by reading.
    public var unanswered: [Int] {
        begun.keys.filter { sent[$0] == nil && !failed.contains($0) }.sorted()
    }
}
