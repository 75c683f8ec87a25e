// DescribeNetworkInterfaces as sgsh reads it: the request filters by
// group-id, and the answer's interface id, groups, type, requester and
// attachment come through, so a refused delete can say what uses the group.
// The body follows the EC2 API reference's example response (2016-11-15).

import Foundation
import SgshModel
import Testing

@testable import SgshEC2

@Suite struct NetworkInterfaceParsingTests {
    static let body = """
        <DescribeNetworkInterfacesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
          <requestId>fc45294c-006b-457b-bab9-012f5b3b0e40</requestId>
          <networkInterfaceSet>
            <item>
              <networkInterfaceId>eni-0f782d21</networkInterfaceId>
              <subnetId>subnet-c53c87ac</subnetId>
              <vpcId>vpc-cc3c87a5</vpcId>
              <description>web server</description>
              <ownerId>053230519467</ownerId>
              <requesterManaged>false</requesterManaged>
              <status>in-use</status>
              <interfaceType>interface</interfaceType>
              <groupSet>
                <item><groupId>sg-8ea1bce2</groupId><groupName>default</groupName></item>
                <item><groupId>sg-1a2b3c4d</groupId><groupName>web</groupName></item>
              </groupSet>
              <attachment>
                <attachmentId>eni-attach-6537fc0c</attachmentId>
                <instanceId>i-22197876</instanceId>
                <instanceOwnerId>053230519467</instanceOwnerId>
                <deviceIndex>0</deviceIndex>
                <status>attached</status>
              </attachment>
            </item>
            <item>
              <networkInterfaceId>eni-a66ed5cf</networkInterfaceId>
              <description>AWS Lambda VPC ENI-worker-1234</description>
              <requesterId>AROAEXAMPLE:worker</requesterId>
              <requesterManaged>true</requesterManaged>
              <status>in-use</status>
              <interfaceType>lambda</interfaceType>
              <groupSet><item><groupId>sg-1a2b3c4d</groupId><groupName>web</groupName></item></groupSet>
            </item>
          </networkInterfaceSet>
        </DescribeNetworkInterfacesResponse>
        """

    @Test func interfacesAndWhatTheyBelongToAreRead() throws {
        let page = try EC2Response(parsing: Array(Self.body.utf8), action: "DescribeNetworkInterfaces")
            .networkInterfacesPage()
        #expect(page.nextToken == nil)
        #expect(
            page.items == [
                NetworkInterface(
                    networkInterfaceId: "eni-0f782d21", description: "web server", interfaceType: "interface",
                    status: "in-use", groupIds: ["sg-8ea1bce2", "sg-1a2b3c4d"], attachedInstanceId: "i-22197876"),
                NetworkInterface(
                    networkInterfaceId: "eni-a66ed5cf", description: "AWS Lambda VPC ENI-worker-1234",
                    interfaceType: "lambda", status: "in-use", requesterId: "AROAEXAMPLE:worker",
                    groupIds: ["sg-1a2b3c4d"]),
            ])
        #expect(page.items[0].summary == "eni-0f782d21 (attached to i-22197876, \"web server\")")
        #expect(
            page.items[1].summary
                == "eni-a66ed5cf (lambda, managed by AROAEXAMPLE:worker, \"AWS Lambda VPC ENI-worker-1234\")")
    }

    @Test func theRequestFiltersByGroupId() {
        let request = EC2QueryRequest.describeNetworkInterfaces(
            filters: [SecurityGroupQuery.Filter(name: "group-id", values: ["sg-1", "sg-2"])], maxResults: 1000)
        #expect(request.action == "DescribeNetworkInterfaces")
        let body = request.body
        #expect(body.contains("Filter.1.Name=group-id"), "\(body)")
        #expect(body.contains("Filter.1.Value.1=sg-1") && body.contains("Filter.1.Value.2=sg-2"), "\(body)")
        #expect(body.contains("MaxResults=1000"), "\(body)")
    }

    @Test func theMoveRequestNamesEveryGroup() {
        let body = EC2QueryRequest.modifyNetworkInterfaceGroups(
            networkInterfaceId: "eni-1", groupIds: ["sg-1", "sg-2"]
        ).body
        #expect(body.contains("Action=ModifyNetworkInterfaceAttribute"), "\(body)")
        #expect(body.contains("NetworkInterfaceId=eni-1"), "\(body)")
        #expect(body.contains("SecurityGroupId.1=sg-1") && body.contains("SecurityGroupId.2=sg-2"), "\(body)")
    }

    /// On moto: an interface made with boto3 is found by its group and moved to another one.
    @Test func onMotoAnInterfaceIsFoundByGroupAndMoved() async throws {
        let (old, new) = (Moto.uniqueName("eni-old"), Moto.uniqueName("eni-new"))
        let script = """
            import sys, boto3
            ec2 = boto3.client('ec2', endpoint_url=sys.argv[1], region_name='us-east-1',
                               aws_access_key_id='testing', aws_secret_access_key='testing')
            vpc = ec2.create_vpc(CidrBlock='10.9.0.0/16')['Vpc']['VpcId']
            subnet = ec2.create_subnet(VpcId=vpc, CidrBlock='10.9.1.0/24')['Subnet']['SubnetId']
            old = ec2.create_security_group(GroupName=sys.argv[2], Description='old', VpcId=vpc)['GroupId']
            new = ec2.create_security_group(GroupName=sys.argv[3], Description='new', VpcId=vpc)['GroupId']
            eni = ec2.create_network_interface(SubnetId=subnet, Groups=[old], Description='app server')
            print(old, new, eni['NetworkInterface']['NetworkInterfaceId'])
            """
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, try Moto.endpoint(), old, new]
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let ids = String(decoding: data, as: UTF8.self).split(separator: " ").map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        try #require(ids.count == 3)
        try await Moto.withBackend { backend in
            let using = try await backend.describeNetworkInterfaces(groupIds: [ids[0]])
            #expect(using.map(\.networkInterfaceId) == [ids[2]])
            #expect(using.first?.description == "app server" && using.first?.groupIds == [ids[0]])
            try await backend.modifyNetworkInterfaceGroups(networkInterfaceId: ids[2], groupIds: [ids[1]])
            #expect(try await backend.describeNetworkInterfaces(groupIds: [ids[0]]).isEmpty)
            #expect(
                try await backend.describeNetworkInterfaces(groupIds: [ids[1]]).map(\.networkInterfaceId) == [ids[2]])
        }
    }
}
