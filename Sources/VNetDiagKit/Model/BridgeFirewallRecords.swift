/// A bridge from `brctl show`.
public struct BridgeRecord: Sendable {
    public var name: String
    public var id: String?
    public var stp: Bool?
    public var ports: [String] = []
    public var origin: Provenance

    public init(name: String, origin: Provenance) {
        self.name = name
        self.origin = origin
    }
}

/// A bridge port from `bridge link`.
public struct BridgePortRecord: Sendable {
    public var name: String
    public var index: Int?
    public var peer: String?
    public var flags: [String] = []
    public var mtu: Int?
    public var master: String?
    /// STP state: `forwarding`, `disabled`, `listening`, `learning`, `blocking`.
    public var state: String?
    public var priority: Int?
    public var cost: Int?
    public var origin: Provenance

    public init(name: String, origin: Provenance) {
        self.name = name
        self.origin = origin
    }
}

/// A chain of an iptables table, with its policy (built-in chains) or reference count.
public struct FirewallChainRecord: Sendable {
    public var table: String
    public var name: String
    public var policy: String?
    public var references: Int?
    public var packets: String?
    public var bytes: String?
    public var origin: Provenance

    public init(table: String, name: String, origin: Provenance) {
        self.table = table
        self.name = name
        self.origin = origin
    }
}

/// One iptables rule, from `iptables -L` or `iptables-save`/`-S`.
public struct FirewallRuleRecord: Sendable {
    public var table: String
    public var chain: String
    public var target: String?
    public var protocolName: String?
    public var source: String?
    public var destination: String?
    public var inInterface: String?
    public var outInterface: String?
    /// Everything else the rule says, as printed (`tcp dpt:2222 to:192.168.122.50:22`).
    public var options: String?
    public var packets: String?
    public var bytes: String?
    public var origin: Provenance

    public init(table: String, chain: String, origin: Provenance) {
        self.table = table
        self.chain = chain
        self.origin = origin
    }
}

/// A kernel setting: `net.ipv4.ip_forward = 1`, `/proc/sys/net/ipv4/conf/eth0/proxy_arp:1`.
public struct SysctlRecord: Sendable {
    public var key: String
    public var value: String
    public var origin: Provenance

    public init(key: String, value: String, origin: Provenance) {
        self.key = key
        self.value = value
        self.origin = origin
    }
}

/// Machine-wide facts a command prints about itself (Windows `ipconfig /all`'s first block).
public struct HostRecord: Sendable {
    public var hostName: String?
    public var ipRoutingEnabled: Bool?
    public var nodeType: String?
    /// `host`, `guest` or `observer`, as the user declared it to `vnetdiag collect --role`.
    public var declaredRole: String?
    public var origin: Provenance

    public init(origin: Provenance) {
        self.origin = origin
    }
}
