// The one writer of sgsh source: rules, strings and stored rules as the language spells them.

import SgshKit
import SgshLocal
import SgshModel
import Testing

@Suite struct SourceWriterTests {
    static let https = PortSpec.range(PortRange(443)!)
    static let echo = PortSpec.icmp(ICMPSpec(type: 8)!)

    @Test(
        arguments: [
            (IPProtocol.tcp, https, "0.0.0.0/0", Direction.ingress, "https", "tcp 443 from 0.0.0.0/0 \"https\""),
            (.tcp, PortSpec.range(.all), "::/0", .egress, nil, "tcp all to ::/0"),
            (
                .udp, PortSpec.range(PortRange(from: 8000, to: 8080)!), "10.0.0.0/8", .ingress, nil,
                "udp 8000-8080 from 10.0.0.0/8"
            ),
            (.icmp, echo, "10.0.0.0/8", .ingress, nil, "icmp echo-request from 10.0.0.0/8"),
            (.icmpv6, PortSpec.icmp(ICMPSpec(type: 128)!), "::/0", .ingress, nil, "icmpv6 echo-request from ::/0"),
            (
                .icmp, PortSpec.icmp(ICMPSpec(type: 3, code: 4)!), "10.0.0.0/8", .ingress, nil,
                "icmp 3:4 from 10.0.0.0/8"
            ),
            (.all, PortSpec.none, "10.0.0.0/8", .egress, "cost $5", "all to 10.0.0.0/8 \"cost \\$5\""),
            (
                .tcp, PortSpec.range(PortRange(0)!), "255.255.255.255", .ingress, "x",
                "tcp 0 from 255.255.255.255/32 \"x\""
            ),
            (
                .udp, PortSpec.range(PortRange(from: 9, to: 65535)!), "100.64.0.0/10", .egress, "",
                "udp 9-65535 to 100.64.0.0/10 \"\""
            ),
        ] as [(IPProtocol, PortSpec, String, Direction, String?, String)])
    func printsAsTheLanguageWritesIt(
        proto: IPProtocol, ports: PortSpec, cidr: String, direction: Direction, description: String?, text: String
    ) throws {
        let rule = try Rule(ipProtocol: proto, ports: ports, peer: .cidr(CIDR(parsing: cidr)), description: description)
        #expect(SourceWriter.rule(rule, direction) == text)
    }

    @Test func groupPeersPrintWithTheirAccount() throws {
        let peer = Peer.group(GroupReference(groupId: "sg-0def", userId: "123456789012"))
        let rule = try Rule(ipProtocol: .tcp, ports: Self.https, peer: peer)
        #expect(SourceWriter.rule(rule, .ingress) == "tcp 443 from 123456789012/sg-0def")
    }
    @Test(arguments: [("https", "\"https\""), ("cost $5", "\"cost \\$5\""), ("a\"b\\c", "\"a\\\"b\\\\c\"")])
    func quotesAsAnSgshString(text: String, quoted: String) {
        #expect(SourceWriter.quoted(text) == quoted)
    }

    @Test func quotesControlCharactersAsEscapes() {
        #expect(SourceWriter.quoted("a\nb\tc") == "\"a\\nb\\tc\"")
    }

    @Test func storedRuleKeepsWhatEC2StoredSoCheckCanPointAtIt() {
        let permission = IPPermission(
            ipProtocol: "tcp", fromPort: 22, toPort: 22, ipRanges: [IPRange(cidrIp: "10.0.0.1/8", description: "ssh")])
        #expect(SourceWriter.storedRule(permission, .ingress) == "tcp 22 from 10.0.0.1/8 \"ssh\"")
    }
}

/// What the REPL's `:plan` lists after an entry is applied: the changes as statements with
/// the real ids, which `check` accepts.
@Suite struct AppliedStatementsTests {
    @Test func anAppliedReportIsWrittenAsStatementsThatCheck() async throws {
        let backend = LocalBackend.inMemory()
        let script = """
            let web = sg create "web" "web tier"
            sg $web ingress allow tcp 443 from 0.0.0.0/0 "https"
            sg $web egress revoke all to 0.0.0.0/0
            sg $web tag "env"="prod"
            """
        let interpreter = Interpreter(host: TestHost(backend: backend))
        let result = try await interpreter.run(source: script, name: "entry", backend: backend)
        #expect(result.report.succeeded)
        let id = try #require(
            try await backend.describeSecurityGroups(SecurityGroupQuery()).first { $0.groupName == "web" }
        )
        .groupId
        let lines = SourceWriter.statements(applied: result.report)
        #expect(
            lines == [
                "sg create \"web\" \"web tier\"  # \(id)",
                "sg \(id) ingress allow tcp 443 from 0.0.0.0/0 \"https\"",
                "sg \(id) egress revoke all to 0.0.0.0/0",
                "sg \(id) tag \"env\"=\"prod\"",
            ])
        #expect(interpreter.check(source: lines.joined(separator: "\n"), name: "saved").isEmpty)
    }
}
