// Renders plan views and apply reports as text (LANGUAGE.md §3) and as JSON
// shaped like the EC2 API (IpPermissions with IpRanges, Ipv6Ranges, …).
//
// Both renderings work from ReportSection values, so the plan and the report
// print the same items in the same order; the only difference is the marks.

import SgshModel

/// Text and JSON renderings of ChangeSets and ApplyReports.
public enum ReportRenderer {
    /// The note on lines of revokes whose rule was already absent (kept apart in JSON).
    static let alreadyAbsentNote = "already absent"

    /// The note of a failed line whose error is the line above's: a batch call that failed
    /// fails every rule of it, and its error body is shown once.
    static let sameNote = "as above"

    /// Notes line up in a column, but a long description does not push the column past
    /// this: a longer line gets its note two spaces after it.
    static let noteColumnLimit = 72

    // MARK: - Text

    /// The plan view: sections, then a summary line (`No changes.` when there are none).
    public static func text(_ changeSet: ChangeSet) -> String { String(decoding: utf8(changeSet), as: UTF8.self) }

    /// `text(changeSet)` as UTF-8 bytes, for a caller that writes them out as they are (a plan
    /// of 100,000 rules is 5 MB: made into a String, joined to a header and put into a Data on
    /// its way to stdout, it was copied three times).
    public static func utf8(_ changeSet: ChangeSet) -> [UInt8] {
        let sections = changeSet.sections
        var out: [UInt8] = []
        write(sections, into: &out)
        out.append(contentsOf: (planSummary(sections) + "\n").utf8)
        return out
    }

    /// The report: sections, then a summary line saying whether the apply succeeded.
    public static func text(_ report: ApplyReport) -> String { String(decoding: utf8(report), as: UTF8.self) }

    /// `text(report)` as UTF-8 bytes (see `utf8(_:)` for a change set).
    public static func utf8(_ report: ApplyReport) -> [UInt8] {
        if report.dryRun { return utf8(report.changeSet) }
        var out: [UInt8] = []
        // Made once: the summary counts the same sections (a line per rule of a large apply).
        let sections = report.sections
        write(sections, into: &out)
        out.append(contentsOf: (reportSummary(report, counts: counts(sections)) + "\n").utf8)
        return out
    }

    /// Sections as text: a header per section, then its lines indented by two spaces.
    public static func text(_ sections: [ReportSection]) -> String {
        var out: [UInt8] = []
        write(sections, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `text(sections)` as UTF-8 bytes. A large plan prints a line per rule: every line is
    /// written into one byte buffer (a String appended to piecewise costs ~300 instructions an
    /// append), and the String is made once, at the end.
    private static func write(_ sections: [ReportSection], into out: inout [UInt8]) {
        out.reserveCapacity(out.count + sections.reduce(0) { $0 + 64 * ($1.lines.count + 1) })
        var bodies: [UInt8] = []
        var ends: [Int] = []
        for section in sections {
            out.append(contentsOf: header(section).utf8)
            if let note = section.note { out.append(contentsOf: "  (\(note))".utf8) }
            out.append(UInt8(ascii: "\n"))
            let direction = section.direction
            guard section.lines.contains(where: { $0.note != nil }) else {
                // No notes to line up: each line goes straight out. Read in place, by index:
                // `for line in` copied every line (a retain of each of its parts, then a release).
                for index in section.lines.indices {
                    out.append(UInt8(ascii: " "))
                    out.append(UInt8(ascii: " "))
                    out.appendUTF8(section.lines[index].mark.symbol)
                    out.append(UInt8(ascii: " "))
                    writeItem(section.lines[index].item, direction, into: &out)
                    out.append(UInt8(ascii: "\n"))
                }
                continue
            }
            // Notes line up in a column after the widest body: the bodies first, into one buffer.
            // Lines read in place here too (a re-run's 1,017 unchanged rules each carry a note).
            bodies.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            for index in section.lines.indices {
                bodies.appendUTF8(section.lines[index].mark.symbol)
                bodies.append(UInt8(ascii: " "))
                writeItem(section.lines[index].item, direction, into: &bodies)
                ends.append(bodies.count)
            }
            var widths: [Int] = []
            widths.reserveCapacity(ends.count)
            var start = 0
            for end in ends {
                widths.append(columns(bodies[start..<end]))
                start = end
            }
            let width = widths.filter { $0 <= noteColumnLimit }.max() ?? 0
            var previousFailure: String?
            start = 0
            for index in section.lines.indices {
                let end = ends[index]
                out.append(UInt8(ascii: " "))
                out.append(UInt8(ascii: " "))
                out.append(contentsOf: bodies[start..<end])
                start = end
                let failed = section.lines[index].mark == .failed
                if let note = section.lines[index].note {
                    let repeated = failed && note == previousFailure
                    out.append(
                        contentsOf: repeatElement(UInt8(ascii: " "), count: max(width - widths[index], 0) + 2))
                    out.append(UInt8(ascii: "("))
                    out.appendUTF8(repeated ? sameNote : note)
                    out.append(UInt8(ascii: ")"))
                }
                previousFailure = failed ? section.lines[index].note : nil
                out.append(UInt8(ascii: "\n"))
            }
        }
    }

    /// The columns a line takes: its characters, counted from its bytes when it is ASCII
    /// without `\r` (`\r\n` is one Character); counting Characters walks grapheme breaks,
    /// for every line of a large plan.
    private static func columns(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.allSatisfy { $0 < 0x80 && $0 != 0x0D } ? bytes.count : String(decoding: bytes, as: UTF8.self).count
    }

    private static func header(_ section: ReportSection) -> String {
        let mark = section.mark.symbol
        switch section.aspect {
        case .rules(let direction):
            // Its raw value, not the enum: interpolating a value that is not a String asks the
            // runtime which printing protocols its type conforms to (a scan of every conformance
            // record, ~250,000 instructions, the first time in each process).
            return "\(mark) \(section.group) \(direction.rawValue)"
        case .tags:
            return "\(mark) \(section.group) tags"
        case .create(let created):
            var text = "\(mark) \(section.group) create \(SourceWriter.quoted(created.name))"
            if let vpc = created.vpcId { text += " vpc \(vpc)" }
            return text + " \(SourceWriter.quoted(created.description))"
        case .delete:
            return "\(mark) \(section.group) delete"
        case .interface(let from, let to):
            return "\(mark) \(section.group) groups \(from.joined(separator: ", ")) -> \(to.joined(separator: ", "))"
        }
    }

    private static func writeItem(_ item: ReportLine.Item, _ direction: Direction?, into out: inout [UInt8]) {
        switch item {
        case .rule(let rule): SourceWriter.write(rule, direction ?? .ingress, into: &out)
        case .tag(let tag): out.appendUTF8(tag.description)
        }
    }

    /// How many items of each mark the sections hold (a create or delete counts once).
    public static func counts(_ sections: [ReportSection]) -> [ReportMark: Int] {
        // Counted by position in `allCases`, not in a dictionary: hashing a mark hashes its
        // raw value (a String), once per line of a large plan.
        let marks = ReportMark.allCases
        var tally = [Int](repeating: 0, count: marks.count)
        for section in sections {
            switch section.aspect {
            case .create, .delete, .interface:
                // A create counts once; its creation tags go with it.
                tally[section.mark.ordinal] += 1
            case .rules, .tags:
                // By index: `for line in` copied every line.
                for index in section.lines.indices { tally[section.lines[index].mark.ordinal] += 1 }
            }
        }
        var counts: [ReportMark: Int] = [:]
        for (mark, count) in zip(marks, tally) where count > 0 { counts[mark] = count }
        return counts
    }

    private static func planSummary(_ sections: [ReportSection]) -> String {
        let counts = counts(sections)
        let changes = (counts[.added] ?? 0) + (counts[.removed] ?? 0) + (counts[.changed] ?? 0)
        let notManaged = notManagedText(counts)
        guard changes > 0 else {
            let unchanged = counts[.unchanged] ?? 0
            let said = (unchanged > 0 ? ["\(unchanged) already as asked"] : []) + (notManaged.map { [$0] } ?? [])
            return said.isEmpty ? "No changes." : "No changes (\(said.joined(separator: ", ")))."
        }
        return "Plan: \(counts[.added] ?? 0) to add, \(counts[.changed] ?? 0) to change,"
            + " \(counts[.removed] ?? 0) to remove, \(counts[.unchanged] ?? 0) unchanged"
            + (notManaged.map { ", \($0)" } ?? "") + "."
    }

    /// `2 not managed here` (other owners' rules an `exactly` left alone), nil when there are none.
    private static func notManagedText(_ counts: [ReportMark: Int]) -> String? {
        guard let count = counts[.notManaged], count > 0 else { return nil }
        return "\(count) not managed here"
    }

    private static func reportSummary(_ report: ApplyReport, counts: [ReportMark: Int]) -> String {
        let calls = report.callCount == 1 ? "1 call" : "\(report.callCount) calls"
        guard let failure = report.failure else {
            return "Applied: \(counts[.added] ?? 0) added, \(counts[.changed] ?? 0) changed,"
                + " \(counts[.removed] ?? 0) removed, \(counts[.unchanged] ?? 0) unchanged"
                + (notManagedText(counts).map { ", \($0)" } ?? "") + " (\(calls))."
        }
        let unknown = report.outcomes.filter { if case .outcomeUnknown = $0.status { true } else { false } }
        if !unknown.isEmpty {
            // Never claimed rolled back: whether the call landed is for a later read to say.
            let actions = unknown.map(\.call.actionName).joined(separator: ", ")
            let said = "\(failure)".hasSuffix(".") ? String("\(failure)".dropLast()) : "\(failure)"
            return "Interrupted: \(failure.action): \(said); whether \(actions) took effect is unknown"
                + " (the answer was lost and settling it by reading failed), so the apply is not settled (\(calls))."
        }
        let state =
            if report.isPartiallyApplied {
                "some changes are still in effect (see the lines not marked ↺)"
            } else if report.outcomes.contains(where: { $0.status == .rolledBack }) {
                "every applied change was rolled back"
            } else {
                "nothing was applied"
            }
        if failure.category == .cancelled {
            return "Cancelled before \(failure.action) finished; \(state) (\(calls))."
        }
        // EC2's messages often end in a period; the summary goes on after it.
        let said = "\(failure)".hasSuffix(".") ? String("\(failure)".dropLast()) : "\(failure)"
        return "Failed: \(failure.action): \(said); \(state) (\(calls))."
    }

    // MARK: - JSON

    /// The plan view as JSON text, for embedders (the JSON value type is the package's own).
    public static func jsonText(_ changeSet: ChangeSet, pretty: Bool = true) -> String {
        json(changeSet).rendered(pretty: pretty)
    }

    /// The report as JSON text, for embedders.
    public static func jsonText(_ report: ApplyReport, pretty: Bool = true) -> String {
        json(report).rendered(pretty: pretty)
    }

    /// The plan view as JSON.
    package static func json(_ changeSet: ChangeSet) -> JSONValue {
        .object([
            .init("DryRun", .bool(changeSet.dryRun)),
            .init("HasChanges", .bool(changeSet.hasChanges)),
            .init("Groups", .array(changeSet.sections.map(json))),
        ])
    }

    /// The report as JSON, with the failure (if any) and the number of calls.
    package static func json(_ report: ApplyReport) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("Succeeded", .bool(report.succeeded)),
            .init("DryRun", .bool(report.dryRun)),
            .init("CallCount", .int(report.callCount)),
        ]
        if report.isUnsettled { members.append(.init("Unsettled", .bool(true))) }
        if let failure = report.failure {
            members.append(
                .init(
                    "Failure",
                    .object([
                        .init("Action", .string(failure.action)), .init("Code", .string(failure.code)),
                        .init("Message", .string(failure.message)),
                    ])))
        }
        members.append(.init("Groups", .array(report.sections.map(json))))
        return .object(members)
    }

    /// One section: `GroupId`, `Aspect`, `Status`, then the items by what became of them.
    package static func json(_ section: ReportSection) -> JSONValue {
        var members: [JSONValue.Member] = [.init("GroupId", .string(section.group))]
        switch section.aspect {
        case .rules(let direction): members.append(.init("Aspect", .string(direction.rawValue)))
        case .tags: members.append(.init("Aspect", .string("tags")))
        case .delete: members.append(.init("Aspect", .string("delete")))
        case .interface(let from, let to):
            members.append(.init("Aspect", .string("interface")))
            members.append(.init("From", .array(from.map { .string($0) })))
            members.append(.init("To", .array(to.map { .string($0) })))
        case .create(let created):
            members.append(.init("Aspect", .string("create")))
            members.append(.init("GroupName", .string(created.name)))
            members.append(.init("Description", .string(created.description)))
            if let vpc = created.vpcId { members.append(.init("VpcId", .string(vpc))) }
        }
        members.append(.init("Status", .string(statusName(section.mark))))
        if let note = section.note { members.append(.init("Note", .string(note))) }
        var order: [String] = []
        var rules: [String: [Rule]] = [:]
        var tags: [String: [JSONValue]] = [:]
        var notes: [String: String] = [:]
        var ruleTags: [String: [JSONValue]] = [:]
        for line in section.lines {
            let key =
                line.mark == .unchanged && line.note == alreadyAbsentNote ? "AlreadyAbsent" : keyName(line.mark)
            if rules[key] == nil && tags[key] == nil { order.append(key) }
            if line.mark == .failed || line.mark == .rolledBack, let note = line.note { notes[key] = note }
            switch line.item {
            case .rule(let rule):
                rules[key, default: []].append(rule)
                if !line.ruleTags.isEmpty {
                    // EC2 keeps rule tags on the rule (sgr-…), not in IpPermissions: listed beside them.
                    ruleTags[key, default: []].append(
                        .object([
                            .init("Rule", .string(SourceWriter.rule(rule, section.direction ?? .ingress))),
                            .init("Tags", .array(line.ruleTags.map(json))),
                        ]))
                }
            case .tag(let tag):
                tags[key, default: []].append(json(tag))
            }
        }
        for key in order {
            if let list = rules[key] { members.append(.init(key, .array(IPPermission.grouping(list).map(json)))) }
            if let list = tags[key] { members.append(.init(key, .array(list))) }
            if let list = ruleTags[key] { members.append(.init(key + "RuleTags", .array(list))) }
            if let note = notes[key] { members.append(.init(key + "Note", .string(note))) }
        }
        return .object(members)
    }

    private static func keyName(_ mark: ReportMark) -> String {
        switch mark {
        case .added: "Added"
        case .removed: "Removed"
        case .unchanged: "Unchanged"
        case .changed: "Updated"
        case .failed: "Failed"
        case .rolledBack: "RolledBack"
        case .notApplied: "NotApplied"
        case .notManaged: "NotManaged"
        }
    }

    private static func statusName(_ mark: ReportMark) -> String { keyName(mark) }

    /// `{"Key": …, "Value": …}`, as EC2 writes a tag.
    private static func json(_ tag: Tag) -> JSONValue {
        .object([.init("Key", .string(tag.key)), .init("Value", .string(tag.value))])
    }

    /// An IpPermission exactly as EC2 shapes it (fields absent when EC2 omits them).
    package static func json(_ permission: IPPermission) -> JSONValue {
        func described(_ name: String, _ value: String, _ description: String?) -> JSONValue {
            var members: [JSONValue.Member] = [.init(name, .string(value))]
            if let description { members.append(.init("Description", .string(description))) }
            return .object(members)
        }
        var members: [JSONValue.Member] = [.init("IpProtocol", .string(permission.ipProtocol))]
        if let from = permission.fromPort { members.append(.init("FromPort", .int(from))) }
        if let to = permission.toPort { members.append(.init("ToPort", .int(to))) }
        members.append(
            .init("IpRanges", .array(permission.ipRanges.map { described("CidrIp", $0.cidrIp, $0.description) })))
        members.append(
            .init(
                "Ipv6Ranges", .array(permission.ipv6Ranges.map { described("CidrIpv6", $0.cidrIpv6, $0.description) })))
        members.append(
            .init(
                "PrefixListIds",
                .array(permission.prefixListIds.map { described("PrefixListId", $0.prefixListId, $0.description) })))
        members.append(
            .init(
                "UserIdGroupPairs",
                .array(
                    permission.userIdGroupPairs.map { pair in
                        var fields: [JSONValue.Member] = []
                        if let id = pair.groupId { fields.append(.init("GroupId", .string(id))) }
                        if let user = pair.userId { fields.append(.init("UserId", .string(user))) }
                        if let description = pair.description {
                            fields.append(.init("Description", .string(description)))
                        }
                        return .object(fields)
                    })))
        return .object(members)
    }
}
