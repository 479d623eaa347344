/// Builds the topology from machines, their facts and the mode: hosts with their virtual switches
/// and uplinks, guests joined to them (by lease, host route, addressing), observers by ARP.
public enum TopologyBuilder {
    public static func build(_ machines: [Machine], facts: [TopologyFact], verdict: ModeVerdict) -> Topology {
        build(machines, facts: facts, verdict: verdict, macOwners: MACOwners(machines))
    }

    /// `macOwners` was built from `machines` in this order (`Diagnosis` builds it once for roles and topology).
    static func build(_ machines: [Machine], facts: [TopologyFact], verdict: ModeVerdict, macOwners: MACOwners) -> Topology {
        var topology = Topology()
        topology.sidesSeen = ["host", "guest", "observer"].filter { side in machines.contains { $0.role.rawValue == side } }
        let guestAddresses = Dictionary(machines.filter { $0.role == .guest }.flatMap { guest in
            guest.interfaces.flatMap { $0.ipv4.compactMap(\.address.address) }.map { ($0, guest.name) }
        }, uniquingKeysWith: { first, _ in first })
        for machine in machines {
            topology.addNode(Topology.Node(id: machineID(machine.name), kind: .machine, label: machine.name, role: machine.role.rawValue,
                                           details: addressLines(machine)))
        }
        let guestMACs = Dictionary(machines.filter { $0.role == .guest }.flatMap { guest in
            guest.interfaces.compactMap(\.mac).map { ($0, guest.name) }
        }, uniquingKeysWith: { first, _ in first })
        for host in machines where host.role == .host {
            addHostSide(host, to: &topology, guestAddresses: guestAddresses, guestMACs: guestMACs, nat: verdict.mode == "nat")
        }
        MACJoins.add(machines, to: &topology)
        // Gathered once: per guest or observer they made 10,000 machines take minutes.
        let hosts = machines.filter { $0.role == .host }
        let factsByMachine = Dictionary(grouping: facts, by: \.machine)
        for guest in machines where guest.role == .guest {
            addGuestLinks(guest, facts: factsByMachine[guest.name] ?? [], hosts: hosts, to: &topology)
        }
        for observer in machines where observer.role == .observer || observer.role == .unknown {
            addObserverLinks(observer, machines: machines, macOwners: macOwners, to: &topology)
        }
        topology.subnets = subnets(machines)
        return topology
    }

    static func machineID(_ name: String) -> String { "machine:" + name }
    static func switchID(_ host: String, _ device: String) -> String { "switch:\(host)/\(device)" }
    static func networkID(_ network: IPv4Address, _ prefix: Int) -> String { "network:\(network)/\(prefix)" }

    static func addressLines(_ machine: Machine) -> [String] {
        machine.interfaces.filter { $0.name != "lo" }.flatMap { interface in
            interface.ipv4.map { "\(interface.name) \($0.address)\($0.netmask?.prefixLength.map { "/\($0)" } ?? "")" }
        }
    }

    static func isSwitch(_ name: String) -> Bool {
        let subject = HostFacts.deviceSubject(name)
        return ["vmnet", "xenbr", "virbr", "vboxnet"].contains { subject.hasPrefix($0) }
    }

    static func addHostSide(_ host: Machine, to topology: inout Topology, guestAddresses: [IPv4Address: String],
                            guestMACs: [MACAddress: String], nat: Bool) {
        let hostID = machineID(host.name)
        var lans: [String] = []
        for interface in host.interfaces where interface.name != "lo" && VirtualizationVocabulary.hostDevice(interface.name) == nil
            && !VirtualizationVocabulary.containerBridges.contains(interface.name) {
            for assignment in interface.ipv4 {
                guard let address = assignment.address.address, let prefix = assignment.netmask?.prefixLength, prefix < 32 else { continue }
                let id = networkID(IPv4Address(address.value & IPv4Address(prefixLength: prefix)!.value), prefix)
                topology.addNode(Topology.Node(id: id, kind: .network, label: String(id.dropFirst("network:".count)), role: nil, details: []))
                topology.addEdge(Topology.Edge(from: hostID, to: id, label: "\(interface.name) \(address)", observed: true, kind: "l2",
                                               evidence: [interface.origin]))
                lans.append(id)
            }
        }
        for interface in host.interfaces where isSwitch(interface.name) {
            let device = HostFacts.deviceSubject(interface.name)
            let id = switchID(host.name, device)
            let addresses = interface.ipv4.map { "\($0.address)\($0.netmask?.prefixLength.map { "/\($0)" } ?? "")" }
            topology.addNode(Topology.Node(id: id, kind: .virtualSwitch, label: device, role: nil, details: addresses))
            topology.addEdge(Topology.Edge(from: hostID, to: id, label: addresses.first ?? device, observed: true, kind: "l2",
                                           evidence: [interface.origin]))
            if nat, device == "vmnet8" || device.hasPrefix("virbr") {
                for lan in lans {
                    topology.addEdge(Topology.Edge(from: id, to: lan, label: "NAT", observed: false, kind: "nat", evidence: []))
                }
            }
        }
        addXenBridgeGuesses(host, lans: lans, to: &topology)
        for bridge in host.bridges {
            let id = switchID(host.name, bridge.name)
            topology.addNode(Topology.Node(id: id, kind: .virtualSwitch, label: bridge.name, role: nil, details: []))
            topology.addEdge(Topology.Edge(from: hostID, to: id, label: bridge.name, observed: true, kind: "l2", evidence: [bridge.origin]))
            for port in bridge.ports where VirtualizationVocabulary.hostDevice(port) == nil || port.hasPrefix("peth") {
                for lan in lans {
                    topology.addEdge(Topology.Edge(from: id, to: lan, label: "\(port) (uplink)", observed: true, kind: "l2", evidence: [bridge.origin]))
                }
            }
            for port in bridge.ports where port.hasPrefix("vif") || port.hasPrefix("vnet") || port.hasPrefix("tap") {
                let guestID = "guest:\(host.name)/\(port)"
                topology.addNode(Topology.Node(id: guestID, kind: .impliedGuest, label: "VM (\(port))", role: "guest", details: []))
                topology.addEdge(Topology.Edge(from: id, to: guestID, label: port, observed: true, kind: "l2", evidence: [bridge.origin]))
            }
        }
        for route in host.routes where route.genmask == IPv4Address(255, 255, 255, 255) {
            guard let device = route.interface, VirtualizationVocabulary.hostDevice(device) != nil,
                  let address = route.destination.address else { continue }
            let target = guestAddresses[address].map(machineID) ?? impliedGuest(address, host: host.name, to: &topology)
            topology.addEdge(Topology.Edge(from: hostID, to: target, label: "\(device) → \(address)/32", observed: true,
                                           kind: nat ? "nat" : "route", evidence: [route.origin]))
        }
        for event in host.events where event.kind == "dhcp.ack" {
            guard let address = event.field("ip").flatMap({ IPv4Address($0) }), let device = event.field("interface") else { continue }
            let leased = event.field("mac").flatMap { MACAddress($0) }.flatMap { guestMACs[$0] } ?? guestAddresses[address]
            let target = leased.map(machineID) ?? impliedGuest(address, host: host.name, to: &topology)
            let from = topology.node(switchID(host.name, device)) != nil ? switchID(host.name, device) : hostID
            topology.addEdge(Topology.Edge(from: from, to: target, label: "DHCP \(address) \(event.field("mac") ?? "")", observed: true,
                                           kind: "l2", evidence: [Record.event(event).origin]))
        }
    }

    /// Without `brctl show`, Xen's network-bridge layout is still known: pethN is xenbrN's uplink,
    /// and each vifD.N (D > 0) is a guest's port on it. Both links are marked inferred.
    static func addXenBridgeGuesses(_ host: Machine, lans: [String], to topology: inout Topology) {
        guard host.bridges.isEmpty else { return }
        let names = host.interfaces.map(\.name)
        for bridge in names where bridge.hasPrefix("xenbr") {
            let number = bridge.dropFirst("xenbr".count)
            let id = switchID(host.name, bridge)
            if let uplink = host.interfaces.first(where: { $0.name == "peth" + number }) {
                for lan in lans {
                    topology.addEdge(Topology.Edge(from: id, to: lan, label: uplink.name, observed: false, kind: "l2", evidence: [uplink.origin]))
                }
            }
            for vif in host.interfaces where vif.name.hasPrefix("vif") && !vif.name.hasPrefix("vif0.") && vif.ipv4.isEmpty {
                let guestID = "guest:\(host.name)/\(vif.name)"
                topology.addNode(Topology.Node(id: guestID, kind: .impliedGuest, label: "VM (\(vif.name))", role: "guest", details: []))
                topology.addEdge(Topology.Edge(from: id, to: guestID, label: vif.name, observed: false, kind: "l2", evidence: [vif.origin]))
            }
        }
    }

    static func impliedGuest(_ address: IPv4Address, host: String, to topology: inout Topology) -> String {
        let id = "guest:\(host)/\(address)"
        topology.addNode(Topology.Node(id: id, kind: .impliedGuest, label: "VM \(address)", role: "guest", details: []))
        return id
    }

    static func addGuestLinks(_ guest: Machine, facts: [TopologyFact], hosts: [Machine], to topology: inout Topology) {
        let guestID = machineID(guest.name)
        for fact in facts where fact.kind == "guest-gateway-on" || fact.kind == "guest-network-on" || fact.kind == "guest-on-host-lan" {
            for host in hosts {
                for (target, kind) in linkTargets(for: fact, host: host, in: topology)
                // One link per pair of nodes: the first fact (gateway before network) labels it.
                where !topology.hasEdge(from: guestID, to: target) {
                    topology.addEdge(Topology.Edge(from: guestID, to: target, label: fact.label ?? fact.subject, observed: false, kind: kind,
                                                   evidence: fact.origin.map { [$0] } ?? []))
                }
            }
        }
    }

    /// Where a guest fact points on one host: the LAN of the named uplink, the named virtual
    /// switch, or the host itself for a routed device (a vif).
    static func linkTargets(for fact: TopologyFact, host: Machine, in topology: Topology) -> [(String, String)] {
        let hostID = machineID(host.name)
        if fact.kind == "guest-on-host-lan" {
            return topology.edges(from: hostID).filter { $0.label.hasPrefix(fact.subject + " ") }.map { ($0.to, "l2") }
        }
        if topology.node(switchID(host.name, fact.subject)) != nil { return [(switchID(host.name, fact.subject), "l2")] }
        if host.interfaces.contains(where: { $0.name == fact.subject }) || host.routes.contains(where: { $0.interface == fact.subject }) {
            return [(hostID, "route")]
        }
        return []
    }

    static func addObserverLinks(_ observer: Machine, machines: [Machine], macOwners: MACOwners,
                                 to topology: inout Topology) {
        for neighbor in observer.neighbors {
            guard let mac = neighbor.mac else { continue }
            for owner in macOwners.owners(of: mac) where machines[owner.machine].name != observer.name {
                let other = machines[owner.machine]
                topology.addEdge(Topology.Edge(from: machineID(observer.name), to: machineID(other.name),
                                               label: "ARP \(neighbor.address) → \(mac)", observed: true, kind: "l2", evidence: [neighbor.origin]))
            }
        }
    }

    static func subnets(_ machines: [Machine]) -> [Topology.Subnet] {
        var members: [String: (IPv4Address, Int, [String])] = [:]
        var order: [String] = []
        for machine in machines {
            for interface in machine.interfaces where interface.name != "lo" {
                for assignment in interface.ipv4 {
                    guard let address = assignment.address.address, let prefix = assignment.netmask?.prefixLength, prefix < 32,
                          let mask = IPv4Address(prefixLength: prefix) else { continue }
                    let network = IPv4Address(address.value & mask.value)
                    let key = "\(network)/\(prefix)"
                    if members[key] == nil { order.append(key) }
                    members[key, default: (network, prefix, [])].2.append("\(machine.name) \(interface.name) \(address)")
                }
            }
        }
        return order.map { key in
            let (network, prefix, names) = members[key]!
            return Topology.Subnet(network: network, prefixLength: prefix, members: names)
        }
    }
}
