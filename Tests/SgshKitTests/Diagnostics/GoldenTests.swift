// The golden helper itself: fixtures are found from the test file, a match
// passes, a mismatch or a missing golden fails, and record mode rewrites the
// file AND fails, so a record run can never pass by accident.

import Foundation
import SgshTestSupport
import Testing

@Suite struct GoldenTests {
    /// A scratch tree shaped like a test target: DIR/Tests/Fake/Sub/FakeTests.swift and DIR/Tests/Fake/Fixtures.
    static func scratch() throws -> (testFile: String, fixtures: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sgsh-golden-\(UUID().uuidString)")
        let fixtures = root.appendingPathComponent("Tests/Fake/Fixtures")
        try FileManager.default.createDirectory(
            at: fixtures.appendingPathComponent("g"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("Tests/Fake/Sub"), withIntermediateDirectories: true)
        return (root.appendingPathComponent("Tests/Fake/Sub/FakeTests.swift").path, fixtures)
    }

    @Test func findsTheFixturesOfThisTarget() {
        let directory = Golden.fixturesDirectory(filePath: #filePath)
        #expect(directory.path.hasSuffix("Tests/SgshKitTests/Fixtures"))
        #expect(Golden.names(in: "parse", withExtension: "sgsh", filePath: #filePath).contains("let-integer"))
    }

    @Test func aMatchingGoldenPasses() throws {
        let (testFile, fixtures) = try Self.scratch()
        try Data("same\n".utf8).write(to: fixtures.appendingPathComponent("g/a.txt"))
        assertGolden(actual: "same\n", fixture: "g/a.txt", filePath: testFile, recording: false)
    }

    @Test func aDifferentGoldenFails() throws {
        let (testFile, fixtures) = try Self.scratch()
        try Data("old\n".utf8).write(to: fixtures.appendingPathComponent("g/a.txt"))
        withKnownIssue {
            assertGolden(actual: "new\n", fixture: "g/a.txt", filePath: testFile, recording: false)
        }
    }

    @Test func aMissingGoldenFails() throws {
        let (testFile, _) = try Self.scratch()
        withKnownIssue {
            assertGolden(actual: "x", fixture: "g/none.txt", filePath: testFile, recording: false)
        }
    }

    @Test func recordingRewritesTheGoldenAndFails() throws {
        let (testFile, fixtures) = try Self.scratch()
        let golden = fixtures.appendingPathComponent("g/a.txt")
        try Data("old\n".utf8).write(to: golden)
        withKnownIssue {
            assertGolden(actual: "new\n", fixture: "g/a.txt", filePath: testFile, recording: true)
        }
        #expect(try String(contentsOf: golden, encoding: .utf8) == "new\n")
    }
}
