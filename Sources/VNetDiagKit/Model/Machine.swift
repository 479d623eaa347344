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

/// Everything known about one machine, in the order it was read.
public struct Machine: Sendable {
    public let name: String
    public let nameSource: MachineNameSource
    /// Other names the same machine shows (prompt hosts inside a machine folder).
    public var aliases: [String] = []
    public var sections: [SectionResult] = []
    public var role: MachineRole = .unknown
    public var roleReasons: [RoleReason] = []

    public init(name: String, nameSource: MachineNameSource) {
        self.name = name
        self.nameSource = nameSource
    }

    public var records: [Record] { sections.flatMap(\.parsed.records) }

    public var interfaces: [InterfaceRecord] {
        records.compactMap { if case .interface(let record) = $0 { return record } else { return nil } }
    }
    public var routes: [RouteRecord] {
        records.compactMap { if case .route(let record) = $0 { return record } else { return nil } }
    }
    public var neighbors: [NeighborRecord] {
        records.compactMap { if case .neighbor(let record) = $0 { return record } else { return nil } }
    }
    public var bridges: [BridgeRecord] {
        records.compactMap { if case .bridge(let record) = $0 { return record } else { return nil } }
    }
    public var bridgePorts: [BridgePortRecord] {
        records.compactMap { if case .bridgePort(let record) = $0 { return record } else { return nil } }
    }
    public var firewallRules: [FirewallRuleRecord] {
        records.compactMap { if case .firewallRule(let record) = $0 { return record } else { return nil } }
    }
    public var sysctls: [SysctlRecord] {
        records.compactMap { if case .sysctl(let record) = $0 { return record } else { return nil } }
    }
    public var events: [LogEvent] {
        records.compactMap { if case .event(let event) = $0 { return event } else { return nil } }
    }
    public var hostRecords: [HostRecord] {
        records.compactMap { if case .host(let record) = $0 { return record } else { return nil } }
    }
}
