// Where the write-ahead journals of one backend target live (issue 13).
//
// One folder per target, so that a crash is remembered by the next command
// against the same groups and by no other: for the local backend, beside its
// state file (`state.sqlite.sgsh-journal/`); for aws, one per account,
// region and endpoint under $XDG_STATE_HOME/sgsh/journal (default
// ~/.local/state/sgsh/journal). Each apply writes its own file in it, held
// under an exclusive lock while the apply runs: a file nobody holds is an
// apply whose process died, and two applies at once never share a file.

import Foundation

/// The journal folder of one backend target.
struct JournalDirectory: Hashable, Sendable {
    /// The folder.
    let path: String

    init(path: String) {
        self.path = path
    }

    /// The folder for `target`.
    init(for target: BackendTarget, environment: [String: String] = ProcessEnvironment.variables) {
        switch target {
        case .local(let stateFile):
            path = stateFile + ".sgsh-journal"
        case .aws(let region, let endpoint, let identity):
            let account = identity?.account ?? "unknown-account"
            let name = ["aws", account, region, Self.readable(endpoint), Self.fingerprint(endpoint)]
                .joined(separator: "-")
            path = Self.stateHome(environment) + "/sgsh/journal/" + name
        }
    }

    /// $XDG_STATE_HOME when absolute (as the XDG spec asks), else ~/.local/state.
    static func stateHome(_ environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/state"
    }

    /// The endpoint's host and port, in characters any file system takes. In Swift, not through
    /// NSString (`replacingOccurrences`, `trimmingCharacters`: 2.6 M instructions, a tenth of
    /// the aws backend's start); the folder names stay the same, or an interrupted apply's
    /// journal would not be found after an upgrade (JournalDirectoryTests pins them).
    static func readable(_ endpoint: String) -> String {
        // ASCII without a carriage return (which would join a following line feed into one
        // Character) names the same folder byte by byte, without the generic `replacing` and
        // the Unicode tables: 1.2 M instructions of every aws run before.
        let bytes = Array(endpoint.utf8)
        if bytes.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) {
            return readableASCII(bytes)
        }
        let host = endpoint.replacing("https://", with: "").replacing("http://", with: "")
        var name = Substring(String(host.map { $0.isLetter || $0.isNumber || $0 == "." ? $0 : "_" }.prefix(60)))
        while name.first == "_" { name.removeFirst() }
        while name.last == "_" { name.removeLast() }
        return String(name)
    }

    /// `readable` for ASCII: the same removals, left to right, then the same mapping and trim.
    private static func readableASCII(_ bytes: [UInt8]) -> String {
        func removingAll(_ word: String, from text: [UInt8]) -> [UInt8] {
            let word = Array(word.utf8)
            var kept: [UInt8] = []
            kept.reserveCapacity(text.count)
            var index = 0
            while index < text.count {
                if text[index...].starts(with: word) {
                    index += word.count
                } else {
                    kept.append(text[index])
                    index += 1
                }
            }
            return kept
        }
        let host = removingAll("http://", from: removingAll("https://", from: bytes))
        var name = host.prefix(60).map { byte -> UInt8 in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."):
                byte
            default: UInt8(ascii: "_")
            }
        }[...]
        while name.first == UInt8(ascii: "_") { name.removeFirst() }
        while name.last == UInt8(ascii: "_") { name.removeLast() }
        return String(decoding: name, as: UTF8.self)
    }

    /// FNV-1a of the whole endpoint, so endpoints that read alike never share a folder.
    private static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// Makes the folder, 0700, unless it is there. After the first apply its parents are there,
    /// and one mkdir does it: FileManager's attribute handling cost 0.8 M instructions an apply.
    /// - Throws: `JournalFile.WriteFailed` when the folder cannot be made.
    func create() throws(JournalFile.WriteFailed) {
        if mkdir(path, 0o700) == 0 {
            chmod(path, 0o700)  // the umask may have taken bits off
            return
        }
        if errno == EEXIST {
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw JournalFile.WriteFailed(
                    description: "cannot create the journal folder '\(path)': something else has its name")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw JournalFile.WriteFailed(description: "cannot create the journal folder '\(path)': \(error)")
        }
    }

    /// The journal files in the folder, oldest first (their names start with the time).
    func files() -> [String] {
        return names().filter { $0.hasPrefix("apply-") && $0.hasSuffix(".jsonl") }.sorted().map { path + "/" + $0 }
    }

    /// Removes journals that a process began but died before their plan was written (hidden
    /// `.apply-….tmp` files nobody holds): their apply had not sent anything.
    func removeAbandonedDrafts() {
        for name in names() where name.hasPrefix(".apply-") && name.hasSuffix(".tmp") {
            let file = path + "/" + name
            let fd = open(file, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { unlink(file) }
            close(fd)
        }
    }

    /// The names in the folder (none if it does not exist). By readdir, not FileManager, for
    /// the reason `EC2FileReader.local` reads files with read(2).
    private func names() -> [String] {
        guard let folder = opendir(path) else { return [] }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
