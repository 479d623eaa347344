/// A typed record read from one section, with the lines it came from.
public indirect enum Record: Sendable {
    case interface(InterfaceRecord)
    case route(RouteRecord)
    case neighbor(NeighborRecord)
    case bridge(BridgeRecord)
    case bridgePort(BridgePortRecord)
    case firewallChain(FirewallChainRecord)
    case firewallRule(FirewallRuleRecord)
    case sysctl(SysctlRecord)
    case host(HostRecord)
    case event(LogEvent)

    public var origin: Provenance {
        switch self {
        case .interface(let record): return record.origin
        case .route(let record): return record.origin
        case .neighbor(let record): return record.origin
        case .bridge(let record): return record.origin
        case .bridgePort(let record): return record.origin
        case .firewallChain(let record): return record.origin
        case .firewallRule(let record): return record.origin
        case .sysctl(let record): return record.origin
        case .host(let record): return record.origin
        case .event(let event): return Provenance(source: event.origin.source, firstLine: event.origin.line, lastLine: event.origin.line)
        }
    }
}

public struct IPv4Assignment: Sendable, Equatable {
    public var address: HostToken
    public var netmask: IPv4Address?
    public var broadcast: IPv4Address?
    public var peer: IPv4Address?
    /// iproute2 scope (`global`, `link`, `host`) and label (`eth0:1`).
    public var scope: String?
    public var label: String?
    /// iproute2 address flags: `secondary`, `dynamic`, `noprefixroute`, `tentative`, `dadfailed`...
    public var flags: [String] = []
    /// Windows' state after the address: `Preferred`, `Duplicate`, `Tentative` (also localized).
    public var state: String?

    public init(address: HostToken, netmask: IPv4Address? = nil, broadcast: IPv4Address? = nil, peer: IPv4Address? = nil) {
        self.address = address
        self.netmask = netmask
        self.broadcast = broadcast
        self.peer = peer
    }
}

public struct IPv6Assignment: Sendable, Equatable {
    public var address: String
    public var prefixLength: Int?
    /// The scope word as printed and translated back to English (`Link`, `Host`, `Global`, `link`).
    public var scope: String?
    /// The numeric scope id of the new layout (`0x20`).
    public var scopeID: String?
    /// The zone after `%` (`fe80::1%lo0`, Windows `%14`).
    public var zone: String?
    public var flags: [String] = []

    public init(address: String, prefixLength: Int?, scope: String?, scopeID: String? = nil) {
        self.address = address
        self.prefixLength = prefixLength
        self.scope = scope
        self.scopeID = scopeID
    }
}

/// Each counter is kept in eight bytes (`AbsentAsMin`): an interface record's box of counters is
/// half the size it was with `Int?`, and thousands of records are that many fewer pages.
public struct InterfaceCounters: Sendable, Equatable, EmptyInitializable {
    @AbsentAsMin public var rxPackets: Int?
    @AbsentAsMin public var rxErrors: Int?
    @AbsentAsMin public var rxDropped: Int?
    @AbsentAsMin public var rxOverruns: Int?
    @AbsentAsMin public var rxFrame: Int?
    @AbsentAsMin public var txPackets: Int?
    @AbsentAsMin public var txErrors: Int?
    @AbsentAsMin public var txDropped: Int?
    @AbsentAsMin public var txOverruns: Int?
    @AbsentAsMin public var txCarrier: Int?
    @AbsentAsMin public var collisions: Int?
    @AbsentAsMin public var txQueueLength: Int?
    @AbsentAsMin public var rxBytes: Int?
    @AbsentAsMin public var txBytes: Int?

    public init() {}
}

/// One interface block of `ifconfig` (old, new or BSD layout).
@dynamicMemberLookup
public struct InterfaceRecord: Sendable {
    public var name: String
    public var origin: Provenance
    /// Numeric kernel flags of the new layout (`flags=4163`).
    public var flagsValue: Int?
    /// Flag words in English (`UP`, `BROADCAST`, ...), translated from localised output.
    public var flags: [String] = []
    /// Flag words exactly as printed (`ACTIVO`, `DIFUSIÓN`), for the old layout.
    public var flagsAsWritten: [String] = []
    public var mtu: Int?
    public var metric: Int?
    /// Hardware type title (`Ethernet`, `Local Loopback`), translated back to English.
    public var linkType: String?
    public var mac: MACAddress?
    /// The hardware address exactly as printed (case kept; also tunnels' long forms and redactions).
    public var hardwareAddressText: String?
    public var ipv4: [IPv4Assignment] = []
    public var ipv6: [IPv6Assignment] = []
    @LazyBox public var counters: InterfaceCounters
    /// The block was rebuilt across damage (continuation lines found after a break).
    public var reconstructed = false
    /// Old-layout names are cut to 9 characters; a 9-character name may be truncated.
    public var nameMayBeTruncated = false
    /// Fields of other platforms and tools, boxed: most records leave them empty.
    @LazyBox public var details: InterfaceDetails
    /// Which `ifconfig` layout printed the block: `old`, `new` or `bsd`.
    public var layout: String?

    public init(name: String, origin: Provenance) {
        self.name = name
        self.origin = origin
    }
}

public enum AddressFamily: String, Sendable {
    case inet, inet6
}

/// One row of a routing table (`route -n`, `netstat -rn`, `/proc/net/route`, `route -6`).
public struct RouteRecord: Sendable {
    public var family: AddressFamily = .inet
    /// IPv4: an address, `default` or a host name; IPv6: `prefix/len` text.
    public var destination: HostToken
    public var gateway: HostToken?
    public var genmask: IPv4Address?
    /// Route flag letters as printed (`UG`, `UH`, `!n`).
    public var flags: String?
    public var metric: Int?
    public var ref: Int?
    public var use: Int?
    public var interface: String?
    public var mss: Int?
    public var window: Int?
    public var irtt: Int?
    public var mtu: Int?
    /// iproute2: route type when not unicast (`unreachable`, `blackhole`, `local`...), `proto`,
    /// `scope`, `src`, and flag words (`linkdown`, `onlink`).
    public var type: String?
    public var protocolName: String?
    public var scope: String?
    public var source: IPv4Address?
    public var options: [String] = []
    /// Windows `route print`: a persistent route.
    public var persistent = false
    /// The destination exactly as written (`10.0.2.0/24`, `default`, `192.168.0.100`).
    public var destinationText: String?
    /// BSD `netstat -r` Expire column (`!`, seconds).
    public var expire: String?
    public var origin: Provenance

    public init(destination: HostToken, origin: Provenance) {
        self.destination = destination
        self.origin = origin
    }

    public var isDefault: Bool {
        if case .name(let name) = destination, name == "default" { return true }
        return destination.address == IPv4Address(0) && (genmask == nil || genmask == IPv4Address(0))
    }

    public var isReject: Bool { flags?.contains("!") ?? false }
}

/// Completeness of a neighbour (ARP) entry.
public enum NeighborState: String, Sendable {
    case complete, incomplete, permanent, published
}

/// One ARP/neighbour entry (`/proc/net/arp`, `arp -n`, `arp -a`).
public struct NeighborRecord: Sendable {
    public var address: HostToken
    /// Resolved name in `arp -a` (`gateway (192.168.71.2)`); nil for `?`.
    public var name: String?
    public var hardwareType: String?
    public var mac: MACAddress?
    /// The hardware address exactly as printed (also `<incomplete>` and redactions).
    public var hardwareAddressText: String?
    /// `arp -n` flag letters (`C`, `CM`) or `/proc/net/arp` hex flags (`0x2`).
    public var flags: String?
    public var mask: String?
    public var interface: String?
    public var state: NeighborState
    public var permanent: Bool?
    public var expires: Int?
    /// iproute2 neighbour state as printed (`REACHABLE`, `STALE`, `FAILED`...) and the `router` flag.
    public var nudState: String?
    public var router: Bool?
    public var origin: Provenance

    public init(address: HostToken, state: NeighborState, origin: Provenance) {
        self.address = address
        self.state = state
        self.origin = origin
    }
}
