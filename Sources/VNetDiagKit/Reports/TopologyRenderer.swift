/// Draws a topology as text (a tree per host), Graphviz DOT or Mermaid. Observed links are solid,
/// inferred ones dashed; NAT links say NAT.
public enum TopologyRenderer {
    public static func text(_ topology: Topology, language: ReportLanguage = .en) -> String {
        var lines: [String] = []
        var printed: Set<String> = []
        let byFrom = Dictionary(grouping: topology.edges, by: \.from)
        let byTo = Dictionary(grouping: topology.edges, by: \.to)
        func name(_ id: String) -> String {
            guard let node = topology.node(id) else { return id }
            switch node.kind {
            case .machine:
                let role = node.role.flatMap(MachineRole.init(rawValue:)).map { ReportPhrases.of(language).roleName($0, language) }
                return "\(node.label) (\(role ?? "?"))"
            case .impliedGuest: return node.label
            case .virtualSwitch: return "[\(node.label)\(node.details.first.map { " " + $0 } ?? "")]"
            case .network: return "{LAN \(node.label)}"
            }
        }
        func link(_ edge: Topology.Edge) -> String {
            let line = edge.observed ? "──" : "┄┄"
            guard edge.kind == "nat" else { return "\(line) \(edge.label) \(line)" }
            return edge.label == "NAT" ? "\(line)NAT\(line)▶" : "\(line)NAT \(edge.label)\(line)▶"
        }
        let roots = topology.nodes.filter { $0.kind == .machine && $0.role == "host" } + topology.nodes.filter { $0.kind == .machine && $0.role != "host" }
        for root in roots where !printed.contains(root.id) {
            printed.insert(root.id)
            lines.append(name(root.id))
            let children = byFrom[root.id] ?? []
            for (index, edge) in children.enumerated() {
                let last = index == children.count - 1
                lines.append("\(last ? "└" : "├")\(link(edge)) \(name(edge.to))")
                let indent = last ? "    " : "│   "
                // What hangs below a switch: guests pointing at it, links it makes onwards.
                let below = (byTo[edge.to] ?? []).filter { $0.from != root.id }.map { ($0.from, $0) }
                    + (byFrom[edge.to] ?? []).map { ($0.to, $0) }
                for (other, subEdge) in below where topology.node(edge.to)?.kind == .virtualSwitch {
                    lines.append("\(indent)└\(link(subEdge)) \(name(other))")
                    printed.insert(other)
                }
            }
        }
        if !topology.subnets.isEmpty {
            lines.append("")
            for subnet in topology.subnets {
                lines.append("\(subnet.network)/\(subnet.prefixLength): \(subnet.members.joined(separator: ", "))")
            }
        }
        return lines.joined(separator: "\n")
    }

    public static func dot(_ topology: Topology) -> String {
        var lines = ["digraph vnetdiag {", "  rankdir=LR;", "  node [fontname=\"Helvetica\"];", "  edge [fontname=\"Helvetica\", fontsize=10];"]
        for node in topology.nodes {
            let shape: String
            switch node.kind {
            case .machine: shape = node.role == "host" ? "box, style=bold" : "box"
            case .impliedGuest: shape = "box, style=dashed"
            case .virtualSwitch: shape = "ellipse"
            case .network: shape = "note"
            }
            let label = ([node.label + (node.role.map { node.kind == .machine ? "\\n(\($0))" : "" } ?? "")] + node.details).joined(separator: "\\n")
            lines.append("  \(quoted(node.id)) [label=\(quoted(label)), shape=\(shape)];")
        }
        for edge in topology.edges {
            let label = edge.kind == "nat" && edge.label != "NAT" ? "NAT\\n" + edge.label : edge.label
            var attributes = ["label=\(quoted(label))"]
            if !edge.observed { attributes.append("style=dashed") }
            if edge.kind == "nat" { attributes.append("color=red") }
            lines.append("  \(quoted(edge.from)) -> \(quoted(edge.to)) [\(attributes.joined(separator: ", "))];")
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    public static func mermaid(_ topology: Topology) -> String {
        var ids: [String: String] = [:]
        for (index, node) in topology.nodes.enumerated() { ids[node.id] = "n\(index)" }
        var lines = ["flowchart LR"]
        for node in topology.nodes {
            let text = mermaidText(([node.label] + node.details).joined(separator: "<br/>"))
            let id = ids[node.id]!
            switch node.kind {
            case .machine: lines.append("  \(id)[\"\(text)\"]")
            case .impliedGuest: lines.append("  \(id)([\"\(text)\"])")
            case .virtualSwitch: lines.append("  \(id){{\"\(text)\"}}")
            case .network: lines.append("  \(id)((\"\(text)\"))")
            }
        }
        for edge in topology.edges {
            guard let from = ids[edge.from], let to = ids[edge.to] else { continue }
            let label = mermaidText(edge.kind == "nat" ? "NAT" : edge.label)
            lines.append("  \(from) \(edge.observed ? "-->" : "-.->")|\"\(label)\"| \(to)")
        }
        return lines.joined(separator: "\n")
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\\\\n", with: "\\n") + "\""
    }

    static func mermaidText(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "#quot;").replacingOccurrences(of: "|", with: "#124;")
    }
}
