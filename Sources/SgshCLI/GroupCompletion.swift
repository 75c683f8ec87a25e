import ArgumentParser
import Foundation
import SgshLocal
import SgshModel

/// Tab completion of GROUP arguments (`export`, `graph`): the ids and names of the groups
/// of the backend the command line names. Completion runs on every Tab, so it gives up
/// silently: on any error, after `deadline`, and on a local state file that does not exist
/// (opening it would create it). Names with spaces are left out (a shell word cannot hold one).
enum GroupCompletion {
    static let deadline: Duration = .seconds(3)

    /// The backend options' words: each `--option value` (or `--option=value`) the command
    /// line gives that BackendOptions takes; the groups, the script and other flags are left out.
    static func backendWords(_ words: [String]) -> [String] {
        let names = Set(BackendOptions.valueOptions)
        var kept: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            if names.contains(word), index + 1 < words.count {
                kept += [word, words[index + 1]]
                index += 2
                continue
            }
            if let equals = word.firstIndex(of: "="), names.contains(String(word[..<equals])) { kept.append(word) }
            index += 1
        }
        return kept
    }

    /// The candidates for the word `prefix` of the command line `words`.
    @Sendable static func candidates(_ words: [String], _ index: Int, _ prefix: String) async -> [String] {
        guard let options = try? BackendOptions.parse(backendWords(Array(words.dropFirst()))) else { return [] }
        if options.kind == .local {
            let path = options.state ?? LocalBackend.defaultStatePath()
            guard FileManager.default.fileExists(atPath: path) else { return [] }
        }
        let groups: [SecurityGroup]? = await withDeadline {
            (try? await options.withBackend { try await $0.backend.describeSecurityGroups(.all) }) ?? []
        }
        let candidates = (groups ?? []).flatMap { [$0.groupId, $0.groupName] }
            .filter { $0.hasPrefix(prefix) && !$0.contains(where: \.isWhitespace) }
        return Array(Set(candidates)).sorted()
    }

    /// `body`'s result, or nil when it takes longer than `deadline` (it is left to finish;
    /// the completion process exits once it has printed).
    static func withDeadline<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T? {
        await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
            let once = Once(continuation)
            Task { once.resume(await body()) }
            Task {
                try? await Task.sleep(for: deadline)
                once.resume(nil)
            }
        }
    }

    /// Resumes a continuation the first time only.
    final class Once<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<T?, Never>?
        init(_ continuation: CheckedContinuation<T?, Never>) { self.continuation = continuation }
        func resume(_ value: T?) {
            lock.lock()
            let pending = continuation
            continuation = nil
            lock.unlock()
            pending?.resume(returning: value)
        }
    }
}
