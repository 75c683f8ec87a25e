import Foundation
import SgshKit
import SgshLocal
import SgshModel
import Testing

/// A state file on disk: persistence, sharing between instances, the default path.
@Suite struct LocalBackendStateFileTests {
    /// A fresh folder under the system temporary directory, removed by the caller.
    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sgsh-local-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func stateSurvivesReopeningTheFile() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("nested/state.sqlite").path
        let id: String
        let vpc: String
        do {
            let backend = try LocalBackend(path: path)
            vpc = try await backend.defaultVPCId()
            id = try await backend.createSecurityGroup(
                name: "web", description: "web", vpcId: nil, tags: [Tag(key: "Env", value: "prod")], dryRun: false)
            _ = try await backend.authorize(
                .ingress, groupId: id,
                permissions: [
                    IPPermission(
                        ipProtocol: "tcp", fromPort: 443, toPort: 443,
                        ipRanges: [IPRange(cidrIp: "0.0.0.0/0", description: "https")])
                ],
                tags: [], dryRun: false)
        }
        let reopened = try LocalBackend(path: path)
        // WAL mode: readers in other processes are not blocked by a writer.
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(try await reopened.defaultVPCId() == vpc)
        let group = try #require(try await reopened.describeSecurityGroups(SecurityGroupQuery(groupIds: [id])).first)
        #expect(group.tags == [Tag(key: "Env", value: "prod")])
        #expect(
            try group.rules(.ingress).map { SourceWriter.rule($0, .ingress) } == ["tcp 443 from 0.0.0.0/0 \"https\""])
        #expect(try await reopened.describeSecurityGroups(.all).count == 2)
    }

    @Test func twoInstancesWritingAtOnceBothLand() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("state.sqlite").path
        let setup = try LocalBackend(path: path, limits: .init(rulesPerDirection: 1000))
        let id = try await setup.createSecurityGroup(
            name: "shared", description: "shared", vpcId: nil, tags: [], dryRun: false)
        // Two connections to one file, as two `sgsh run` processes have; each adds its own 100 rules
        // in 100 separate calls, interleaving with the other's.
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            for writer in 0..<2 {
                let backend = try LocalBackend(path: path, limits: .init(rulesPerDirection: 1000))
                tasks.addTask {
                    for index in 0..<100 {
                        let permission = IPPermission(
                            ipProtocol: "tcp", fromPort: 1000 + writer, toPort: 1000 + writer,
                            ipRanges: [IPRange(cidrIp: "10.\(writer).\(index).0/24")])
                        _ = try await backend.authorize(
                            .ingress, groupId: id, permissions: [permission], tags: [], dryRun: false)
                    }
                }
            }
            try await tasks.waitForAll()
        }
        let rules = try await LocalBackend(path: path).describeSecurityGroupRules(groupId: id, ruleIds: [])
        #expect(rules.filter { !$0.isEgress && $0.fromPort == 1000 }.count == 100)
        #expect(rules.filter { !$0.isEgress && $0.fromPort == 1001 }.count == 100)
    }

    @Test func aFileThatIsNotADatabaseIsAnError() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("state.sqlite").path
        try Data("not a database, just text that is long enough to have a header".utf8).write(
            to: URL(fileURLWithPath: path))
        let error = #expect(throws: BackendError.self) { try LocalBackend(path: path) }
        #expect(error?.code == "InternalError")
    }

    @Test(arguments: [
        (["XDG_DATA_HOME": "/data", "HOME": "/home/u"], "/data/sgsh/state.sqlite"),
        (["HOME": "/home/u"], "/home/u/.local/share/sgsh/state.sqlite"),
        (["XDG_DATA_HOME": "relative", "HOME": "/home/u"], "/home/u/.local/share/sgsh/state.sqlite"),
    ])
    func defaultStatePathFollowsXDG(environment: [String: String], expected: String) {
        #expect(LocalBackend.defaultStatePath(environment: environment) == expected)
    }
}

extension LocalBackendStateFileTests {
    @Test func aFileFromANewerSgshIsRefused() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sgsh-local-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("state.sqlite").path
        _ = try LocalBackend(path: path)
        // Mark the schema as one from the future, the way a newer sgsh would leave it.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version = 99'); c.commit()",
            path,
        ]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let error = #expect(throws: BackendError.self) { try LocalBackend(path: path) }
        #expect(error?.message.contains("schema version 99") == true)
    }
}
