// A unified diff of two texts, line by line, for `sgsh fmt --check`: what the
// formatter would change, in the form `diff -u` and `git diff` print.

/// Unified diffs (a longest-common-subsequence table of the lines that differ; past a size,
/// the changed middle whole).
public enum UnifiedDiff {
    /// The diff from `old` to `new` with `context` lines around each change; empty when equal.
    public static func diff(_ old: String, _ new: String, oldName: String, newName: String, context: Int = 3) -> String
    {
        let a = lines(old)
        let b = lines(new)
        guard a != b else { return "" }
        let edits = script(a, b)
        var out = "--- \(oldName)\n+++ \(newName)\n"
        // Hunks: runs of edits with at most 2*context unchanged lines between them.
        var index = 0
        while index < edits.count {
            guard let firstChange = edits[index...].firstIndex(where: { $0.kind != " " }) else { break }
            let start = max(index, firstChange - context)
            var end = firstChange
            var lastChange = firstChange
            while end < edits.count {
                if edits[end].kind != " " { lastChange = end }
                if end - lastChange > 2 * context { break }
                end += 1
            }
            end = min(edits.count, lastChange + context + 1)
            let hunk = edits[start..<end]
            let oldStart = hunk.first!.oldLine
            let newStart = hunk.first!.newLine
            let oldCount = hunk.filter { $0.kind != "+" }.count
            let newCount = hunk.filter { $0.kind != "-" }.count
            out +=
                "@@ -\(oldStart + (oldCount > 0 ? 1 : 0)),\(oldCount) +\(newStart + (newCount > 0 ? 1 : 0)),\(newCount) @@\n"
            for edit in hunk { out += "\(edit.kind)\(edit.text)\n" }
            index = end
        }
        return out
    }

    struct Edit {
        /// " " kept, "-" removed, "+" added.
        var kind: Character
        var text: Substring
        /// Lines of the old and new text before this one.
        var oldLine: Int
        var newLine: Int
    }

    static func lines(_ text: String) -> [Substring] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The table is quadratic: past this many cells the changed middle is shown as removed
    /// and added whole (still a correct diff, only a longer one).
    static let tableLimit = 4_000_000

    static func script(_ a: [Substring], _ b: [Substring]) -> [Edit] {
        // The common first and last lines are kept as they are; only the middle is compared.
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        var edits = (0..<prefix).map { Edit(kind: " ", text: a[$0], oldLine: $0, newLine: $0) }
        let (oldEnd, newEnd) = (a.count - suffix, b.count - suffix)
        let middleA = Array(a[prefix..<oldEnd])
        let middleB = Array(b[prefix..<newEnd])
        if (middleA.count + 1) * (middleB.count + 1) > tableLimit {
            edits += middleA.indices.map { Edit(kind: "-", text: middleA[$0], oldLine: prefix + $0, newLine: prefix) }
            edits += middleB.indices.map { Edit(kind: "+", text: middleB[$0], oldLine: oldEnd, newLine: prefix + $0) }
        } else {
            edits += middle(middleA, middleB, from: prefix)
        }
        edits += (0..<suffix).map { Edit(kind: " ", text: a[oldEnd + $0], oldLine: oldEnd + $0, newLine: newEnd + $0) }
        return edits
    }

    /// The edits from `a` to `b` by a longest common subsequence; line numbers start at `offset`.
    static func middle(_ a: [Substring], _ b: [Substring], from offset: Int) -> [Edit] {
        // common[i][j]: the longest common subsequence of a[i...] and b[j...].
        var common = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                common[i][j] = a[i] == b[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var edits: [Edit] = []
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                edits.append(Edit(kind: " ", text: a[i], oldLine: offset + i, newLine: offset + j))
                (i, j) = (i + 1, j + 1)
            } else if i < a.count, j == b.count || common[i + 1][j] >= common[i][j + 1] {
                edits.append(Edit(kind: "-", text: a[i], oldLine: offset + i, newLine: offset + j))
                i += 1
            } else {
                edits.append(Edit(kind: "+", text: b[j], oldLine: offset + i, newLine: offset + j))
                j += 1
            }
        }
        return edits
    }
}
