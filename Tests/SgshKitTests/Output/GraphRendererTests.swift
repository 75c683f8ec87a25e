// `sgsh graph`'s picture as text: which nodes and edges a few groups make, in
// dot and mermaid, and the groups a change set would leave.

import SgshModel
import Testing

@testable import SgshKit

@Suite struct GraphRendererTests {
    static func rule(_ proto: IPProtocol, _ ports: PortSpec, _ peer: Peer, _ text: String? = nil) -> Rule {
        try! Rule(ipProtocol: proto, ports: ports, peer: peer, description: text)
    }
    static func tcp(_ port: Int, _ peer: Peer, _ text: String? = nil) -> Rule {
        rule(.tcp, .range(PortRange(port)!), peer, text)
    }
    static func group(_ id: String) -> Peer { .group(GroupReference(groupId: id)) }
    static let world = Peer.cidr(CIDR("0.0.0.0/0")!)
    static let office = Peer.cidr(CIDR("10.0.0.0/8")!)

    /// web: http(s) from anywhere, ssh from the office; db: postgres from web and from a group
    /// outside the graph, all egress to a prefix list.
    static let groups = [
        GroupGraph.Group(
            key: "sg-1", name: "web", id: "sg-1", ingress: [tcp(443, world), tcp(80, world), tcp(22, office)],
            egress: []),
        GroupGraph.Group(
            key: "sg-2", name: "db \"main\"", id: "sg-2",
            ingress: [tcp(5432, group("sg-1")), tcp(5432, group("sg-9"))],
            egress: [rule(.all, .none, .prefixList("pl-1a"))]),
    ]

    @Test func dotHasTheGroupsPeersAndLabelledEdges() {
        let graph = GroupGraph(groups: Self.groups, names: ["sg-9": "backup"])
        #expect(
            GraphRenderer.dot(graph) == #"""
                digraph sgsh {
                  rankdir=LR;
                  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11];
                  edge [fontname="Helvetica", fontsize=10];
                  "sg-1" [label="web\nsg-1", fillcolor="#e8f0fe", color="#1a73e8"];
                  "sg-2" [label="db \"main\"\nsg-2", fillcolor="#e8f0fe", color="#1a73e8"];
                  "0.0.0.0/0" [label="0.0.0.0/0\n(anywhere)", shape=ellipse, fillcolor="#fce8e6", color="#c62828", penwidth=2];
                  "10.0.0.0/8" [label="10.0.0.0/8", shape=ellipse, fillcolor="#fef7e0", color="#f9ab00"];
                  "pl-1a" [label="pl-1a", shape=ellipse, fillcolor="#e6f4ea", color="#188038"];
                  "sg-9" [label="backup\nsg-9", fillcolor="#f1f3f4", color="#5f6368", style="rounded,filled,dashed"];
                  "0.0.0.0/0" -> "sg-1" [label="tcp 80, 443", color="#c62828"];
                  "10.0.0.0/8" -> "sg-1" [label="tcp 22"];
                  "sg-1" -> "sg-2" [label="tcp 5432"];
                  "sg-9" -> "sg-2" [label="tcp 5432"];
                  "sg-2" -> "pl-1a" [label="all", style=dashed, constraint=false];
                }

                """#)
    }

    @Test func mermaidHasTheSameGraphWithEscapedLabels() {
        let graph = GroupGraph(groups: Self.groups, names: ["sg-9": "backup"])
        #expect(
            GraphRenderer.mermaid(graph) == """
                flowchart LR
                  n0["web<br/>sg-1"]:::group
                  n1["db #quot;main#quot;<br/>sg-2"]:::group
                  n2(["0.0.0.0/0<br/>(anywhere)"]):::world
                  n3(["10.0.0.0/8"]):::cidr
                  n4(["pl-1a"]):::prefixList
                  n5["backup<br/>sg-9"]:::otherGroup
                  n2 -->|"tcp 80, 443"| n0
                  n3 -->|"tcp 22"| n0
                  n0 -->|"tcp 5432"| n1
                  n5 -->|"tcp 5432"| n1
                  n1 -.->|"all"| n4
                  classDef group fill:#e8f0fe,stroke:#1a73e8
                  classDef otherGroup fill:#f1f3f4,stroke:#5f6368,stroke-dasharray:4
                  classDef cidr fill:#fef7e0,stroke:#f9ab00
                  classDef world fill:#fce8e6,stroke:#c62828,stroke-width:2px
                  classDef prefixList fill:#e6f4ea,stroke:#188038

                """)
    }

    @Test func edgeLabelsGroupPortsByProtocol() {
        let rules = [
            Self.tcp(443, Self.world), Self.rule(.udp, .range(PortRange(53)!), Self.world), Self.tcp(80, Self.world),
            Self.rule(.icmp, .icmp(ICMPSpec(type: 3)!), Self.world),
        ]
        // In the order rules sort: by protocol number.
        #expect(GroupGraph.label(of: rules) == ["icmp destination-unreachable", "tcp 80, 443", "udp 53"])
    }

    /// The planned graph: live rules the change set removes are gone, those it adds are there,
    /// a created group has EC2's default egress and is named as a peer, a deleted group is gone.
    @Test func aPlannedGraphIsTheLiveStateWithTheChangesApplied() {
        let live = [
            SecurityGroup(
                groupId: "sg-1", groupName: "web", description: "web",
                ipPermissions: IPPermission.grouping([Self.tcp(22, Self.world), Self.tcp(443, Self.world)])),
            SecurityGroup(groupId: "sg-3", groupName: "old", description: "old"),
        ]
        let lb = CreatedGroup(placeholder: 1, name: "lb", description: "lb", vpcId: nil)
        let changes = ChangeSet(
            creations: [GroupCreation(group: lb)],
            ruleChanges: [
                RuleChange(
                    group: .id("sg-1"), direction: .ingress,
                    additions: [RuleBatch(rules: [Self.tcp(8080, .group(lb.peerReference))])],
                    removed: [Self.tcp(22, Self.world, "ssh")]),
                RuleChange(
                    group: .created(lb), direction: .ingress, additions: [RuleBatch(rules: [Self.tcp(443, Self.world)])]
                ),
            ],
            deletions: [GroupDeletion(group: .id("sg-3"))])
        let planned = GroupGraph.planned(changes, live: live)
        let graph = GroupGraph(groups: planned.groups, names: planned.names)
        #expect(graph.nodes.map(\.key) == ["new-1", "sg-1", "0.0.0.0/0"])
        #expect(graph.nodes[0].label == ["lb", "(new)"])
        #expect(
            graph.edges.map { "\($0.from) -> \($0.to) \($0.direction): \($0.label)" } == [
                "0.0.0.0/0 -> new-1 ingress: [\"tcp 443\"]",
                "new-1 -> 0.0.0.0/0 egress: [\"all\"]",
                "0.0.0.0/0 -> sg-1 ingress: [\"tcp 443\"]",
                "new-1 -> sg-1 ingress: [\"tcp 8080\"]",
            ])
    }
}
