// The shell's candidates for --profile: every profile of the config and
// credentials files, once, and nothing (never an error) when they are missing.

import Foundation
import Testing

@testable import SgshEC2

@Suite struct CompletionCandidatesTests {
    func withFiles(config: String?, credentials: String?, _ body: ([String: String]) -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sgsh-profiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let configPath = dir.appendingPathComponent("config").path
        let credentialsPath = dir.appendingPathComponent("credentials").path
        if let config { try config.write(toFile: configPath, atomically: true, encoding: .utf8) }
        if let credentials { try credentials.write(toFile: credentialsPath, atomically: true, encoding: .utf8) }
        body([
            "HOME": dir.path, "AWS_CONFIG_FILE": configPath, "AWS_SHARED_CREDENTIALS_FILE": credentialsPath,
        ])
    }

    @Test func profilesComeFromBothFilesOnceEach() throws {
        let config = """
            [default]
            region = eu-west-1
            [profile prod]
            region = us-east-1
            [sso-session corp]
            sso_region = us-east-1
            [profile  staging ]
            """
        let credentials = """
            [default]
            aws_access_key_id = AKIDEXAMPLE
            [ci]
            aws_access_key_id = AKIDEXAMPLE
            """
        try withFiles(config: config, credentials: credentials) { environment in
            #expect(CompletionCandidates.profiles(environment: environment) == ["ci", "default", "prod", "staging"])
        }
    }

    @Test func missingFilesCompleteNothing() throws {
        try withFiles(config: nil, credentials: nil) { environment in
            #expect(CompletionCandidates.profiles(environment: environment) == [])
        }
    }

    @Test func regionsAreSortedAndIncludeTheDefaults() {
        #expect(CompletionCandidates.regions == CompletionCandidates.regions.sorted())
        #expect(
            CompletionCandidates.regions.contains("us-east-1") && CompletionCandidates.regions.contains("eu-west-1"))
    }
}
