// Issue 17, "check = what EC2 will accept": a table of scripts EC2 would refuse
// at apply time (or that would drop what they say), each refused by `sgsh check`
// with a positioned diagnostic, and each request that reaches EC2 tried on the
// local backend and on moto to show what the service does with it.
//
// moto is laxer than EC2 in many rows (it takes `sg-` names, apostrophes,
// `aws:` tag keys…). Those rows say so and cite docs/EC2-FACTS.md (the design
// facts, /work/shared/design/EC2-FACTS.md §3) or the EC2 API reference; the
// local backend implements the documented rules and refuses them all.

import Foundation
import SgshLocal
import SgshModel
import SgshTestSupport
import Testing

@Suite(.serialized) struct EC2AcceptanceTableTests {
    /// The request a row's script would make, sent as it is to a backend.
    enum Probe: Sendable {
        case create(name: String, description: String)
        case tag(key: String, value: String)
        /// `peer` is `cidr`, `group` or `prefix-list`.
        case rule(peer: String, cidr: String, description: String?)
        /// One authorize with the same rule twice, with different descriptions.
        case ruleTwice(String, String)
        /// Only the language sees it (no request could carry it).
        case language
    }

    struct Row: Sendable, CustomStringConvertible {
        let name: String
        let script: String
        /// `LINE:COL: error: MESSAGE-PREFIX` that `sgsh check` must print for the row's file.
        let expected: String
        let probe: Probe
        /// The EC2 error code the local backend answers (nil: not applicable).
        let local: String?
        /// What moto answers: an error code, or "accepted" where moto is laxer than EC2.
        let moto: String?
        var description: String { name }
    }

    static let long256 = String(repeating: "w", count: 256)
    static let rows: [Row] = [
        // Group names: EC2-FACTS §3, "up to 255 characters; can't start with sg-; valid characters
        // a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*". moto checks none of this.
        create("name-sg-prefix", "sg-web", "2:21: error: group name 'sg-web' starts with 'sg-'", "accepted"),
        create("name-sg-prefix-upper", "SG-web", "2:21: error: group name 'SG-web' starts with 'sg-'", "accepted"),
        create("name-empty", "", "2:21: error: a group name cannot be empty", "accepted", local: "MissingParameter"),
        create("name-256", long256, "2:21: error: group name is 256 characters", "accepted"),
        create("name-accent", "café", "2:21: error: group name contains 'é'", "accepted"),
        create("name-cjk", "日本", "2:21: error: group name contains '日'", "accepted"),
        create("name-emoji", "web🔥", "2:21: error: group name contains '🔥'", "accepted"),
        create("name-apostrophe", "web's", "2:21: error: group name contains an apostrophe", "accepted"),
        create("name-pipe", "web|db", "2:21: error: group name contains '|'", "accepted"),
        create("name-percent", "100%", "2:21: error: group name contains '%'", "accepted"),
        create("name-quote", "web\\\"x", "2:21: error: group name contains '\"'", "accepted"),
        create("name-tab", "web\\tdb", "2:21: error: group name contains '\\u{9}'", "accepted"),
        create("name-lt", "a<b", "2:21: error: group name contains '<'", "accepted"),
        create("name-backslash", "a\\\\b", "2:21: error: group name contains '\\'", "accepted"),
        // Group descriptions: the same set, required (moto does check that one).
        describe(
            "desc-empty", "", "2:27: error: a group description cannot be empty", "MissingParameter", "MissingParameter"
        ),
        describe("desc-apostrophe", "it's", "2:27: error: description contains an apostrophe", "accepted"),
        describe("desc-256", long256, "2:27: error: description is 256 characters", "accepted"),
        describe("desc-accent", "naïve", "2:27: error: description contains 'ï'", "accepted"),
        describe("desc-tab", "a\\tb", "2:27: error: description contains '\\u{9}'", "accepted"),
        describe("desc-lt", "a<b", "2:27: error: description contains '<'", "accepted"),
        describe("desc-percent", "100%", "2:27: error: description contains '%'", "accepted"),
        describe("desc-newline", "a\\nb", "2:27: error: description contains '\\u{a}'", "accepted"),
        // Rule descriptions: EC2-FACTS §3; `&` only for IP ranges (UserIdGroupPair and PrefixListId
        // descriptions omit it in the EC2 model and the VPC guide).
        rule("rule-desc-apostrophe", "cidr", "it's", "error: description contains an apostrophe", "accepted"),
        rule("rule-desc-accent", "cidr", "résumé", "error: description contains 'é'", "accepted"),
        rule("rule-desc-256", "cidr", long256, "error: description is 256 characters", "accepted"),
        rule("rule-desc-pipe", "cidr", "a|b", "error: description contains '|'", "accepted"),
        rule("rule-desc-quote-group", "group", "db's", "error: description contains an apostrophe", "accepted"),
        rule(
            "rule-desc-amp-group", "group", "app & db", "error: description contains '&', which EC2 allows only",
            "accepted"),
        rule(
            "rule-desc-amp-pl", "prefix-list", "s3 & dynamo", "error: description contains '&', which EC2 allows only",
            "accepted"),
        // Tags: EC2 API reference `Tag`: "May not begin with aws:"; keys 1-128, values 0-256
        // (EC2 answers "Tag keys starting with 'aws:' are reserved for internal use"). moto takes them all.
        tag(
            "tag-aws", "\"aws:owner\"=\"ops\"", "aws:owner", "ops",
            "2:13: error: tag key 'aws:owner' starts with 'aws:'", "accepted"),
        tag(
            "tag-AWS", "\"AWS:owner\"=\"ops\"", "AWS:owner", "ops",
            "2:13: error: tag key 'AWS:owner' starts with 'aws:'", "accepted"),
        tag("tag-Aws", "\"Aws:x\"=1", "Aws:x", "1", "2:13: error: tag key 'Aws:x' starts with 'aws:'", "accepted"),
        tag("tag-empty-key", "\"\"=1", "", "1", "2:13: error: a tag key cannot be empty", "accepted"),
        tag(
            "tag-key-129", "\"\(String(repeating: "k", count: 129))\"=1", String(repeating: "k", count: 129), "1",
            "2:13: error: tag key is 129 characters", "accepted"),
        tag(
            "tag-value-257", "k=\"\(String(repeating: "v", count: 257))\"", "k", String(repeating: "v", count: 257),
            "2:15: error: the value of tag 'k' is 257 characters", "accepted"),
        // CIDRs: no leading zeros in any octet or prefix (moto and the local backend refuse them).
        cidr("cidr-octet-zero", "010.0.0.0/8", "has leading zeros", "InvalidParameterValue"),
        cidr("cidr-inner-zero", "10.00.0.0/16", "has leading zeros", "InvalidParameterValue"),
        cidr("cidr-prefix-zero", "10.0.0.0/08", "has leading zeros", "InvalidParameterValue"),
        cidr("cidr-prefix-zeros", "10.0.0.0/008", "has leading zeros", "InvalidParameterValue"),
        // Nothing the script says is dropped: EC2 refuses the same rule twice in one call.
        Row(
            name: "block-same-rule-two-descriptions",
            script: "let web = sg-0abc123\nsg $web ingress {\n  allow tcp 22 from 10.0.0.0/8 \"a\"\n"
                + "  allow tcp 22 from 10.0.0.0/8 \"b\"\n}\n",
            expected: "4:3: error: this rule is already in the block with another description",
            probe: .ruleTwice("a", "b"), local: "InvalidPermission.Duplicate", moto: "InvalidPermission.Duplicate"),
        // The language's own rules: nothing a backend could see.
        language(
            "revoke-in-exactly", "sg $web ingress exactly {\n  revoke tcp 22 from 0.0.0.0/0\n}",
            "3:3: error: 'revoke' cannot appear in an 'exactly' block"),
        language(
            "rule-before-exactly",
            "sg $web egress allow tcp 443 to 0.0.0.0/0\nsg $web egress exactly {\n  allow tcp 80 to 0.0.0.0/0\n}",
            "2:1: error: this rule is replaced by a later 'egress exactly' block"),
        language(
            "tag-twice", "sg $web tag env=\"prod\" env=\"dev\"", "2:24: error: tag 'env' is given twice"),
        language("dryrun-late", "print 1\ndryrun on", "3:1: error: 'dryrun' must be the first statement"),
        language(
            "dryrun-in-function", "def f() {\n  dryrun on\n}", "3:3: error: 'dryrun' cannot be inside a block"),
        // (The CLI names modules by their full paths: the chain is checked in the diagnostics goldens.)
        language("import-cycle", "use \"cycle-a.sgsh\"", "2:5: error: import cycle: "),
    ]

    // MARK: - Row builders

    static func create(_ name: String, _ group: String, _ expected: String, _ moto: String, local: String? = nil)
        -> Row
    {
        Row(
            name: name, script: "let web = sg-0abc123\nlet new = sg create \"\(group)\" \"web tier\"\n",
            expected: expected, probe: .create(name: unescape(group), description: "web tier"),
            local: local ?? "InvalidParameterValue", moto: moto)
    }

    static func describe(_ name: String, _ text: String, _ expected: String, _ moto: String, _ local: String? = nil)
        -> Row
    {
        Row(
            name: name, script: "let web = sg-0abc123\nlet new = sg create \"web\" \"\(text)\"\n",
            expected: expected, probe: .create(name: "desc-probe", description: unescape(text)),
            local: local ?? "InvalidParameterValue", moto: moto)
    }

    static func rule(_ name: String, _ peer: String, _ text: String, _ expected: String, _ moto: String) -> Row {
        let written = ["cidr": "10.0.0.0/8", "group": "sg-0def456", "prefix-list": "pl-0abc123"][peer]!
        return Row(
            name: name, script: "let web = sg-0abc123\nsg $web ingress allow tcp 22 from \(written) \"\(text)\"\n",
            expected: "2:\(36 + written.count): " + expected,
            probe: .rule(peer: peer, cidr: "10.0.0.0/8", description: unescape(text)),
            local: "InvalidParameterValue", moto: moto)
    }

    static func tag(
        _ name: String, _ written: String, _ key: String, _ value: String, _ expected: String, _ moto: String
    ) -> Row {
        Row(
            name: name, script: "let web = sg-0abc123\nsg $web tag \(written)\n", expected: expected,
            probe: .tag(key: key, value: value), local: "InvalidParameterValue", moto: moto)
    }

    static func cidr(_ name: String, _ text: String, _ expected: String, _ moto: String) -> Row {
        Row(
            name: name, script: "let web = sg-0abc123\nsg $web ingress allow tcp 22 from \(text)\n",
            expected: "2:35: error: '\(text)' " + expected,
            probe: .rule(peer: "cidr", cidr: text, description: nil), local: "InvalidParameterValue", moto: moto)
    }

    static func language(_ name: String, _ body: String, _ expected: String) -> Row {
        Row(
            name: name, script: "let web = sg-0abc123\n\(body)\n", expected: expected, probe: .language, local: nil,
            moto: nil)
    }

    /// The text a script's string literal stands for (the escapes the table uses).
    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\\\", with: "\u{0}").replacingOccurrences(of: "\\\"", with: "\"")
            .replacingOccurrences(of: "\\t", with: "\t").replacingOccurrences(of: "\\n", with: "\n")
            .replacingOccurrences(of: "\u{0}", with: "\\")
    }

    // MARK: - sgsh check

    @Test func theTableHasAtLeastFortyInputs() {
        #expect(Self.rows.count >= 40)
        #expect(Set(Self.rows.map(\.name)).count == Self.rows.count)
    }

    /// One `sgsh check` over every row's file: each gets its positioned error, and exit 2.
    @Test func checkRefusesEveryRowWithAPositionedDiagnostic() async throws {
        let dir = try TemporaryDirectory()
        _ = try dir.write("cycle-a.sgsh", "use \"cycle-b.sgsh\"\nlet a = 1\n")
        _ = try dir.write("cycle-b.sgsh", "use \"cycle-a.sgsh\"\nlet b = 1\n")
        var files: [String] = []
        for row in Self.rows { files.append(try dir.write("\(row.name).sgsh", row.script)) }
        let result = try await runSgsh(["check"] + files.map { URL(fileURLWithPath: $0).lastPathComponent }, in: dir)
        #expect(result.status == 2)
        for row in Self.rows {
            #expect(result.stderr.contains("\(row.name).sgsh:\(row.expected)"), "\(row.name): \(result.stderr)")
        }
    }

    // MARK: - The local backend

    @Test(arguments: rows.filter { $0.local != nil })
    func theLocalBackendRefusesTheRequestAsEC2Does(_ row: Row) async throws {
        let local = LocalBackend.inMemory()
        let outcome = try await Self.send(row.probe, to: local)
        #expect(outcome == row.local, "\(row.name)")
    }

    /// The request on a backend: "accepted", or the error code it answered.
    static func send(_ probe: Probe, to backend: LocalBackend) async throws -> String? {
        do {
            switch probe {
            case .create(let name, let description):
                _ = try await backend.createSecurityGroup(
                    name: name, description: description, vpcId: nil, tags: [], dryRun: false)
            case .tag(let key, let value):
                let id = try await backend.createSecurityGroup(
                    name: "tagged", description: "d", vpcId: nil, tags: [], dryRun: false)
                try await backend.createTags(resourceIds: [id], tags: [Tag(key: key, value: value)], dryRun: false)
            case .rule(let peer, let cidr, let description):
                let id = try await backend.createSecurityGroup(
                    name: "ruled", description: "d", vpcId: nil, tags: [], dryRun: false)
                var permission = IPPermission(ipProtocol: "tcp", fromPort: 22, toPort: 22)
                switch peer {
                case "group": permission.userIdGroupPairs = [UserIdGroupPair(groupId: id, description: description)]
                case "prefix-list":
                    permission.prefixListIds = [PrefixListID(prefixListId: "pl-0abc123", description: description)]
                default: permission.ipRanges = [IPRange(cidrIp: cidr, description: description)]
                }
                _ = try await backend.authorize(
                    .ingress, groupId: id, permissions: [permission], tags: [], dryRun: false)
            case .ruleTwice(let first, let second):
                let id = try await backend.createSecurityGroup(
                    name: "twice", description: "d", vpcId: nil, tags: [], dryRun: false)
                let permissions = [first, second].map {
                    IPPermission(
                        ipProtocol: "tcp", fromPort: 22, toPort: 22,
                        ipRanges: [IPRange(cidrIp: "10.0.0.0/8", description: $0)])
                }
                _ = try await backend.authorize(
                    .ingress, groupId: id, permissions: permissions, tags: [], dryRun: false)
            case .language:
                return nil
            }
            return "accepted"
        } catch let error as BackendError {
            return error.code
        }
    }

    // MARK: - moto

    /// Sends each row's request to moto with boto3 (not sgsh's client) and prints what moto said.
    static let motoProbe = #"""
        import json, sys, uuid, boto3
        ec2 = boto3.client("ec2", endpoint_url=sys.argv[1], region_name="us-east-1")
        out = {}
        def group(stem):
            return ec2.create_security_group(GroupName=stem + "-" + uuid.uuid4().hex[:8], Description="d")["GroupId"]
        for row in json.load(sys.stdin):
            p = row["probe"]
            try:
                if p["kind"] == "create":
                    name = p["name"] if p["name"] != "desc-probe" else "desc-probe-" + uuid.uuid4().hex[:8]
                    ec2.create_security_group(GroupName=name, Description=p["description"])
                elif p["kind"] == "tag":
                    ec2.create_tags(Resources=[group("tagged")], Tags=[{"Key": p["key"], "Value": p["value"]}])
                elif p["kind"] == "rule":
                    gid = group("ruled")
                    perm = {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22}
                    desc = {"Description": p["description"]} if p.get("description") is not None else {}
                    if p["peer"] == "group":
                        perm["UserIdGroupPairs"] = [dict(GroupId=gid, **desc)]
                    elif p["peer"] == "prefix-list":
                        pl = ec2.create_managed_prefix_list(
                            PrefixListName="pl-" + uuid.uuid4().hex[:8], MaxEntries=5, AddressFamily="IPv4")
                        perm["PrefixListIds"] = [dict(PrefixListId=pl["PrefixList"]["PrefixListId"], **desc)]
                    else:
                        perm["IpRanges"] = [dict(CidrIp=p["cidr"], **desc)]
                    ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=[perm])
                elif p["kind"] == "twice":
                    perms = [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                              "IpRanges": [{"CidrIp": "10.0.0.0/8", "Description": d}]} for d in p["descriptions"]]
                    ec2.authorize_security_group_ingress(GroupId=group("twice"), IpPermissions=perms)
                out[row["name"]] = "accepted"
            except Exception as e:
                out[row["name"]] = getattr(e, "response", {}).get("Error", {}).get("Code") or repr(e)[:80]
        print(json.dumps(out))
        """#

    static func probeJSON(_ probe: Probe) -> [String: Any]? {
        switch probe {
        case .create(let name, let description): ["kind": "create", "name": name, "description": description]
        case .tag(let key, let value): ["kind": "tag", "key": key, "value": value]
        case .rule(let peer, let cidr, let description):
            ["kind": "rule", "peer": peer, "cidr": cidr, "description": description as Any? ?? NSNull()]
        case .ruleTwice(let first, let second): ["kind": "twice", "descriptions": [first, second]]
        case .language: nil
        }
    }

    @Test func motoAnswersEachRequestAsTheTableSays() async throws {
        let rows = Self.rows.filter { $0.moto != nil }
        let input = rows.compactMap { row in Self.probeJSON(row.probe).map { ["name": row.name, "probe": $0] } }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: input), as: UTF8.self)
        let dir = try TemporaryDirectory()
        let environment = MotoEndToEnd.credentials.merging(MotoEndToEnd.pythonEnvironment) { $1 }
        let result = try await startProcess(
            "/usr/bin/env", ["python3", "-c", Self.motoProbe, try MotoEndToEnd.endpoint()], stdin: json,
            environment: environment, in: dir
        ).finished()
        try #require(result.status == 0, "\(result)")
        let answers = try JSONDecoder().decode([String: String].self, from: Data(result.stdout.utf8))
        for row in rows {
            #expect(answers[row.name] == row.moto, "\(row.name): moto said \(answers[row.name] ?? "nothing")")
        }
    }
}
