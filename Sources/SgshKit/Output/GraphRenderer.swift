// Draws a GroupGraph as Graphviz dot or Mermaid flowchart text. Ingress edges
// are solid (peer → group), egress edges dashed (group → peer) and left out
// of the layout's ranking, so the picture reads from the sources on the left
// to the groups they reach; the world (0.0.0.0/0, ::/0) is red.

/// Graphviz and Mermaid text for a GroupGraph.
public enum GraphRenderer {
    /// A Graphviz `digraph`.
    public static func dot(_ graph: GroupGraph) -> String {
        var out = """
            digraph sgsh {
              rankdir=LR;
              node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11];
              edge [fontname="Helvetica", fontsize=10];

            """
        for node in graph.nodes {
            out +=
                "  \(dotQuoted(node.key)) [label=\(dotQuoted(node.label.joined(separator: "\n"))), \(dotStyle(node.kind))];\n"
        }
        let worlds = Set(graph.nodes.filter { $0.kind == .world }.map(\.key))
        for edge in graph.edges {
            var attributes = ["label=\(dotQuoted(edge.label.joined(separator: "\n")))"]
            if edge.direction == .egress { attributes += ["style=dashed", "constraint=false"] }
            if edge.direction == .ingress, worlds.contains(edge.from) { attributes.append("color=\"#c62828\"") }
            out += "  \(dotQuoted(edge.from)) -> \(dotQuoted(edge.to)) [\(attributes.joined(separator: ", "))];\n"
        }
        return out + "}\n"
    }

    /// A Mermaid `flowchart`.
    public static func mermaid(_ graph: GroupGraph) -> String {
        var ids: [String: String] = [:]
        for (index, node) in graph.nodes.enumerated() { ids[node.key] = "n\(index)" }
        var out = "flowchart LR\n"
        for node in graph.nodes {
            let label = mermaidQuoted(node.label.joined(separator: "<br/>"))
            let shape = node.kind == .group || node.kind == .otherGroup ? "[\(label)]" : "([\(label)])"
            out += "  \(ids[node.key]!)\(shape):::\(className(node.kind))\n"
        }
        for edge in graph.edges {
            let arrow = edge.direction == .ingress ? "-->" : "-.->"
            let label = mermaidQuoted(edge.label.joined(separator: "<br/>"))
            out += "  \(ids[edge.from]!) \(arrow)|\(label)| \(ids[edge.to]!)\n"
        }
        out += """
              classDef group fill:#e8f0fe,stroke:#1a73e8
              classDef otherGroup fill:#f1f3f4,stroke:#5f6368,stroke-dasharray:4
              classDef cidr fill:#fef7e0,stroke:#f9ab00
              classDef world fill:#fce8e6,stroke:#c62828,stroke-width:2px
              classDef prefixList fill:#e6f4ea,stroke:#188038

            """
        return out
    }

    static func dotStyle(_ kind: GroupGraph.Kind) -> String {
        switch kind {
        case .group: "fillcolor=\"#e8f0fe\", color=\"#1a73e8\""
        case .otherGroup: "fillcolor=\"#f1f3f4\", color=\"#5f6368\", style=\"rounded,filled,dashed\""
        case .cidr: "shape=ellipse, fillcolor=\"#fef7e0\", color=\"#f9ab00\""
        case .world: "shape=ellipse, fillcolor=\"#fce8e6\", color=\"#c62828\", penwidth=2"
        case .prefixList: "shape=ellipse, fillcolor=\"#e6f4ea\", color=\"#188038\""
        }
    }

    static func className(_ kind: GroupGraph.Kind) -> String {
        switch kind {
        case .group: "group"
        case .otherGroup: "otherGroup"
        case .cidr: "cidr"
        case .world: "world"
        case .prefixList: "prefixList"
        }
    }

    /// A dot string: `"` and `\` escaped, a newline as dot's centred line break.
    static func dotQuoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }

    /// A Mermaid label in quotes; a `"` inside becomes the entity Mermaid reads as one.
    static func mermaidQuoted(_ text: String) -> String {
        "\"" + text.map { $0 == "\"" ? "#quot;" : String($0) }.joined() + "\""
    }
}
