/// An address a host shows towards its guests (on a vmnet/vif/virbr/vboxnet device, or the
/// destination of a /32 host route through one), with its mask and the device it sits on.
struct HostSidePoint: Sendable {
    let address: IPv4Address
    let mask: IPv4Address
    let device: String
    let owner: LocalizedText
    /// The address lies on the host's own LAN (Xen route mode: the vif carries dom0's address, the
    /// host routes point at guests on the LAN's subnet). Every machine of that LAN shares the
    /// network, so only owning the address itself makes a machine a guest there.
    var onHostLAN = false

    func holds(_ other: IPv4Address) -> Bool {
        other == address || other.value & mask.value == address.value & mask.value
    }

    /// Every host-side point of a machine.
    static func all(of machine: Machine) -> [HostSidePoint] {
        var points: [HostSidePoint] = []
        let hostRouteMask = IPv4Address(255, 255, 255, 255)
        for interface in machine.interfaces where VirtualizationVocabulary.hostDevice(interface.name) != nil {
            for assignment in interface.ipv4 {
                guard let address = assignment.address.address else { continue }
                points.append(HostSidePoint(address: address, mask: assignment.netmask ?? hostRouteMask, device: interface.name,
                                            owner: LocalizedText(en: "\(machine.name)'s \(interface.name) (\(address))",
                                                                 es: "\(interface.name) de \(machine.name) (\(address))")))
            }
        }
        for route in machine.routes where route.genmask == hostRouteMask {
            guard let interface = route.interface, VirtualizationVocabulary.hostDevice(interface) != nil,
                  let destination = route.destination.address else { continue }
            points.append(HostSidePoint(address: destination, mask: hostRouteMask, device: interface,
                                        owner: LocalizedText(en: "\(machine.name)'s host route to \(destination) via \(interface)",
                                                             es: "la ruta de host de \(machine.name) a \(destination) por \(interface)")))
        }
        let lanNetworks = machine.interfaces.filter { VirtualizationVocabulary.hostDevice($0.name) == nil && $0.name != "lo" }
            .flatMap { interface in interface.ipv4.compactMap { assignment -> IPv4Network? in
                guard let address = assignment.address.address, let mask = assignment.netmask, mask.value != .max else { return nil }
                return IPv4Network(address: address, mask: mask)
            } }
        return points.map { point in
            var point = point
            point.onHostLAN = lanNetworks.contains { $0.contains(point.address) }
            return point
        }
    }
}

/// Where a guest meets a host-side point: its gateway lies in the point's network, or its own
/// network holds the point. Roles and topology facts both ask this, so it is answered once here.
struct HostSideMeeting: Sendable {
    enum Kind: Sendable {
        case gateway(IPv4Address)
        case network(IPv4Address, mask: IPv4Address)
    }

    let point: HostSidePoint
    let kind: Kind
    let origin: Provenance

    /// For each point, the first gateway meeting and the first network meeting.
    static func all<Points: Sequence>(_ machine: Machine, _ points: Points) -> [HostSideMeeting]
        where Points.Element == HostSidePoint {
        let networks = machine.ownNetworks
        let gateways = machine.routes.compactMap { route in route.gateway?.address.map { ($0, route.origin) } }.filter { $0.0.value != 0 }
        var meetings: [HostSideMeeting] = []
        for point in points {
            if let (gateway, origin) = gateways.first(where: { point.holds($0.0) }) {
                meetings.append(HostSideMeeting(point: point, kind: .gateway(gateway), origin: origin))
            }
            if point.onHostLAN {
                if let interface = machine.interfaces.first(where: { $0.ipv4.contains { $0.address.address == point.address } }) {
                    let mask = interface.ipv4.first { $0.address.address == point.address }?.netmask ?? IPv4Address(.max)
                    meetings.append(HostSideMeeting(point: point, kind: .network(IPv4Address(point.address.value & mask.value), mask: mask), origin: interface.origin))
                }
            } else if let network = networks.first(where: { point.address.value & $0.mask.value == $0.network.value }) {
                meetings.append(HostSideMeeting(point: point, kind: .network(network.network, mask: network.mask), origin: network.origin))
            }
        }
        return meetings
    }
}

extension Machine {
    /// The machine's own networks: interface address/mask and connected (gateway-less) routes.
    var ownNetworks: [(network: IPv4Address, mask: IPv4Address, origin: Provenance)] {
        var networks: [(IPv4Address, IPv4Address, Provenance)] = []
        for interface in interfaces where interface.name != "lo" {
            for assignment in interface.ipv4 {
                guard let address = assignment.address.address, let mask = assignment.netmask, mask.value != .max, mask.value != 0 else { continue }
                networks.append((IPv4Address(address.value & mask.value), mask, interface.origin))
            }
        }
        for route in routes {
            guard let network = route.destination.address, let mask = route.genmask, mask.value != 0, mask.value != .max,
                  route.gateway?.address.map({ $0.value == 0 }) ?? true else { continue }
            networks.append((network, mask, route.origin))
        }
        return networks
    }
}
