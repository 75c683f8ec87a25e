// Golden files: expected output kept next to the tests, in the source tree.
//
// Fixtures are found from the calling test file's `#filePath`, as
// swift-argument-parser's `assertSnapshot` does, so record mode can write
// them back into the source tree rather than into a build bundle. With
// SGSH_RECORD=1 every compared golden is rewritten AND the test fails
// ("recorded new golden; rerun without SGSH_RECORD"): a record run can never
// be mistaken for a passing one.

import Foundation
import Testing

/// Locating, listing and comparing golden fixtures.
public enum Golden {
    /// True when the environment asks to rewrite goldens (`SGSH_RECORD=1`).
    public static var isRecording: Bool {
        let value = ProcessInfo.processInfo.environment["SGSH_RECORD"] ?? ""
        return !value.isEmpty && value != "0"
    }

    /// The `Fixtures` directory that governs a test file: the nearest one found walking up
    /// from the test file's directory (e.g. `Tests/SgshKitTests/Fixtures`).
    public static func fixturesDirectory(filePath: String) -> URL {
        var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("Fixtures")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue
            {
                return candidate
            }
            directory = directory.deletingLastPathComponent()
        }
        // No Fixtures directory yet: put it next to the test file, so recording can create it.
        return URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    /// The URL of a fixture given by a path relative to the Fixtures directory.
    public static func url(_ path: String, filePath: String) -> URL {
        fixturesDirectory(filePath: filePath).appendingPathComponent(path)
    }

    /// The base names (without extension) of the files in `subdirectory` ending in `.ext`, sorted.
    public static func names(in subdirectory: String, withExtension ext: String, filePath: String) -> [String] {
        let directory = fixturesDirectory(filePath: filePath).appendingPathComponent(subdirectory)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix("." + ext) }.map { String($0.dropLast(ext.count + 1)) }.sorted()
    }

    /// The text of a fixture, or nil when it does not exist or is not UTF-8.
    public static func read(_ path: String, filePath: String) -> String? {
        guard let data = FileManager.default.contents(atPath: url(path, filePath: filePath).path) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}

/// Compares `actual` with the golden file `fixture` (relative to the test file's Fixtures
/// directory). With `SGSH_RECORD=1` it rewrites the golden and records a failure.
/// - Parameters:
///   - actual: The text the code under test produced.
///   - fixture: The golden's path relative to the Fixtures directory (`parse/let.ast`).
///   - filePath: The calling test file; leave the default.
///   - recording: Whether to rewrite the golden; defaults to `SGSH_RECORD`.
public func assertGolden(
    actual: String, fixture: String, filePath: String = #filePath, recording: Bool = Golden.isRecording,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let url = Golden.url(fixture, filePath: filePath)
    if recording {
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            Issue.record("recorded new golden \(fixture); rerun without SGSH_RECORD", sourceLocation: sourceLocation)
        } catch {
            Issue.record("could not record golden \(fixture): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected = Golden.read(fixture, filePath: filePath) else {
        Issue.record("missing golden \(fixture); run with SGSH_RECORD=1 to create it", sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        Issue.record(
            "golden \(fixture) differs (rerun with SGSH_RECORD=1 to accept)\n\(lineDiff(expected: expected, actual: actual))",
            sourceLocation: sourceLocation)
    }
}

/// A minimal line diff: the first differing line, with both versions.
func lineDiff(expected: String, actual: String) -> String {
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(expectedLines.count, actualLines.count) {
        let old = index < expectedLines.count ? String(expectedLines[index]) : "<none>"
        let new = index < actualLines.count ? String(actualLines[index]) : "<none>"
        if old != new { return "line \(index + 1):\n- \(old)\n+ \(new)" }
    }
    return "(texts differ only in line endings)"
}
