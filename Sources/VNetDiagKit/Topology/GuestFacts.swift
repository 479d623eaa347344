/// Facts a guest or an outside observer shows, most of them joined to what the hosts show.
enum GuestFacts {
    /// What a guest is joined against on one host, worked out once for all guests: the host's
    /// hypervisor-side points and its interfaces on the LAN (building them per guest made topology
    /// facts cost guests × hosts × interfaces).
    struct HostSide {
        let host: Machine
        let points: [HostSidePoint]
        let physical: [InterfaceRecord]

        init(_ host: Machine) {
            self.host = host
            points = HostSidePoint.all(of: host)
            physical = host.interfaces.filter { interface in
                interface.name != "lo" && VirtualizationVocabulary.hostDevice(interface.name) == nil
                    && !VirtualizationVocabulary.containerBridges.contains(interface.name) && host.reachesLAN(interface)
            }
        }
    }

    static func collect(_ machine: Machine, hosts: [HostSide]) -> [TopologyFact] {
        var facts: [TopologyFact] = []
        func add(_ kind: String, _ subject: String, _ message: String, _ origin: Provenance?, _ label: String? = nil) {
            facts.append(TopologyFact(kind: kind, subject: subject, machine: machine.name, message: message, origin: origin, label: label))
        }
        let interfaces = machine.interfaces.filter { $0.name != "lo" && !$0.name.hasPrefix("Loopback") }
        if let interface = interfaces.first(where: { $0.mac.flatMap(VirtualizationVocabulary.guestVendor) != nil }), let mac = interface.mac {
            add("guest-mac", String(mac.description.prefix(8)), "\(interface.name) has \(mac)", interface.origin)
        }
        for interface in interfaces {
            for assignment in interface.ipv4 {
                guard let address = assignment.address.address else { continue }
                add("guest-address", address.description, "\(interface.name) has \(address)", interface.origin)
            }
            for gateway in interface.gateways { add("guest-gateway", gateway.description, "\(interface.name): gateway \(gateway)", interface.origin) }
        }
        let defaults = machine.routes.filter { $0.destination.address == IPv4Address(0) || $0.destination.description == "default" }
        for route in defaults {
            if let gateway = route.gateway { add("guest-gateway", gateway.description, "default gateway \(gateway)", route.origin) }
        }
        if !machine.routes.isEmpty, defaults.isEmpty, interfaces.allSatisfy({ $0.gateways.isEmpty }) {
            add("guest-no-gateway", "", "routes read, none of them a default route", machine.routes.first?.origin)
        }
        if let neighbor = machine.neighbors.first(where: { $0.mac.map(VirtualizationVocabulary.isXenBackend) == true }) {
            add("guest-gateway-xen-backend", neighbor.address.description, "\(neighbor.address) is at fe:ff:ff:ff:ff:ff", neighbor.origin)
        }
        joinToHosts(machine, hosts: hosts, add)
        return facts
    }

    /// Gateway and own network against each host's hypervisor devices and physical interfaces.
    static func joinToHosts(_ machine: Machine, hosts: [HostSide], _ add: (String, String, String, Provenance?, String?) -> Void) {
        let networks = machine.ownNetworks
        for side in hosts {
            let host = side.host
            for meeting in HostSideMeeting.all(machine, side.points) {
                let device = HostFacts.deviceSubject(meeting.point.device)
                switch meeting.kind {
                case .gateway(let gateway):
                    add("guest-gateway-on", device, "gateway \(gateway) is on the network of \(meeting.point.owner.en)", meeting.origin, "gw \(gateway)")
                case .network(let network, let mask):
                    let text = "\(network)/\(mask.prefixLength ?? 0)"
                    add("guest-network-on", device, "\(text) holds \(meeting.point.owner.en)", meeting.origin, text)
                }
            }
            for interface in side.physical {
                for assignment in interface.ipv4 {
                    guard let address = assignment.address.address, let mask = assignment.netmask, mask.value != .max else { continue }
                    if let network = networks.first(where: { $0.mask == mask && $0.network.value == address.value & mask.value }) {
                        add("guest-on-host-lan", interface.name, "on \(host.name)'s \(interface.name) network \(network.network)/\(mask.prefixLength ?? 0)", network.origin,
                            "\(network.network)/\(mask.prefixLength ?? 0)")
                    }
                }
            }
        }
    }

    /// An outside ARP table: several addresses behind one MAC (Xen route mode proxies ARP for its
    /// guests), or a virtual NIC's MAC.
    static func observerFacts(_ machine: Machine) -> [TopologyFact] {
        var facts: [TopologyFact] = []
        var addressesByMAC: [MACAddress: [NeighborRecord]] = [:]
        for neighbor in machine.neighbors {
            guard let mac = neighbor.mac else { continue }
            addressesByMAC[mac, default: []].append(neighbor)
        }
        for (mac, neighbors) in addressesByMAC.sorted(by: { $0.key.description < $1.key.description }) {
            if Set(neighbors.map(\.address.description)).count > 1 {
                facts.append(TopologyFact(kind: "observer-one-mac-many-ips", subject: mac.description, machine: machine.name,
                                          message: "\(neighbors.map(\.address.description).joined(separator: ", ")) all at \(mac)",
                                          origin: neighbors[1].origin))
            }
            if VirtualizationVocabulary.guestVendor(mac) != nil {
                facts.append(TopologyFact(kind: "observer-sees-guest-mac", subject: String(mac.description.prefix(8)), machine: machine.name,
                                          message: "sees \(neighbors[0].address) at \(mac)", origin: neighbors[0].origin))
            }
        }
        return facts
    }
}

/// All facts of all machines, hosts first, in reading order.
public enum TopologyFacts {
    public static func collect(_ machines: [Machine]) -> [TopologyFact] {
        // A guest is never among the hosts (its role says so), so every guest joins all of them.
        let hosts = machines.filter { $0.role == .host || $0.role == .unknown }.map(GuestFacts.HostSide.init)
        return machines.flatMap { machine -> [TopologyFact] in
            switch machine.role {
            case .host, .unknown: return HostFacts.collect(machine) + (machine.role == .unknown ? GuestFacts.observerFacts(machine) : [])
            case .guest: return GuestFacts.collect(machine, hosts: hosts)
            case .observer: return GuestFacts.observerFacts(machine)
            }
        }
    }
}
