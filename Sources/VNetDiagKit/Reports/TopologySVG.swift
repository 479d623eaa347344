/// The topology as an inline SVG with no external renderer: networks on top, hosts, their virtual
/// switches, then guests; dashed edges are inferred, solid ones observed.
public enum TopologySVG {
    static let boxWidth = 170, boxHeight = 44, columnGap = 24, rowGap = 56

    public static func render(_ topology: Topology) -> String {
        func row(_ node: Topology.Node) -> Int {
            switch node.kind {
            case .network: return 0
            case .virtualSwitch: return 2
            case .impliedGuest: return 3
            case .machine: return node.role == "host" ? 1 : (node.role == "guest" ? 3 : 4)
            }
        }
        let rows = Dictionary(grouping: topology.nodes, by: row).sorted { $0.key < $1.key }.map(\.value)
        guard !rows.isEmpty else { return "" }
        let widest = rows.map(\.count).max() ?? 1
        let width = widest * (boxWidth + columnGap) + columnGap
        var position: [String: (x: Int, y: Int)] = [:]
        for (rowIndex, nodes) in rows.enumerated() {
            let rowWidth = nodes.count * (boxWidth + columnGap) - columnGap
            let start = (width - rowWidth) / 2
            for (column, node) in nodes.enumerated() {
                position[node.id] = (start + column * (boxWidth + columnGap), columnGap + rowIndex * (boxHeight + rowGap))
            }
        }
        let height = columnGap * 2 + rows.count * (boxHeight + rowGap) - rowGap
        var out = ["<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"topology\">"]
        for edge in topology.edges {
            guard let from = position[edge.from], let to = position[edge.to] else { continue }
            let dash = edge.observed ? "" : " stroke-dasharray=\"5 4\""
            out.append("<line x1=\"\(from.x + boxWidth / 2)\" y1=\"\(from.y + boxHeight / 2)\" x2=\"\(to.x + boxWidth / 2)\" y2=\"\(to.y + boxHeight / 2)\" stroke=\"#6b7a90\" stroke-width=\"1.5\"\(dash)/>")
        }
        for node in topology.nodes {
            guard let at = position[node.id] else { continue }
            let fill = ["network": "#e8f0fe", "switch": "#fef7e0", "implied-guest": "#f1f3f4", "machine": node.role == "host" ? "#e6f4ea" : "#fce8e6"][node.kind.rawValue] ?? "#fff"
            out.append("<g><rect x=\"\(at.x)\" y=\"\(at.y)\" width=\"\(boxWidth)\" height=\"\(boxHeight)\" rx=\"6\" fill=\"\(fill)\" stroke=\"#5f6b7a\"/>")
            out.append("<text x=\"\(at.x + boxWidth / 2)\" y=\"\(at.y + 18)\" text-anchor=\"middle\" font-size=\"13\" font-family=\"sans-serif\">\(MarkupText.escaped(short(node.label)))</text>")
            let detail = node.details.first ?? node.role ?? node.kind.rawValue
            out.append("<text x=\"\(at.x + boxWidth / 2)\" y=\"\(at.y + 35)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#4a5261\" font-family=\"sans-serif\">\(MarkupText.escaped(short(detail)))</text></g>")
        }
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    static func short(_ text: String) -> String { text.count > 24 ? String(text.prefix(23)) + "…" : text }
}
