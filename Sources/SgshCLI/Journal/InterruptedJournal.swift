// Finding the applies of a target that a crash interrupted (issue 13).
//
// A journal file that no process holds locked belongs to an apply whose
// process died before it settled. Reading it takes the lock, so a `recover`
// that is working on it is never raced by another; the lock is kept until
// the journal is removed or released.

import Foundation
import SgshKit

/// An interrupted apply's journal, locked by this process.
final class InterruptedJournal: Sendable {
    let path: String
    let apply: InterruptedApply
    /// The open, locked file.
    let descriptor: Int32

    private init(path: String, apply: InterruptedApply, descriptor: Int32) {
        self.path = path
        self.apply = apply
        self.descriptor = descriptor
    }

    /// A journal that cannot be read: the command refuses rather than guess.
    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    /// Takes the journal's lock if no apply holds it. A lock can outlive its apply's `close`
    /// for a moment: a child process this process starts (the test suite's, a
    /// `credential_process`) shares every descriptor between fork and exec, close-on-exec
    /// ones too. So a held lock is tried a few more times, 10 ms in all, before the journal is
    /// taken for a running apply's.
    private static func lock(_ fd: Int32) -> Bool {
        for attempt in 0..<5 {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return true }
            guard errno == EWOULDBLOCK, attempt < 4 else { return false }
            usleep(2_000)
        }
        return false
    }

    /// The interrupted applies in `directory`, oldest first. Journals of applies still running
    /// are left alone; drafts abandoned before their plan was written (nothing was sent) are removed.
    static func find(in directory: JournalDirectory) throws -> [InterruptedJournal] {
        directory.removeAbandonedDrafts()
        var found: [InterruptedJournal] = []
        for file in directory.files() {
            let fd = open(file, O_RDWR | O_APPEND | O_CLOEXEC)
            guard fd >= 0 else { continue }
            if let journal = try interrupted(file, openAt: fd) { found.append(journal) }
        }
        return found
    }

    /// The journal open at `fd` when its apply is interrupted (it is then held by the result),
    /// else nil with `fd` closed: an apply in progress holds its lock, and a settled apply
    /// unlinks its journal before it lets it go, so a lock won on a file with no name left
    /// (opened just before the unlink) is a finished apply's.
    static func interrupted(_ file: String, openAt fd: Int32) throws -> InterruptedJournal? {
        var held = false
        defer { if !held { close(fd) } }
        var info = stat()
        guard Self.lock(fd), fstat(fd, &info) == 0, info.st_nlink > 0 else { return nil }
        let records = try readRecords(fd, path: file)
        guard let first = records.first, first.event == .begin else {
            // A journal is only visible once its plan is on disk: this one is damaged.
            throw Unreadable(description: "the journal '\(file)' does not begin with its plan")
        }
        let apply: InterruptedApply
        do {
            apply = try InterruptedApply(records: records)
        } catch {
            throw Unreadable(description: "the journal '\(file)' cannot be read: \(error)")
        }
        held = true
        return InterruptedJournal(path: file, apply: apply, descriptor: fd)
    }

    /// The records of a journal; a last line cut short by the crash is dropped.
    private static func readRecords(_ fd: Int32, path: String) throws -> [JournalRecord] {
        let data = FileHandle(fileDescriptor: fd, closeOnDealloc: false).readDataToEndOfFile()
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: true)
        let decoder = JSONDecoder()
        var records: [JournalRecord] = []
        for (index, line) in lines.enumerated() {
            do {
                records.append(try decoder.decode(JournalRecord.self, from: Data(line)))
            } catch {
                // Only the last line can be torn: the journal writes one line at a time.
                if index == lines.count - 1 && data.last != 0x0A { break }
                throw Unreadable(description: "the journal '\(path)' is damaged at line \(index + 1)")
            }
        }
        return records
    }

    /// Releases the lock; the journal stays (for a later `recover`).
    func release() { close(descriptor) }

    /// One line saying what was interrupted: when it began, how far it got, the last call.
    var summary: String {
        let sent = apply.sent.count
        var text = "it began \(apply.started ?? "at an unknown time")"
        if let process = apply.processId { text += " (process \(process))" }
        text += " and \(sent) of \(apply.calls.count) calls had taken effect"
        if let last = apply.touched.last {
            let call = apply.sent[last] ?? apply.begun[last] ?? apply.calls[last]
            let lost = apply.unanswered.contains(last) ? ", whose answer was lost" : ""
            text += "; the last sent was \(call.actionName) on \(call.group)\(lost)"
        }
        if apply.rollingBack { text += "; it was undoing itself after a failure" }
        return text
    }
}
