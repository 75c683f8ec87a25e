// Request serialization against the golden vectors (botocore's EC2Serializer
// output for every security-group operation) and against the list and
// structure cases of botocore's ec2 protocol suite.

import Foundation
import SgshEC2
import SgshModel
import Testing

@Suite struct EC2QuerySerializationTests {
    struct GoldenFile: Decodable { var cases: [GoldenCase] }
    struct GoldenCase: Decodable {
        var id: String
        var operation: String
        var params: JSONValue
        var method: String
        var url_path: String
        var headers: [String: String]
        var expected_pairs: [[String]]
        var expected_body_botocore_order: String
        var expected_body_sorted: String
    }

    static func goldenCases() throws -> [GoldenCase] {
        try Vectors.json(GoldenFile.self, "golden/ec2-sg-serialization.json").cases
    }

    @Test func goldenFileHasAllTwentySevenCases() throws {
        #expect(try Self.goldenCases().count == 27)
    }

    @Test(arguments: 0..<27)
    func goldenCaseEncodesToExpectedPairs(_ index: Int) throws {
        let all = try Self.goldenCases()
        try #require(index < all.count)
        let golden = all[index]
        let request = try Botocore.request(operation: golden.operation, params: golden.params)
        let pairs = request.parameters.map { [$0.name, $0.value] }
        // Compared as a multiset: EC2 accepts any order (the golden notes say so).
        #expect(
            pairs.sorted { $0.lexicographicallyPrecedes($1) }
                == golden.expected_pairs.sorted { $0.lexicographicallyPrecedes($1) }, "\(golden.id)")
        #expect(
            Set(request.body.split(separator: "&")) == Set(golden.expected_body_sorted.split(separator: "&")),
            "\(golden.id)")
        #expect(request.body.split(separator: "&").count == golden.expected_pairs.count, "\(golden.id)")
        // The body is written from the tree without `parameters`: the same pairs, in their order.
        let encoded = request.parameters.map {
            SigV4Signer.percentEncode($0.name, keepSlash: false) + "="
                + SigV4Signer.percentEncode($0.value, keepSlash: false)
        }
        #expect(request.body == encoded.joined(separator: "&"), "\(golden.id)")
        #expect(golden.method == "POST" && golden.url_path == "/")
        #expect(golden.headers["Content-Type"] == EC2QueryRequest.contentType)
        #expect(pairs.prefix(2) == [["Action", golden.operation], ["Version", "2016-11-15"]])
    }

    @Test func emptyListsAreOmitted() {
        let request = EC2QueryRequest.authorize(.ingress, groupId: "sg-1", permissions: [], tags: [])
        #expect(request.parameters.map(\.name) == ["Action", "Version", "GroupId"])
        let describe = EC2QueryRequest.describeSecurityGroups(
            SecurityGroupQuery(filters: [.init(name: "vpc-id", values: [])]))
        #expect(describe.parameters.map(\.name) == ["Action", "Version", "Filter.1.Name"])
    }

    @Test func modifyLeavesOutAnEmptyProtocol() {
        let request = EC2QueryRequest.modifySecurityGroupRules(
            groupId: "sg-1",
            updates: [SecurityGroupRuleUpdate(securityGroupRuleId: "sgr-1", ipProtocol: "", cidrIpv4: "10.0.0.0/8")])
        #expect(
            request.parameters.map(\.name) == [
                "Action", "Version", "GroupId", "SecurityGroupRule.1.SecurityGroupRuleId",
                "SecurityGroupRule.1.SecurityGroupRule.CidrIpv4",
            ])
    }

    @Test func tagsAndDeleteTagsFlatten() {
        let create = EC2QueryRequest.createTags(resourceIds: ["sg-1", "sg-2"], tags: [Tag(key: "a", value: "")])
        #expect(
            create.parameters.map(\.description) == [
                "Action=CreateTags", "Version=2016-11-15", "ResourceId.1=sg-1", "ResourceId.2=sg-2", "Tag.1.Key=a",
                "Tag.1.Value=",
            ])
        let delete = EC2QueryRequest.deleteTags(
            resourceIds: ["sg-1"], tags: [TagSelector(key: "a"), TagSelector(key: "b", value: "x")], dryRun: true)
        #expect(
            delete.parameters.map(\.description) == [
                "Action=DeleteTags", "Version=2016-11-15", "DryRun=true", "ResourceId.1=sg-1", "Tag.1.Key=a",
                "Tag.2.Key=b",
                "Tag.2.Value=x",
            ])
        #expect(delete.isDryRun)
    }

    @Test func settingReplacesNextToken() {
        let first = EC2QueryRequest.describeSecurityGroups(.all, maxResults: 5)
        let next = first.setting("NextToken", to: .string("t/2"))
        #expect(next.body == "Action=DescribeSecurityGroups&Version=2016-11-15&NextToken=t%2F2&MaxResults=5")
        #expect(next.setting("NextToken", to: .string("t3")).parameters.filter { $0.name == "NextToken" }.count == 1)
    }
}

/// The botocore protocol suite's ec2 input cases whose shapes are structures,
/// lists, strings, booleans and integers (the list/struct and naming cases).
/// Left out: timestamps, floats (NaN/Infinity), blobs, idempotency-token
/// autofill, content encoding and host-label endpoints, none of which the
/// security-group API uses.
@Suite struct BotocoreEC2InputTests {
    struct Suite: Decodable {
        var description: String
        var metadata: JSONValue
        var shapes: [String: JSONValue]
        var cases: [Case]
    }
    struct Case: Decodable {
        struct Given: Decodable {
            struct Input: Decodable { var shape: String }
            var name: String
            var input: Input?
        }
        struct Serialized: Decodable {
            var method: String
            var uri: String
            var body: String?
        }
        var id: String?
        var given: Given
        var params: JSONValue
        var serialized: Serialized
    }

    static let caseIds = [
        "Ec2QueryEmptyInputAndEmptyOutput", "Ec2QueryNoInputAndOutput", "Ec2NestedStructures", "Ec2Lists",
        "Ec2EmptyQueryLists", "Ec2ListArgWithXmlNameMember", "Ec2ListMemberWithXmlName", "Ec2ListNestedStructWithList",
        "Ec2SimpleInputParamsStrings", "Ec2SimpleInputParamsStringAndBooleanTrue",
        "Ec2SimpleInputParamsStringsAndBooleanFalse", "Ec2SimpleInputParamsInteger", "Ec2Enums", "Ec2Query",
        "Ec2QueryIsPreferred", "Ec2XmlNameIsUppercased",
    ]

    struct Unsupported: Error, CustomStringConvertible { let description: String }

    /// Builds the query value of `params` for `shapeName` with EC2's naming rules.
    static func value(_ params: JSONValue, shape shapeName: String, shapes: [String: JSONValue]) throws -> EC2QueryValue
    {
        guard let shape = shapes[shapeName], let type = shape["type"]?.string else {
            throw Unsupported(description: "unknown shape \(shapeName)")
        }
        switch type {
        case "structure":
            guard let given = params.object, let members = shape["members"]?.object else {
                throw Unsupported(description: "\(shapeName): expected an object")
            }
            for key in given.keys where members[key] == nil { throw Unsupported(description: "\(shapeName).\(key)") }
            // Decoded JSON has lost the model's member order; pairs are compared as a set below.
            return .structure(
                try members.keys.sorted().compactMap { name in
                    guard let member = members[name], let target = member["shape"]?.string else { return nil }
                    let key = EC2QueryValue.memberKey(
                        memberName: name, locationName: member["locationName"]?.string,
                        queryName: member["queryName"]?.string)
                    return EC2QueryValue.Member(
                        key, try given[name].map { try value($0, shape: target, shapes: shapes) })
                })
        case "list":
            guard let items = params.array, let target = shape["member"]?["shape"]?.string else {
                throw Unsupported(description: "\(shapeName): expected a list")
            }
            return .list(try items.map { try value($0, shape: target, shapes: shapes) })
        case "string":
            guard let text = params.string else { throw Unsupported(description: "\(shapeName): expected a string") }
            return .string(text)
        case "boolean":
            guard let flag = params.bool else { throw Unsupported(description: "\(shapeName): expected a boolean") }
            return .boolean(flag)
        case "integer", "long":
            guard let number = params.int else { throw Unsupported(description: "\(shapeName): expected an integer") }
            return .integer(number)
        default:
            throw Unsupported(description: "\(shapeName): type \(type) is not used by the security-group API")
        }
    }

    static func findCase(_ id: String) throws -> (Suite, Case) {
        let suites = try Vectors.json([Suite].self, "protocol/botocore/input/ec2.json")
        for suite in suites {
            if let found = suite.cases.first(where: { $0.id == id }) { return (suite, found) }
        }
        throw Unsupported(description: "case \(id) not in the suite")
    }

    @Test(arguments: caseIds)
    func botocoreCaseEncodesToExpectedBody(_ id: String) throws {
        let (suite, testCase) = try Self.findCase(id)
        var input = EC2QueryValue.structure([])
        if let shapeName = testCase.given.input?.shape {
            input = try Self.value(testCase.params, shape: shapeName, shapes: suite.shapes)
        }
        let request = EC2QueryRequest(action: testCase.given.name, input: input)
        // The suites use their own API version; swap it in to compare whole bodies.
        let version = try #require(suite.metadata["apiVersion"]?.string)
        let body = request.body.replacingOccurrences(of: "Version=\(EC2API.version)", with: "Version=\(version)")
        let expected = try #require(testCase.serialized.body)
        #expect(body.split(separator: "&").sorted() == expected.split(separator: "&").sorted(), "\(id)")
        #expect(body.split(separator: "&").prefix(2) == expected.split(separator: "&").prefix(2), "\(id)")
        #expect(testCase.serialized.method == "POST" && testCase.serialized.uri == "/")
    }
}
