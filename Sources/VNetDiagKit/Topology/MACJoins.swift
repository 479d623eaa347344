/// Joins guests to hosts by hardware address, all observed: the host's ARP/neighbour table holds
/// the guest's MAC (IPv4, or an EUI-64 link-local built from it), or a libvirt tap `vnetN`
/// carries the guest's MAC with its first byte set to `fe`.
enum MACJoins {
    static func add(_ machines: [Machine], to topology: inout Topology) {
        let guests = machines.filter { $0.role == .guest }
        var guestByMAC: [MACAddress: (guest: Machine, interface: String)] = [:]
        for guest in guests {
            for interface in guest.interfaces where interface.name != "lo" {
                if let mac = interface.mac, guestByMAC[mac] == nil { guestByMAC[mac] = (guest, interface.name) }
            }
        }
        guard !guestByMAC.isEmpty else { return }
        for host in machines where host.role == .host {
            let hostID = TopologyBuilder.machineID(host.name)
            for neighbor in host.neighbors {
                let text = neighbor.address.description
                let viaEUI64 = text.lowercased().hasPrefix("fe80:")
                guard let mac = viaEUI64 ? EUI64.mac(fromIPv6: text) : neighbor.mac, let match = guestByMAC[mac] else { continue }
                let how = viaEUI64 ? "EUI-64 \(text) → \(mac)" : "ARP \(text) → \(mac)"
                topology.addEdge(Topology.Edge(from: hostID, to: TopologyBuilder.machineID(match.guest.name),
                                               label: "\(how) (\(match.guest.name) \(match.interface))", observed: true, kind: "l2",
                                               evidence: [neighbor.origin]))
            }
            for tap in host.interfaces where tap.name.hasPrefix("vnet") || tap.name.hasPrefix("tap") {
                guard let tapMAC = tap.mac, tapMAC.firstOctet == 0xfe else { continue }
                let guestMAC = MACAddress(octets: [0x52] + tapMAC.octets.dropFirst())
                guard let guestMAC, let match = guestByMAC[guestMAC] else { continue }
                let bridge = tap.master ?? host.bridgePorts.first { $0.name == tap.name }?.master
                let from = bridge.map { TopologyBuilder.switchID(host.name, $0) }.flatMap { topology.node($0) != nil ? $0 : nil } ?? hostID
                topology.addEdge(Topology.Edge(from: from, to: TopologyBuilder.machineID(match.guest.name),
                                               label: "\(tap.name) \(tapMAC) ↔ \(match.interface) \(guestMAC)", observed: true, kind: "l2",
                                               evidence: [tap.origin]))
            }
        }
    }
}
