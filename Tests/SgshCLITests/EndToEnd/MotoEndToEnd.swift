// The moto_server the end-to-end tests run `sgsh --backend aws` against, and
// boto3 as an independent reader of what sgsh did there.
//
// scripts/test starts moto_server on 127.0.0.1 and exports SGSH_MOTO_ENDPOINT;
// without it these tests FAIL (never skip), saying how to run them. moto's state
// is shared by every test of the run, so each test names its groups with a
// random suffix and only ever reads those groups back.

import Foundation
import SgshTestSupport
import Testing

enum MotoEndToEnd {
    struct ReaderFailed: Error, CustomStringConvertible {
        let result: ProcessResult
        var description: String { "the boto3 reader failed: \(result)" }
    }

    /// The moto endpoint; never anything but loopback.
    static func endpoint() throws -> String { try MotoEndpoint.required() }

    /// The line every report on moto starts with: what it acted on (the endpoint as sgsh
    /// normalizes it, with a trailing slash).
    static func reportHeader() throws -> String {
        "Backend: aws (region us-east-1, endpoint \(try endpoint())/)\n"
    }

    /// A suffix no other test uses.
    static func uniqueSuffix() -> String { String(UUID().uuidString.prefix(8).lowercased()) }

    /// Dummy credentials and region, as a user would export them, and more attempts than the
    /// default 3: moto answers HTTP 500 when a group is created or deleted while it lists rules
    /// (its DescribeSecurityGroupRules iterates the account's dictionaries unlocked), which the
    /// suite's concurrent tests provoke; EC2 has no such fault. A test about attempts sets its own.
    static let credentials = [
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
        "AWS_MAX_ATTEMPTS": "8",
    ]

    /// The parent's pyenv settings, so `python3` finds the interpreter that has boto3.
    static var pythonEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("PYENV") }
    }

    /// Reads the named groups with boto3 and prints, per name, the description,
    /// tags and rules, one line per peer: `tcp|80|80|0.0.0.0/0|public web`; a
    /// group peer is written `group:NAME` when it is one of the named groups.
    static let reader = #"""
        import json, os, sys, boto3
        endpoint, names = sys.argv[1], sys.argv[2:]
        ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name=os.environ["AWS_REGION"])
        groups = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": names}])["SecurityGroups"]
        by_id = {g["GroupId"]: g["GroupName"] for g in groups}
        def rules(perms):
            out = []
            for p in perms:
                head = [p["IpProtocol"], str(p.get("FromPort", "")), str(p.get("ToPort", ""))]
                for r in p.get("IpRanges", []): out.append(head + [r["CidrIp"], r.get("Description", "")])
                for r in p.get("Ipv6Ranges", []): out.append(head + [r["CidrIpv6"], r.get("Description", "")])
                for r in p.get("PrefixListIds", []): out.append(head + [r["PrefixListId"], r.get("Description", "")])
                for r in p.get("UserIdGroupPairs", []):
                    peer = "group:" + by_id[r["GroupId"]] if r["GroupId"] in by_id else r["GroupId"]
                    out.append(head + [peer, r.get("Description", "")])
            return sorted("|".join(r) for r in out)
        result = {}
        for g in groups:
            result[g["GroupName"]] = {
                "Description": g["Description"],
                "Tags": {t["Key"]: t["Value"] for t in g.get("Tags", [])},
                "Ingress": rules(g["IpPermissions"]),
                "Egress": rules(g["IpPermissionsEgress"]),
            }
        print(json.dumps(result, sort_keys=True))
        """#

    /// A group as boto3 sees it.
    struct Group: Decodable, Equatable {
        var Description: String
        var Tags: [String: String]
        var Ingress: [String]
        var Egress: [String]
    }

    /// The named groups, read with boto3 (not sgsh).
    /// - Parameter credentials: whose account and region (`AWS_REGION`) to read.
    static func describe(
        _ names: [String], in dir: TemporaryDirectory, credentials: [String: String] = credentials
    ) async throws -> [String: Group] {
        let environment = credentials.merging(pythonEnvironment) { $1 }
        let result = try await startProcess(
            "/usr/bin/env", ["python3", "-c", reader, try endpoint()] + names, environment: environment, in: dir
        ).finished()
        guard result.status == 0 else { throw ReaderFailed(result: result) }
        return try JSONDecoder().decode([String: Group].self, from: Data(result.stdout.utf8))
    }
}
