/// A drawing-ready picture of the capture: machines, virtual switches and bridges, the physical
/// networks, and the links between them. Every edge says whether the capture shows it
/// (`observed`: a device, a bridge port, an ARP entry, a DHCP lease) or it was deduced from
/// addressing (`inferred`), and the lines it rests on.
public struct Topology: Sendable {
    public enum NodeKind: String, Sendable {
        /// A machine that was read: host, guest or observer.
        case machine
        /// A guest known only from the host's side (a host route, a DHCP lease).
        case impliedGuest = "implied-guest"
        /// A virtual switch or bridge (vmnet8, xenbr0, virbr0, vboxnet0).
        case virtualSwitch = "switch"
        /// A physical network: the LAN the host's uplink sits on.
        case network
    }

    public struct Node: Sendable {
        public let id: String
        public let kind: NodeKind
        public let label: String
        /// Host, guest, observer for machines.
        public let role: String?
        public var details: [String]
    }

    public struct Edge: Sendable {
        public let from: String
        public let to: String
        public let label: String
        public let observed: Bool
        /// `nat` when traffic crossing it is masqueraded, `route` for a routed hop, `l2` otherwise.
        public let kind: String
        public let evidence: [Provenance]
    }

    public struct Subnet: Sendable {
        public let network: IPv4Address
        public let prefixLength: Int
        public let members: [String]
    }

    /// An L2 segment: a virtual switch or physical network and the nodes on it (edges of kind
    /// `l2` in either direction), each member observed or inferred.
    public struct Segment: Sendable {
        public let node: String
        public let members: [(node: String, observed: Bool)]
    }

    public private(set) var nodes: [Node] = []
    public private(set) var edges: [Edge] = []
    /// Node id → position in `nodes`, and the (from, to, label) of every edge: adding and finding
    /// stay constant-time with tens of thousands of machines.
    private var nodePositions: [String: Int] = [:]
    private var edgeKeys: Set<EdgeKey> = []
    /// Node id → positions in `edges` of the edges leaving it.
    private var edgesLeaving: [String: [Int]] = [:]

    private struct EdgeKey: Hashable, Sendable {
        let from, to, label: String
    }
    public var subnets: [Subnet] = []
    /// Which sides the capture saw: `host`, `guest`, `observer`.
    public var sidesSeen: [String] = []

    public func node(_ id: String) -> Node? { nodePositions[id].map { nodes[$0] } }

    /// The edges that leave `id`, in the order they were added (no scan of every edge).
    public func edges(from id: String) -> [Edge] { edgesLeaving[id]?.map { edges[$0] } ?? [] }

    /// Whether any edge, whatever its label, goes from `from` to `to`.
    public func hasEdge(from: String, to: String) -> Bool {
        edgesLeaving[from]?.contains { edges[$0].to == to } ?? false
    }

    public var segments: [Segment] {
        // Each segment's edges, gathered in one pass over the edges (in edge order).
        var edgesBySegment: [String: [Edge]] = [:]
        for node in nodes where node.kind == .virtualSwitch || node.kind == .network { edgesBySegment[node.id] = [] }
        for edge in edges where edge.kind != "nat" {
            edgesBySegment[edge.from]?.append(edge)
            if edge.to != edge.from { edgesBySegment[edge.to]?.append(edge) }
        }
        return nodes.filter { $0.kind == .virtualSwitch || $0.kind == .network }.map { segment in
            var members: [(String, Bool)] = []
            var memberPositions: [String: Int] = [:]
            for edge in edgesBySegment[segment.id] ?? [] {
                let other = edge.from == segment.id ? edge.to : edge.from
                if let index = memberPositions[other] {
                    members[index].1 = members[index].1 || edge.observed
                } else {
                    memberPositions[other] = members.count
                    members.append((other, edge.observed))
                }
            }
            return Segment(node: segment.id, members: members)
        }
    }

    mutating func addNode(_ node: Node) {
        guard nodePositions[node.id] == nil else { return }
        nodePositions[node.id] = nodes.count
        nodes.append(node)
    }

    mutating func addEdge(_ edge: Edge) {
        guard edgeKeys.insert(EdgeKey(from: edge.from, to: edge.to, label: edge.label)).inserted else { return }
        edgesLeaving[edge.from, default: []].append(edges.count)
        edges.append(edge)
    }
}
