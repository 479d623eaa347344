/// A bridge and its ports, however the capture showed them.
public struct BridgeMembership: Sendable {
    public let name: String
    /// Ports once each, in the order first seen.
    public let ports: [String]
    public let stp: Bool?
    public let origin: Provenance?
}

extension BridgeMembership {
    /// Every bridge a machine shows: `brctl show`, `master br0` in `ip addr`/`ip link`,
    /// `bridge link`, or a bridge device in iproute2 output (which prints the master of every
    /// port, so a bridge nobody names as master there has no ports). Built once, by `Machine`.
    static func all(bridges: [BridgeRecord], interfaces: [InterfaceRecord], bridgePorts: [BridgePortRecord]) -> [BridgeMembership] {
        var order: [String] = []
        var ports: [String: [String]] = [:]
        var origins: [String: Provenance] = [:]
        var stp: [String: Bool] = [:]
        func note(_ bridge: String, port: String?, origin: Provenance?) {
            if ports[bridge] == nil { order.append(bridge); ports[bridge] = [] }
            if let port, !ports[bridge]!.contains(port) { ports[bridge]!.append(port) }
            if origins[bridge] == nil, let origin { origins[bridge] = origin }
        }
        for record in bridges {
            note(record.name, port: nil, origin: record.origin)
            record.ports.forEach { note(record.name, port: $0, origin: nil) }
            stp[record.name] = record.stp
        }
        for interface in interfaces {
            if let master = interface.master { note(master, port: interface.name, origin: nil) }
            if interface.state != nil, InterfaceKind.of(interface.name, linkType: interface.linkType) == "bridge" {
                note(interface.name, port: nil, origin: interface.origin)
            }
        }
        for port in bridgePorts {
            if let master = port.master { note(master, port: port.name, origin: port.origin) }
        }
        return order.map { name in
            BridgeMembership(name: name, ports: ports[name] ?? [], stp: stp[name],
                             origin: origins[name] ?? interfaces.first { $0.name == name }?.origin)
        }
    }
}

extension Machine {
    /// Whether an interface of this machine reaches the physical LAN: anything but a bridge does;
    /// a bridge does when it carries the default route or holds a physical or wireless port (or
    /// when the capture does not show its ports).
    public func reachesLAN(_ interface: InterfaceRecord) -> Bool {
        guard InterfaceKind.of(interface.name, linkType: interface.linkType) == "bridge" else { return true }
        if routes.contains(where: { $0.isDefault && $0.interface == interface.name }) { return true }
        guard let membership = bridgeMemberships.first(where: { $0.name == interface.name }) else { return true }
        return membership.ports.contains { ["physical", "wireless"].contains(InterfaceKind.of($0, linkType: nil)) }
    }
}
