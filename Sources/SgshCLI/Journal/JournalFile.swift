// The write-ahead journal of one apply, as a file (issue 13).
//
// JSON lines, one JournalRecord each (written by JournalRecord+JSON.swift),
// appended and fsync'd before the call they announce is sent; the file is
// created 0600 in a 0700 folder, and the folder is fsync'd when the file
// appears and when it goes, so neither is lost in a crash. A `sent` record is written at once but made durable by
// the next fsync (the next call's `sending`, or the close): one fsync per
// call, not two. A crash that loses a `sent` leaves a `sending` without
// `sent`, which recovery settles by reading the group, as it does for a call
// whose answer was lost (docs/RELIABILITY.md). Likewise `begin` rides with
// the first call's `sending`, after which the draft takes its visible name:
// until a call is about to be sent there is nothing to recover, so a one-call
// apply pays three fsyncs (plan and `sending`, the folder twice), not four.
// While the apply runs the file is under an exclusive flock, which the kernel
// drops when the process dies: that is how the next command tells a crashed
// apply from one still running. The records hold calls, group and rule ids,
// tag values and error codes, never credentials.

import Foundation
import SgshKit

/// One apply's journal file; created at `begin`, removed when the apply settles.
actor JournalFile: ApplyJournal {
    /// A journal that could not be written: the apply stops before the next call.
    struct WriteFailed: Error, CustomStringConvertible {
        let description: String
    }

    let directory: JournalDirectory
    /// What the apply acts on, as the report names it.
    let target: String
    private(set) var path: String?
    private var descriptor: Int32 = -1
    /// The visible name the journal takes once its plan is written.
    private var pendingName: String?
    /// Records written since the last fsync (a `sent`, which rides with the next one).
    private var unsynced = false
    /// The calls as `begin` (or the last `replanned`) wrote them. A `sending` or `sent` record
    /// of a call unchanged from these leaves the call out, as the reader takes it from there:
    /// encoding each call twice more (60 rules an authorize) was a quarter of a 1,000-rule
    /// apply's instructions.
    private var plannedCalls: [PlannedCall] = []

    init(directory: JournalDirectory, target: String) {
        self.directory = directory
        self.target = target
    }

    /// An already-open journal (held by `recover`), to record what a completion creates.
    init(adopting interrupted: InterruptedJournal) {
        directory = JournalDirectory(path: (interrupted.path as NSString).deletingLastPathComponent)
        target = interrupted.apply.target ?? ""
        path = interrupted.path
        descriptor = interrupted.descriptor
    }

    func begin(_ changeSet: ChangeSet) async throws {
        try open()
        var record = JournalRecord.begin(changeSet)
        plannedCalls = changeSet.calls
        record.target = target
        record.processId = Int(getpid())
        do {
            // Durable, and visible, with the first call's `sending`: nothing is sent before it.
            try append(record, sync: false)
        } catch {
            remove()
            throw error
        }
    }

    func replanned(_ calls: [PlannedCall], from position: Int) async throws {
        var record = JournalRecord(event: .replanned)
        record.position = position
        record.calls = calls.map(JournaledCall.init)
        plannedCalls = Array(plannedCalls.prefix(position)) + calls
        try append(record)
    }

    func sending(_ call: PlannedCall, at position: Int, ids: [Int: String]) async throws {
        try append(.about(.sending, unlessPlanned(call, at: position), at: position, ids: ids))
    }

    func sent(_ call: PlannedCall, at position: Int, ids: [Int: String]) async throws {
        // Not fsync'd here: the next `sending` (before the next call is sent) or the close does it.
        try append(.about(.sent, unlessPlanned(call, at: position), at: position, ids: ids), sync: false)
    }

    /// The call to write in a record about `position`: nil when it is the planned one.
    private func unlessPlanned(_ call: PlannedCall, at position: Int) -> PlannedCall? {
        plannedCalls.indices.contains(position) && plannedCalls[position] == call ? nil : call
    }

    func failed(at position: Int, _ failure: CallFailure) async {
        var record = JournalRecord.about(.failed, nil, at: position)
        record.errorCode = failure.code
        try? append(record)
    }

    func rollingBack() async {
        try? append(JournalRecord(event: .rollingBack))
    }

    func finished(settled: Bool) async {
        if settled { remove() } else { close() }
    }

    /// Deletes the file (the apply is settled) and releases it.
    func remove() {
        if let path { unlink(path) }
        unsynced = false  // Gone: nothing of it needs to be durable.
        // A draft never named needs no folder fsync: if a crash brings it back, the next
        // command removes it (`JournalDirectory.removeAbandonedDrafts`).
        if pendingName == nil { Self.syncFolder(directory.path) }
        pendingName = nil
        close()
    }

    private func close() {
        if descriptor >= 0 {
            // A journal kept for a later `recover` ends durable, with its last `sent`, and visible.
            if unsynced { fsync(descriptor) }
            try? publish()
            Foundation.close(descriptor)
        }
        descriptor = -1
        unsynced = false
    }

    private func open() throws {
        guard descriptor < 0 else { return }
        try directory.create()
        let stamp = Self.timestamp().filter { $0.isNumber || $0 == "T" }
        let name = "apply-\(stamp)-\(getpid())-\(UInt16.random(in: .min ... .max)).jsonl"
        // Written and locked under a hidden name, then renamed: a journal that others can see
        // is always locked by its apply from the start and always begins with the whole plan.
        let hidden = directory.path + "/." + name + ".tmp"
        let fd = Foundation.open(hidden, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw WriteFailed(description: "cannot create the journal '\(hidden)': \(Self.errnoText())")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            Foundation.close(fd)
            unlink(hidden)
            throw WriteFailed(description: "cannot lock the journal '\(hidden)': \(Self.errnoText())")
        }
        descriptor = fd
        path = hidden
        pendingName = directory.path + "/" + name
    }

    /// Gives the journal its visible name once the plan (and the first `sending`) is on disk.
    private func publish() throws {
        guard let hidden = path, let visible = pendingName else { return }
        guard rename(hidden, visible) == 0 else {
            throw WriteFailed(description: "cannot name the journal '\(visible)': \(Self.errnoText())")
        }
        path = visible
        pendingName = nil
        Self.syncFolder(directory.path)
    }

    /// Writes one line; with `sync`, fsyncs it (and any record written before it) and gives a
    /// draft its visible name.
    private func append(_ record: JournalRecord, sync: Bool = true) throws {
        guard descriptor >= 0, let path else { throw WriteFailed(description: "the journal is not open") }
        var record = record
        record.time = Self.timestamp()
        var line = record.jsonLineUTF8
        line.append(0x0A)
        let written = line.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                offset += n
            }
            return true
        }
        guard written else {
            throw WriteFailed(description: "cannot write the journal '\(path)': \(Self.errnoText())")
        }
        unsynced = true
        guard sync else { return }
        guard fsync(descriptor) == 0 else {
            throw WriteFailed(description: "cannot write the journal '\(path)': \(Self.errnoText())")
        }
        unsynced = false
        try publish()
    }

    /// Makes a file's creation or removal in `folder` durable.
    static func syncFolder(_ folder: String) {
        let fd = Foundation.open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        Foundation.close(fd)
    }

    /// UTC with milliseconds, `2026-12-05T03:42:56.661Z`. Not a Foundation date format: its
    /// first use set up a calendar and read the time zone, 2.4 M instructions of a one-rule apply.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UTCTimestamp.text(Int(now.tv_sec), milliseconds: Int(now.tv_nsec) / 1_000_000)
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
