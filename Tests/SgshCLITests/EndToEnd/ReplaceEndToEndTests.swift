// Issue 16's safe replacement on the built binary against moto, checked from
// the outside with boto3: two network interfaces (one with two groups) end on
// the new group, the references from two other groups name it, the old group
// is gone, and a re-run sends nothing. A non-retryable error at each mutating
// call in turn (scripts/fault-proxy) leaves groups and interfaces as they
// began.

import Foundation
import Testing

@Suite struct ReplaceEndToEndTests {
    struct Names {
        let web, web2, db, lb, other: String
        init() {
            let suffix = MotoEndToEnd.uniqueSuffix()
            (web, web2, db, lb, other) = (
                "rp-web-\(suffix)", "rp-web2-\(suffix)", "rp-db-\(suffix)", "rp-lb-\(suffix)", "rp-other-\(suffix)"
            )
        }
        var all: [String] { [web, web2, db, lb, other] }

        var setup: String {
            """
            let web = sg create "\(web)" "web"
            let db = sg create "\(db)" "db"
            let lb = sg create "\(lb)" "lb"
            let other = sg create "\(other)" "other"
            sg $web ingress allow tcp 443 from 0.0.0.0/0 "https"
            sg $web ingress allow tcp 22 from $web "self"
            sg $web ingress allow tcp 8443 from 10.0.0.0/8 "debug" tag team="web" "sgsh:owner"="team-web"
            sg $db ingress allow tcp 5432 from $web "from web"
            sg $lb egress allow tcp 443 to $web "to web"

            """
        }

        var replace: String { "let web2 = sg (sg lookup \"\(web)\") replace with \"\(web2)\" \"web, v2\"\n" }
    }

    static func aws() throws -> [String] { ["--backend", "aws", "--endpoint-url", try MotoEndToEnd.endpoint()] }

    /// Sets the groups up with sgsh and two interfaces with boto3: [web] and [other, web]. (Not an
    /// instance's: moto reports an instance's interface with the groups the instance was launched
    /// with besides its own, and ModifyNetworkInterfaceAttribute does not change those, so the
    /// old group would still show there after a move that EC2 makes complete.)
    static func setUp(_ names: Names, in dir: TemporaryDirectory) async throws -> [String] {
        let setup = try await runSgsh(
            ["--quiet"] + (try aws()) + ["-c", names.setup], environment: MotoEndToEnd.credentials, in: dir)
        try #require(setup.status == 0, "\(setup)")
        let made = try await TeardownEndToEndTests.boto3(
            """
            def gid(name):
                return ec2.describe_security_groups(Filters=[{'Name': 'group-name', 'Values': [name]}])['SecurityGroups'][0]
            web, other = gid(sys.argv[2]), gid(sys.argv[3])
            subnet = ec2.describe_subnets(Filters=[{'Name': 'vpc-id', 'Values': [web['VpcId']]}])['Subnets'][0]['SubnetId']
            a = ec2.create_network_interface(SubnetId=subnet, Groups=[web['GroupId']], Description='one group')
            b = ec2.create_network_interface(SubnetId=subnet, Groups=[other['GroupId'], web['GroupId']], Description='two groups')
            print(a['NetworkInterface']['NetworkInterfaceId'], b['NetworkInterface']['NetworkInterfaceId'])
            """, [names.web, names.other], in: dir)
        return made.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// Each interface's groups, by name, as boto3 reads them.
    static func interfaces(_ ids: [String], in dir: TemporaryDirectory) async throws -> [String] {
        let out = try await TeardownEndToEndTests.boto3(
            """
            names = {g['GroupId']: g['GroupName'] for g in ec2.describe_security_groups()['SecurityGroups']}
            for eni in ec2.describe_network_interfaces(NetworkInterfaceIds=sys.argv[2:])['NetworkInterfaces']:
                print(eni['NetworkInterfaceId'], ','.join(names.get(g['GroupId'], g['GroupId']) for g in eni['Groups']))
            """, ids, in: dir)
        return out.split(separator: "\n").map(String.init).sorted()
    }

    /// The group's rule tags, `port key=value …` per tagged rule, as boto3 reads them. moto can
    /// answer DescribeSecurityGroupRules with a 500 while other tests change groups at the same
    /// time (it walks every group unlocked), so the read is tried again, as sgsh's client does.
    static func ruleTags(_ name: String, in dir: TemporaryDirectory) async throws -> [String] {
        let out = try await TeardownEndToEndTests.boto3(
            """
            import time
            g = ec2.describe_security_groups(Filters=[{'Name': 'group-name', 'Values': [sys.argv[2]]}])['SecurityGroups'][0]
            for attempt in range(10):
                try:
                    rules = ec2.describe_security_group_rules(Filters=[{'Name': 'group-id', 'Values': [g['GroupId']]}])
                    break
                except Exception:
                    if attempt == 9: raise
                    time.sleep(0.5)
            for r in rules['SecurityGroupRules']:
                if r.get('Tags'):
                    print(r.get('FromPort'), ' '.join(sorted(t['Key'] + '=' + t['Value'] for t in r['Tags'])))
            """, [name], in: dir)
        return out.split(separator: "\n").map(String.init).sorted()
    }

    @Test func onMotoInterfacesAndReferencesMoveAndTheOldGroupIsGone() async throws {
        let dir = try TemporaryDirectory()
        let names = Names()
        let enis = try await Self.setUp(names, in: dir)
        try #require(enis.count == 2)
        let tags = try await Self.ruleTags(names.web, in: dir)
        #expect(tags == ["8443 sgsh:owner=team-web team=web"])

        let run = try await runSgsh(
            ["--debug"] + (try Self.aws()) + ["-c", names.replace], environment: MotoEndToEnd.credentials, in: dir)
        #expect(run.status == 0, "\(run)")
        #expect(
            SavedPlanEndToEndTests.mutatingRequests(run.stderr) == [
                "CreateSecurityGroup", "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupIngress",
                "AuthorizeSecurityGroupIngress",
                "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress",
                "ModifyNetworkInterfaceAttribute", "ModifyNetworkInterfaceAttribute", "DeleteSecurityGroup",
            ], "\(run.stderr)")

        let groups = try await MotoEndToEnd.describe(names.all, in: dir)
        #expect(groups[names.web] == nil)
        #expect(groups[names.web2]?.Description == "web, v2")
        #expect(
            groups[names.web2]?.Ingress == [
                "tcp|22|22|group:\(names.web2)|self", "tcp|443|443|0.0.0.0/0|https", "tcp|8443|8443|10.0.0.0/8|debug",
            ])
        // The tagged rule keeps its tags.
        #expect(try await Self.ruleTags(names.web2, in: dir) == tags)
        #expect(groups[names.web2]?.Egress == groups[names.other]?.Egress)
        #expect(groups[names.db]?.Ingress == ["tcp|5432|5432|group:\(names.web2)|from web"])
        #expect(groups[names.lb]?.Egress.contains("tcp|443|443|group:\(names.web2)|to web") == true)
        #expect(groups[names.lb]?.Egress.contains { $0.contains(names.web) && !$0.contains(names.web2) } == false)
        let moved = try await Self.interfaces(enis, in: dir)
        #expect(
            moved == ["\(enis[0]) \(names.web2)", "\(enis[1]) \(names.other),\(names.web2)"].sorted(), "\(moved)")

        // CI runs the script again: it finds the replacement by its name and sends nothing.
        let again = try await runSgsh(
            ["--debug"] + (try Self.aws()) + ["-c", names.replace], environment: MotoEndToEnd.credentials, in: dir)
        #expect(again.status == 0, "\(again)")
        #expect(SavedPlanEndToEndTests.mutatingRequests(again.stderr) == [], "\(again.stderr)")
    }

    @Test func onMotoAFailureAtEachCallLeavesGroupsAndInterfacesAsTheyBegan() async throws {
        let dir = try TemporaryDirectory()
        let names = Names()
        let enis = try await Self.setUp(names, in: dir)
        let groups = try await MotoEndToEnd.describe(names.all, in: dir)
        let interfaces = try await Self.interfaces(enis, in: dir)
        let file = try dir.write("replace.sgsh", names.replace)
        var k = 1
        while k <= 20 {
            let proxy = try await FaultProxy(failMutatingCall: k, in: dir)
            let result = try await FaultProxyEndToEndTests.run(file, through: proxy, in: dir)
            let injected = try proxy.requests().contains { $0.fault == "fail" }
            proxy.stop()
            guard injected else {
                #expect(result.status == 0, "\(result)")
                break
            }
            #expect(result.status == 1, "k=\(k): \(result)")
            #expect(!result.stdout.contains("rollback failed"), "k=\(k): \(result)")
            if k > 1 { #expect(result.stdout.contains("every applied change was rolled back"), "k=\(k): \(result)") }
            #expect(try await MotoEndToEnd.describe(names.all, in: dir) == groups, "k=\(k): \(result)")
            #expect(try await Self.interfaces(enis, in: dir) == interfaces, "k=\(k): \(result)")
            k += 1
        }
        // Every one of the ten calls was failed in turn, and then the replacement went through.
        #expect(k == 11, "\(k - 1) calls were failed in turn")
        #expect(try await MotoEndToEnd.describe(names.all, in: dir)[names.web] == nil)
    }
}
