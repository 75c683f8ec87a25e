import Foundation
import SgshModel
import Testing

@testable import SgshKit

@Suite struct StdlibTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func generatedSourcesMatchTheStdlibFolder() throws {
        let folder = Self.root.appendingPathComponent("stdlib")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sgsh") }
        var onDisk: [String: String] = [:]
        for file in files {
            onDisk[String(file.dropLast(5))] = try String(
                contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        }
        #expect(
            onDisk == StdlibSources.modules,
            "Sources/SgshKit/Stdlib/StdlibSources.swift is stale: run scripts/gen-stdlib")
        #expect(Set(onDisk.keys) == ["ports", "networks", "presets", "cis"])
    }

    @Test(arguments: ["ports", "networks", "presets", "cis"])
    func moduleChecksClean(name: String) throws {
        let interpreter = Interpreter(host: TestHost())
        let source = try #require(StdlibSources.modules[name])
        #expect(interpreter.check(source: source, name: "stdlib/\(name).sgsh") == [])
        #expect(interpreter.check(source: "use \"\(name)\"", name: "user.sgsh") == [])
    }

    func output(_ source: String) async throws -> [String] {
        let host = TestHost()
        _ = try await Interpreter(host: host).plan(source: source, name: "stdlib-user.sgsh") { host.record($0) }
        return host.transcript
    }

    @Test(arguments: [
        ("ssh", "22"), ("http", "80"), ("https", "443"), ("dns", "53"), ("postgres", "5432"), ("mysql", "3306"),
        ("redis", "6379"), ("mongodb", "27017"), ("rdp", "3389"), ("kubernetes_api", "6443"), ("etcd", "2379-2380"),
        ("web", "[80, 443]"), ("ephemeral", "1024-65535"),
    ])
    func portsNamesServices(name: String, value: String) async throws {
        #expect(try await output("use \"ports\"\nprint \(name)") == [value])
    }

    @Test(arguments: [
        ("rfc1918", "[10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]"),
        ("rfc6598", "[100.64.0.0/10]"),
        ("link_local", "[169.254.0.0/16, fe80::/10]"),
        ("loopback", "[127.0.0.0/8, ::1/128]"),
        ("documentation", "[192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32]"),
        ("private", "[10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7]"),
        ("anywhere", "[0.0.0.0/0, ::/0]"),
        ("instance_metadata", "169.254.169.254/32"),
    ])
    func networksNamesSpecialRanges(name: String, value: String) async throws {
        #expect(try await output("use \"networks\"\nprint \(name)") == [value])
    }

    @Test func networksDoNotOverlapEachOther() async throws {
        let lines = try await output(
            """
            use "networks"
            print overlaps(rfc1918, rfc6598), overlaps(private, link_local), overlaps(loopback, documentation)
            print len(aggregate(rfc1918 + rfc6598)) == 4
            """)
        #expect(lines == ["false false false", "true"])
    }

    @Test(arguments: [
        (
            "web_server(sg-0a1)",
            [
                "authorize sg-0a1 ingress: tcp 80 from 0.0.0.0/0 \"http from anywhere\", tcp 80 from ::/0 \"http from anywhere\"",
                "authorize sg-0a1 ingress: tcp 443 from 0.0.0.0/0 \"https from anywhere\", tcp 443 from ::/0 \"https from anywhere\"",
            ]
        ),
        (
            "bastion(sg-0a1, [203.0.113.0/24, 198.51.100.7])",
            [
                "authorize sg-0a1 ingress: tcp 22 from 203.0.113.0/24 \"ssh to bastion\", tcp 22 from 198.51.100.7/32 \"ssh to bastion\""
            ]
        ),
        (
            "database_tier(sg-0d2, sg-0a1, postgres)",
            ["authorize sg-0d2 ingress: tcp 5432 from sg-0a1 \"database from app tier\""]
        ),
        (
            "internal_only(sg-0a1)",
            [
                "exactly sg-0a1 ingress: all from 10.0.0.0/8 \"internal\", all from 172.16.0.0/12 \"internal\", all from 192.168.0.0/16 \"internal\", all from fc00::/7 \"internal v6\""
            ]
        ),
    ])
    func presetsPlanTheirRules(call: String, expected: [String]) async throws {
        #expect(try await output("use \"presets\"\nuse \"ports\"\n\(call)") == expected)
    }
}
