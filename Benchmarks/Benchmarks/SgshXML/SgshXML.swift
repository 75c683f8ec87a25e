// Decoding EC2's XML answers in process (SgshEC2's XMLReader and response
// decoders): wall clock, instructions and allocations. A target of its own:
// it links the AWS client (SwiftNIO, async-http-client, BoringSSL), which
// the language stages do not need.

import Benchmark
import SgshEC2

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .instructions, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(2), maxIterations: 50)

    Benchmark("XML decoding: DescribeSecurityGroups, 17 groups × 60 rules") { benchmark in
        for _ in benchmark.scaledIterations {
            let response = try EC2Response(parsing: Inputs.describeXML, action: "DescribeSecurityGroups")
            blackHole(response.securityGroupsPage().items.count)
        }
    }
}

enum Inputs {
    /// What EC2 (and moto) answer for 17 groups of 60 ingress rules each.
    static let describeXML: [UInt8] = {
        var xml =
            #"<DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId><securityGroupInfo>"#
        for g in 0..<17 {
            xml += "<item><ownerId>123456789012</ownerId><groupId>sg-\(g)</groupId><groupName>bench-\(g)</groupName>"
            xml += "<groupDescription>bench</groupDescription><vpcId>vpc-1</vpcId><ipPermissions>"
            for i in 0..<60 {
                xml += "<item><ipProtocol>tcp</ipProtocol><fromPort>443</fromPort><toPort>443</toPort><groups/>"
                xml +=
                    "<ipRanges><item><cidrIp>10.\(g).\(i).0/24</cidrIp><description>bench</description></item></ipRanges>"
                xml += "<ipv6Ranges/><prefixListIds/></item>"
            }
            xml += "</ipPermissions><ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><groups/><ipRanges><item>"
            xml +=
                "<cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item></ipPermissionsEgress>"
            xml += "<tagSet/></item>"
        }
        return Array((xml + "</securityGroupInfo></DescribeSecurityGroupsResponse>").utf8)
    }()
}
