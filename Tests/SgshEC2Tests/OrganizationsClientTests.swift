// The AWS JSON 1.1 protocol as Organizations speaks it (X-Amz-Target, JSON
// bodies, `__type` errors), ListAccounts' pagination, where Organizations
// is, and DescribeRegions' answer — against a recording transport.

import Foundation
import Logging
import SgshEC2
import Testing

@Suite struct OrganizationsClientTests {
    static let keys = AWSCredentials(accessKeyId: "AKIDORGTEST", secretAccessKey: "org-secret-canary")

    static func client(_ transport: RecordingTransport) -> OrganizationsClient {
        OrganizationsClient(
            client: AWSJSONClient(
                service: .organizations, region: "us-east-1", endpoint: "https://organizations.us-east-1.amazonaws.com",
                credentials: .fixed(keys), transport: transport, executor: RetryingExecutor(sleep: { _ in }),
                logger: Logger(label: "test"), now: { Date(timeIntervalSince1970: 1_700_000_000) }))
    }

    static func json(_ status: Int, _ text: String, headers: [(name: String, value: String)] = [])
        -> HTTPTransportResponse
    {
        HTTPTransportResponse(status: status, headers: headers, body: Array(text.utf8))
    }

    static func body(_ request: HTTPTransportRequest) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
    }

    @Test func listAccountsFollowsNextTokenAndSignsAJSONRequest() async throws {
        let transport = RecordingTransport(responses: [
            Self.json(
                200,
                #"{"Accounts":[{"Id":"111111111111","Name":"management","Status":"ACTIVE","JoinedTimestamp":1.7E9},{"Id":"222222222222","Name":"old","Status":"SUSPENDED"}],"NextToken":"page-2"}"#
            ),
            Self.json(200, #"{"Accounts":[{"Id":"333333333333","Name":"member","Status":"ACTIVE"}]}"#),
        ])
        let accounts = try await Self.client(transport).listAccounts()
        #expect(accounts.map(\.id) == ["111111111111", "222222222222", "333333333333"])
        #expect(accounts.filter(\.isActive).map(\.name) == ["management", "member"])

        let requests = transport.requests
        #expect(requests.count == 2)
        let first = try #require(requests.first)
        #expect(first.method == "POST")
        #expect(first.url == "https://organizations.us-east-1.amazonaws.com/")
        #expect(first.header("X-Amz-Target") == "AWSOrganizationsV20161128.ListAccounts")
        #expect(first.header("Content-Type") == "application/x-amz-json-1.1")
        let authorization = try #require(first.header("Authorization"))
        #expect(authorization.contains("Credential=AKIDORGTEST/20231114/us-east-1/organizations/aws4_request"))
        #expect(authorization.contains("x-amz-target"))
        #expect(Self.body(first)["NextToken"] == nil)
        #expect(Self.body(requests[1])["NextToken"] as? String == "page-2")
    }

    @Test func aRepeatedNextTokenEndsThePagingInsteadOfLooping() async throws {
        let transport = RecordingTransport(responses: [
            Self.json(200, #"{"Accounts":[{"Id":"111111111111","Status":"ACTIVE"}],"NextToken":"same"}"#)
        ])
        let accounts = try await Self.client(transport).listAccounts()
        #expect(transport.requests.count == 2)
        #expect(accounts.count == 2)
    }

    @Test func aJSONErrorKeepsItsCodeAndMessageAndIsNotRetried() async throws {
        let transport = RecordingTransport(responses: [
            Self.json(
                400,
                #"{"__type":"com.amazonaws.organizations.v20161128#AWSOrganizationsNotInUseException","Message":"Your account is not a member of an organization."}"#
            )
        ])
        await #expect(throws: EC2Error.self) { try await Self.client(transport).listAccounts() }
        do {
            _ = try await Self.client(transport).listAccounts()
        } catch let error as EC2Error {
            #expect(error.code == "AWSOrganizationsNotInUseException")
            #expect(error.message == "Your account is not a member of an organization.")
            #expect(error.httpStatus == 400)
        }
        #expect(transport.requests.count == 2)
    }

    @Test func throttlingNamedInTheErrorTypeHeaderIsRetried() async throws {
        let transport = RecordingTransport(responses: [
            Self.json(
                400, #"{"message":"Rate exceeded"}"#,
                headers: [(name: "x-amzn-ErrorType", value: "TooManyRequestsException:http://internal.amazon.com/")]),
            Self.json(200, #"{"Accounts":[]}"#),
        ])
        let accounts = try await Self.client(transport).listAccounts()
        #expect(accounts.isEmpty)
        #expect(transport.requests.count == 2)
    }

    @Test func theEndpointIsTheOverrideOrTheGlobalOne() throws {
        func resolve(_ environment: [String: String], region: String = "eu-west-1") throws -> OrganizationsEndpoint {
            OrganizationsEndpoint.resolve(
                try EC2Configuration.resolve(
                    environment: ["AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b", "AWS_REGION": region]
                        .merging(environment) { $1 }, fileSystem: .files([:])))
        }
        #expect(
            try resolve([:])
                == OrganizationsEndpoint(
                    url: "https://organizations.us-east-1.amazonaws.com/", signingRegion: "us-east-1"))
        #expect(try resolve([:], region: "cn-north-1").url == "https://organizations.cn-northwest-1.amazonaws.com.cn/")
        #expect(try resolve(["AWS_ENDPOINT_URL": "http://127.0.0.1:5000"]).url == "http://127.0.0.1:5000/")
        #expect(
            try resolve([
                "AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "AWS_ENDPOINT_URL_ORGANIZATIONS": "http://127.0.0.1:6000",
            ]).url == "http://127.0.0.1:6000/")
    }

    @Test func theRoleOfAnAccountIsNamedInItsPartition() {
        #expect(
            AccountRoleCredentialProvider.roleArn(account: "111111111111", roleName: "Audit", region: "eu-west-1")
                == "arn:aws:iam::111111111111:role/Audit")
        #expect(
            AccountRoleCredentialProvider.roleArn(account: "111111111111", roleName: "Audit", region: "cn-north-1")
                == "arn:aws-cn:iam::111111111111:role/Audit")
        #expect(
            AccountRoleCredentialProvider.roleArn(account: "111111111111", roleName: "a/b", region: "us-gov-west-1")
                == "arn:aws-us-gov:iam::111111111111:role/a/b")
    }

    @Test func describeRegionsGivesTheEnabledRegionNames() async throws {
        let transport = RecordingTransport(responses: [
            RecordingTransport.ok(
                "DescribeRegions",
                "<regionInfo><item><regionName>us-east-1</regionName><regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item><item><regionName>eu-west-1</regionName></item></regionInfo>"
            )
        ])
        let backend = EC2Backend(
            configuration: EC2Configuration(credentials: Self.keys, region: "us-east-1"), transport: transport)
        #expect(try await backend.enabledRegions() == ["eu-west-1", "us-east-1"])
        #expect(transport.requests.first?.formPairs["Action"] == "DescribeRegions")
        #expect(transport.requests.first?.formPairs["AllRegions"] == nil)
    }
}
