/// The fields of an interface that only some tools print: `ifconfig`'s old hardware lines,
/// iproute2's attributes, Windows adapter details, BSD media lines. Kept in a `LazyBox` on
/// `InterfaceRecord` and reached through its dynamic member subscript, so code reads
/// `record.state` as before.
public struct InterfaceDetails: Sendable, EmptyInitializable {
    public var interrupt: Int?
    public var baseAddress: String?
    public var memory: String?
    /// iproute2: interface index, operational state (`UP`, `DOWN`, `UNKNOWN`, `LOWERLAYERDOWN`),
    /// bridge or bond master, the `@peer` part of the name (`if5`, `eth0`), the peer's namespace,
    /// alternative names, queueing discipline.
    public var index: Int?
    public var state: String?
    public var master: String?
    public var peer: String?
    public var linkNetns: String?
    public var altNames: [String] = []
    public var qdisc: String?
    /// Windows: adapter description, DHCP, gateways, DHCP and DNS servers.
    public var description: String?
    public var dhcpEnabled: Bool?
    public var gateways: [HostToken] = []
    public var dhcpServer: HostToken?
    public var dnsServers: [String] = []
    /// BSD/macOS: `status: active`, bridge `member:` interfaces, and every other attribute line
    /// as printed (`options`, `nd6 options`, `media`, `hwaddr`, `plugged`, `vendor`, `lane 1`...).
    public var mediaStatus: String?
    public var members: [String] = []
    public var attributes: [(key: String, value: String)] = []

    public init() {}
}

extension InterfaceRecord {
    /// `record.state`, `record.members.append(...)`: the boxed details read like stored fields.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<InterfaceDetails, Value>) -> Value {
        get { details[keyPath: keyPath] }
        _modify { yield &details[keyPath: keyPath] }
    }
}
