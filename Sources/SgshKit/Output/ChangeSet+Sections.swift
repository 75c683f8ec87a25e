// A ChangeSet as report sections: the plan view (every call planned) and,
// given what became of each call, the apply report. One builder serves both,
// so the plan and the report of the same change list the same lines in the
// same order: adopted groups, creates, rules per (group, direction), tags,
// deletes; within a section + ~ = - and already-absent revokes last.

import SgshModel

extension ChangeSet {
    /// The plan view: what applying would do, as sections.
    public var sections: [ReportSection] { sections(statuses: nil, createdIds: [:]) }

    /// Whether `sections` (and a report's) would list anything, without building them: each
    /// adoption, creation, rule change, tag change, interface move and deletion is one section.
    public var hasSections: Bool {
        !(adoptions.isEmpty && creations.isEmpty && ruleChanges.isEmpty && tagChanges.isEmpty
            && interfaceMoves.isEmpty && deletions.isEmpty)
    }

    /// Where each kind of call sits in `calls`, so sections can find their calls' statuses.
    private enum CallSlot: Hashable {
        case create(Int)
        case authorize(GroupTarget, Direction)
        case update(GroupTarget, Direction)
        case revoke(GroupTarget, Direction)
        case createTags(GroupTarget)
        case deleteTags(GroupTarget)
        case tagRule(GroupTarget, Direction)
        case untagRule(GroupTarget, Direction)
        case moveInterface(String)
        case delete(GroupTarget)

        init(_ call: PlannedCall) {
            switch call {
            case .create(let group, _): self = .create(group.placeholder)
            case .authorize(let group, let direction, _, _): self = .authorize(group, direction)
            case .updateDescriptions(let group, let direction, _): self = .update(group, direction)
            case .revoke(let group, let direction, _): self = .revoke(group, direction)
            case .createTags(let group, _): self = .createTags(group)
            case .deleteTags(let group, _): self = .deleteTags(group)
            case .tagRule(let group, let direction, _): self = .tagRule(group, direction)
            case .untagRule(let group, let direction, _): self = .untagRule(group, direction)
            case .moveInterface(let move): self = .moveInterface(move.networkInterfaceId)
            case .delete(let group): self = .delete(group)
            }
        }
    }

    /// Builds sections; `statuses` are parallel to `calls` (nil: everything planned).
    func sections(statuses: [CallStatus]?, createdIds: [Int: String]) -> [ReportSection] {
        // The plan view has no statuses to find: the calls (a copy of every rule) are not built.
        var slots: [CallSlot: [Int]] = [:]
        if statuses != nil {
            for (position, call) in calls.enumerated() { slots[CallSlot(call), default: []].append(position) }
        }
        func status(_ slot: CallSlot, _ nth: Int = 0) -> CallStatus {
            guard let statuses, let positions = slots[slot], nth < positions.count else { return .planned }
            return statuses[positions[nth]]
        }
        func name(_ group: GroupTarget) -> String {
            switch group {
            case .id(let id): id
            case .created(let created): createdIds[created.placeholder] ?? group.description
            }
        }

        var createdNames: [Int: String] = [:]
        for creation in creations { createdNames[creation.group.placeholder] = creation.group.name }
        // The rule as reports show it: a created group as a peer by its id, or `<new name>` before it exists.
        func shown(_ rule: Rule) -> Rule {
            guard let placeholder = rule.peerPlaceholder else { return rule }
            if let id = createdIds[placeholder] { return rule.withPeerGroup(id) }
            return rule.withPeerGroup("<new \(createdNames[placeholder] ?? String(placeholder))>")
        }

        let replacedBy = Dictionary(replacements.map { ($0.old, $0.new) }) { first, _ in first }
        var out: [ReportSection] = []
        for adoption in adoptions {
            let note =
                adoption.descriptionDiffers
                ? "exists: adopted; warning: its description is \(SourceWriter.quoted(adoption.liveDescription)),"
                    + " and EC2 cannot change a group's description"
                : "exists: adopted"
            out.append(
                ReportSection(
                    group: adoption.id, aspect: .create(adoption.group), mark: .unchanged, note: note, lines: []))
        }
        for creation in creations {
            var (mark, note) = Self.mark(
                .added, status(.create(creation.group.placeholder)), undone: "created, then deleted")
            if let replaced = replacements.first(where: { $0.new == creation.group }) {
                note = ["replaces \(replaced.old)", note].compactMap { $0 }.joined(separator: "; ")
            }
            let lines = creation.tags.map { ReportLine(mark, .tag($0)) }
            out.append(
                ReportSection(
                    group: name(.created(creation.group)), aspect: .create(creation.group), mark: mark, note: note,
                    lines: lines))
        }
        for change in ruleChanges {
            let group = change.group
            let direction = change.direction
            var lines: [ReportLine] = []
            lines.reserveCapacity(
                change.additions.reduce(0) { $0 + $1.rules.count } + change.unchanged.count + change.removed.count)
            for (nth, batch) in change.additions.enumerated() {
                let (mark, note) = Self.mark(
                    .added, status(.authorize(group, direction), nth), undone: "added, rolled back")
                // A new rule's tags (and lifetime) are shown where nothing else needs saying.
                let tagged = Self.addedNote(batch.tags, plannedAt: plannedAt)
                for rule in batch.rules {
                    lines.append(ReportLine(mark, .rule(shown(rule)), note: note ?? tagged, ruleTags: batch.tags))
                }
            }
            let (updateMark, updateNote) = Self.mark(
                .changed, status(.update(group, direction)), undone: "description restored")
            for update in change.descriptionUpdates {
                let was = update.previous.map { "was \(SourceWriter.quoted($0))" } ?? "had no description"
                lines.append(ReportLine(updateMark, .rule(shown(update.rule)), note: updateNote ?? was))
            }
            for (nth, update) in change.tagUpdates.enumerated() {
                let (mark, note) = Self.mark(
                    .changed, status(.tagRule(group, direction), nth), undone: "tags restored")
                let now = update.set.map(\.tag.description).joined(separator: ", ")
                let was = update.set.map { $0.previous.map { "\($0)" } ?? "" }
                let before = zip(update.set, was).map { $1.isEmpty ? "no \($0.tag.key)" : "\($0.tag.key)=\($1)" }
                lines.append(
                    ReportLine(
                        mark, .rule(shown(update.rule)),
                        note: note ?? "tags \(now); was \(before.joined(separator: ", "))",
                        ruleTags: update.set.map(\.tag)))
            }
            for (nth, removal) in change.tagRemovals.enumerated() {
                let (mark, note) = Self.mark(
                    .changed, status(.untagRule(group, direction), nth), undone: "tags restored")
                let removed = removal.tags.map(\.key).joined(separator: ", ")
                let was = Self.lifetimeNote(removal.tags, plannedAt: plannedAt).map { " (it \($0))" } ?? ""
                let permanent = "permanent now: \(removed) removed\(was)"
                lines.append(ReportLine(mark, .rule(shown(removal.rule)), note: note ?? permanent))
            }
            let retagged = Set(change.tagUpdates.map(\.rule.key) + change.tagRemovals.map(\.rule.key))
            let lifetime = { (rule: Rule) -> String? in
                guard !change.liveTags.isEmpty, let tags = change.liveTags[rule.key] else { return nil }
                return Self.lifetimeNote(tags, plannedAt: self.plannedAt)
            }
            for rule in change.unchanged where retagged.isEmpty || !retagged.contains(rule.key) {
                let note = lifetime(rule).map { "already present; \($0)" } ?? "already present"
                lines.append(ReportLine(.unchanged, .rule(shown(rule)), note: note))
            }
            let (removeMark, removeNote) = Self.mark(
                .removed, status(.revoke(group, direction)), undone: "removed, restored")
            for rule in change.removed {
                lines.append(ReportLine(removeMark, .rule(shown(rule)), note: removeNote ?? lifetime(rule)))
            }
            lines += change.alreadyAbsent.map {
                ReportLine(.unchanged, .rule(shown($0)), note: ReportRenderer.alreadyAbsentNote)
            }
            lines += change.notManaged.map {
                let owner = change.liveTags[$0.key]?.first { $0.key == SgshRuleTag.owner }.map { "owner \($0.value)" }
                let note = ["not managed here: " + (owner ?? "no owner"), lifetime($0)].compactMap { $0 }
                return ReportLine(.notManaged, .rule(shown($0)), note: note.joined(separator: "; "))
            }
            out.append(Self.section(name(group), .rules(direction), lines))
        }
        for change in tagChanges {
            let group = change.group
            let (setMark, setNote) = Self.mark(.added, status(.createTags(group)), undone: "set, rolled back")
            var lines = change.set.map { update in
                let mark = update.previous == nil || setMark != .added ? setMark : .changed
                let note = setNote ?? update.previous.map { "was \($0)" }
                return ReportLine(mark, .tag(update.tag), note: note)
            }
            lines += change.unchanged.map { ReportLine(.unchanged, .tag($0), note: "already set") }
            let (removeMark, removeNote) = Self.mark(.removed, status(.deleteTags(group)), undone: "removed, restored")
            lines += change.removed.map { ReportLine(removeMark, .tag($0), note: removeNote) }
            out.append(Self.section(name(group), .tags, lines))
        }
        for move in interfaceMoves {
            let (mark, note) = Self.mark(
                .changed, status(.moveInterface(move.networkInterfaceId)), undone: "moved, moved back")
            out.append(
                ReportSection(
                    group: move.summary, aspect: .interface(from: move.from, to: move.to.map(name)), mark: mark,
                    note: note))
        }
        for deletion in deletions {
            let deleteStatus = status(.delete(deletion.group))
            var (mark, note) = Self.mark(.removed, deleteStatus, undone: "deleted")
            if case .id(let id) = deletion.group, let new = replacedBy[id] {
                var notes = ["replaced by \(name(.created(new)))", note]
                if case .failed(let failure) = deleteStatus, failure.code == "DependencyViolation" {
                    // Everything sgsh could read was moved off it: what is left is out of its sight.
                    notes.append(
                        "something sgsh cannot read still uses it, such as a rule in another account's group"
                            + " (VPC peering) or an interface made since the plan")
                }
                note = notes.compactMap { $0 }.joined(separator: "; ")
            }
            out.append(ReportSection(group: name(deletion.group), aspect: .delete, mark: mark, note: note))
        }
        return out
    }

    private static func section(_ group: String, _ aspect: ReportSection.Aspect, _ lines: [ReportLine]) -> ReportSection
    {
        let changes = lines.contains { $0.mark != .unchanged && $0.mark != .notManaged }
        return ReportSection(group: group, aspect: aspect, mark: changes ? .changed : .unchanged, lines: lines)
    }

    /// The mark and note of an item whose call has `status`; `done` is the mark when it took effect.
    private static func mark(_ done: ReportMark, _ status: CallStatus, undone: String) -> (ReportMark, String?) {
        switch status {
        case .planned, .applied: (done, nil)
        case .failed(let failure): (.failed, failure.description)
        case .notApplied: (.notApplied, "not applied")
        case .rolledBack: (.rolledBack, undone)
        case .rollbackFailed(let failure): (.failed, "applied; rollback failed: \(failure)")
        case .outcomeUnknown(let failure):
            (.failed, "answer lost; may have taken effect (settling it by reading failed: \(failure))")
        }
    }
}
