/// How a machine got its name: the folder its files sit in, the host name of its prompts,
/// the file it was read from, or content that showed a second machine in one paste.
public enum MachineNameSource: String, Sendable {
    case folder, prompt, file, content
}

/// What a machine is in the capture.
public enum MachineRole: String, Sendable {
    /// Runs the hypervisor: bridges, vif/vmnet/virbr/vboxnet devices, a DHCP server for guests, NAT.
    case host
    /// A virtual machine: virtual NIC vendor prefix, a guest folder name, a DHCP client.
    case guest
    /// Neither, but sees them (an ARP table holding the host's or a guest's addresses).
    case observer
    /// Nothing in the capture tells.
    case unknown
}

/// One reason for a role, with the lines it rests on (none for a folder name).
public struct RoleReason: Sendable {
    public let role: MachineRole
    public let weight: Int
    public let message: LocalizedText
    public let origin: Provenance?
}

/// Everything known about one machine, in the order it was read. The records are sorted by kind
/// once, here: later stages ask for a machine's interfaces or routes inside loops.
public struct Machine: Sendable {
    public let name: String
    public let nameSource: MachineNameSource
    /// Other names the same machine shows (prompt hosts inside a machine folder).
    public let aliases: [String]
    public let sections: [SectionResult]
    public var role: MachineRole = .unknown
    public var roleReasons: [RoleReason] = []

    public let interfaces: [InterfaceRecord]
    public let routes: [RouteRecord]
    public let neighbors: [NeighborRecord]
    public let bridges: [BridgeRecord]
    public let bridgePorts: [BridgePortRecord]
    public let firewallRules: [FirewallRuleRecord]
    public let firewallChains: [FirewallChainRecord]
    public let sysctls: [SysctlRecord]
    public let events: [LogEvent]
    public let hostRecords: [HostRecord]
    /// `interfaces` with each name once: a paste often holds both `ifconfig` and `ip addr`, and a
    /// check must not see virbr0 twice (the first shown is kept; its lines are the evidence).
    public let distinctInterfaces: [InterfaceRecord]
    /// Each bridge with its ports, however the capture showed them.
    public let bridgeMemberships: [BridgeMembership]

    public init(name: String, nameSource: MachineNameSource, aliases: [String] = [], sections: [SectionResult]) {
        self.name = name
        self.nameSource = nameSource
        self.aliases = aliases
        self.sections = sections
        var interfaces: [InterfaceRecord] = [], routes: [RouteRecord] = [], neighbors: [NeighborRecord] = []
        var bridges: [BridgeRecord] = [], bridgePorts: [BridgePortRecord] = [], firewallRules: [FirewallRuleRecord] = []
        var sysctls: [SysctlRecord] = [], events: [LogEvent] = [], hostRecords: [HostRecord] = []
        var firewallChains: [FirewallChainRecord] = []
        for section in sections {
            for record in section.parsed.records {
                switch record {
                case .interface(let record): interfaces.append(record)
                case .route(let record): routes.append(record)
                case .neighbor(let record): neighbors.append(record)
                case .bridge(let record): bridges.append(record)
                case .bridgePort(let record): bridgePorts.append(record)
                case .firewallRule(let record): firewallRules.append(record)
                case .sysctl(let record): sysctls.append(record)
                case .event(let event): events.append(event)
                case .host(let record): hostRecords.append(record)
                case .firewallChain(let record): firewallChains.append(record)
                }
            }
        }
        (self.interfaces, self.routes, self.neighbors) = (interfaces, routes, neighbors)
        (self.bridges, self.bridgePorts, self.firewallRules) = (bridges, bridgePorts, firewallRules)
        (self.sysctls, self.events, self.hostRecords) = (sysctls, events, hostRecords)
        self.firewallChains = firewallChains
        var seen: Set<String> = []
        distinctInterfaces = interfaces.filter { seen.insert($0.name).inserted }
        bridgeMemberships = BridgeMembership.all(bridges: bridges, interfaces: interfaces, bridgePorts: bridgePorts)
    }
}
