/// Decides each machine's role from what it shows, and records every reason with its lines.
/// Weights: a device or log line only a hypervisor has counts 3, a hint (folder name, NAT rule,
/// forwarding on, a DHCP client) 1–2. The role with the highest total wins; a tie is `unknown`.
public enum MachineRoles {
    public static func assign(_ machines: [Machine]) -> [Machine] {
        assign(machines, macOwners: MACOwners(machines))
    }

    /// `macOwners` is built from `machines` (in this order) by the caller, who reuses it later:
    /// assigning roles changes no machine's interfaces or position.
    static func assign(_ machines: [Machine], macOwners: MACOwners) -> [Machine] {
        // What other machines show is gathered once for all: rebuilding it for each machine made
        // 100,000 prompt-named machines take hours.
        let points = machines.indices.flatMap { index in HostSidePoint.all(of: machines[index]).map { (owner: index, point: $0) } }
        let names = machines.map(\.name)
        return machines.enumerated().map { index, machine in
            var machine = machine
            let otherPoints = points.lazy.filter { $0.owner != index }.map(\.point)
            let reasons = declaredReasons(machine) + hostReasons(machine) + guestReasons(machine)
                + sharedSubnetReasons(machine, points: otherPoints) + observerReasons(machine, index: index, owners: macOwners, names: names)
            machine.roleReasons = reasons
            machine.role = winner(reasons)
            return machine
        }
    }

    static func winner(_ reasons: [RoleReason]) -> MachineRole {
        var totals: [MachineRole: Int] = [:]
        // Hints (weight 1: NAT, forwarding, a DHCP client) support a role but never make one:
        // routers masquerade and Docker hosts forward too.
        let founded = Set(reasons.filter { $0.weight >= 2 || $0.role == .observer }.map(\.role))
        for reason in reasons where founded.contains(reason.role) { totals[reason.role, default: 0] += reason.weight }
        let ranked = totals.sorted { $0.value > $1.value }
        guard let best = ranked.first else { return .unknown }
        if ranked.count > 1, ranked[1].value == best.value { return .unknown }
        // Seeing others counts only when the machine shows nothing of its own.
        if best.key == .observer, totals[.host] != nil || totals[.guest] != nil { return .unknown }
        return best.key
    }

    /// What the person who ran `vnetdiag collect --role` said the machine is: it outweighs clues.
    static func declaredReasons(_ machine: Machine) -> [RoleReason] {
        machine.hostRecords.compactMap { record in
            guard let declared = record.declaredRole, let role = MachineRole(rawValue: declared) else { return nil }
            let spanish = ["host": "anfitrión", "guest": "invitado", "observer": "observador"][declared] ?? declared
            return RoleReason(role: role, weight: 6, message: LocalizedText(en: "declared \(declared) when collected", es: "declarado \(spanish) al recoger"),
                              origin: record.origin)
        }
    }

    static func hostReasons(_ machine: Machine) -> [RoleReason] {
        var reasons: [RoleReason] = []
        var seenMeanings: Set<String> = []
        for interface in machine.interfaces {
            if let meaning = VirtualizationVocabulary.hostDevice(interface.name), seenMeanings.insert(meaning.en).inserted {
                reasons.append(RoleReason(role: .host, weight: 3, message: LocalizedText(en: "has \(interface.name) (\(meaning.en))", es: "tiene \(interface.name) (\(meaning.es))"), origin: interface.origin))
            }
            if let mac = interface.mac, VirtualizationVocabulary.isVMwareHostAdapter(mac), seenMeanings.insert("vmware-mac").inserted {
                reasons.append(RoleReason(role: .host, weight: 3, message: LocalizedText(en: "\(interface.name) has \(mac), a VMware host adapter address", es: "\(interface.name) tiene \(mac), dirección de adaptador de anfitrión VMware"), origin: interface.origin))
            }
        }
        for port in machine.bridgePorts where VirtualizationVocabulary.hostDevice(port.name) != nil {
            reasons.append(RoleReason(role: .host, weight: 2, message: LocalizedText(en: "bridge port \(port.name)", es: "puerto de puente \(port.name)"), origin: port.origin))
            break
        }
        for bridge in machine.bridges where bridge.ports.contains(where: { VirtualizationVocabulary.hostDevice($0) != nil }) {
            reasons.append(RoleReason(role: .host, weight: 2, message: LocalizedText(en: "bridge \(bridge.name) has virtual-machine ports", es: "el puente \(bridge.name) tiene puertos de máquinas virtuales"), origin: bridge.origin))
            break
        }
        for route in machine.routes where route.genmask == IPv4Address(255, 255, 255, 255)
            && route.interface.map({ $0.hasPrefix("vif") }) == true {
            reasons.append(RoleReason(role: .host, weight: 3, message: LocalizedText(en: "host route to a guest through \(route.interface ?? "")", es: "ruta de host a un invitado por \(route.interface ?? "")"), origin: route.origin))
            break
        }
        var seenEvents: Set<String> = []
        for event in machine.events {
            let origin = Record.event(event).origin
            let program = event.program ?? ""
            if event.kind.hasPrefix("dhcp."), VirtualizationVocabulary.guestDHCPServers.contains(program), seenEvents.insert("dhcp").inserted {
                reasons.append(RoleReason(role: .host, weight: 2, message: LocalizedText(en: "\(program) serves DHCP", es: "\(program) sirve DHCP"), origin: origin))
            } else if event.kind.hasPrefix("vmnet.") || event.kind.hasPrefix("xen.") || event.kind.hasPrefix("libvirt."),
                      seenEvents.insert(event.kind).inserted {
                reasons.append(RoleReason(role: .host, weight: 3, message: LocalizedText(en: "log event \(event.kind)", es: "evento de registro \(event.kind)"), origin: origin))
            }
        }
        if let rule = machine.firewallRules.first(where: { $0.target == "MASQUERADE" }) {
            reasons.append(RoleReason(role: .host, weight: 1, message: LocalizedText(en: "masquerades (NAT)", es: "enmascara (NAT)"), origin: rule.origin))
        }
        if let forwarding = machine.sysctls.first(where: { $0.key.hasSuffix("ip_forward") && $0.value == "1" }) {
            reasons.append(RoleReason(role: .host, weight: 1, message: LocalizedText(en: "forwards IPv4", es: "reenvía IPv4"), origin: forwarding.origin))
        }
        if VirtualizationVocabulary.hostFolderNames.contains(machine.name.lowercased()) {
            reasons.append(RoleReason(role: .host, weight: 2, message: LocalizedText(en: "named \(machine.name)", es: "se llama \(machine.name)"), origin: nil))
        }
        return reasons
    }

    static func guestReasons(_ machine: Machine) -> [RoleReason] {
        var reasons: [RoleReason] = []
        if let (interface, vendor) = machine.interfaces.lazy.compactMap({ interface in
            interface.mac.flatMap(VirtualizationVocabulary.guestVendor).map { (interface, $0) }
        }).first {
            reasons.append(RoleReason(role: .guest, weight: 3,
                                      message: LocalizedText(en: "\(interface.name) has \(interface.mac!) (\(vendor) virtual NIC)", es: "\(interface.name) tiene \(interface.mac!) (tarjeta virtual \(vendor))"), origin: interface.origin))
        }
        if let interface = machine.interfaces.first(where: { $0.ipv4.contains { $0.address.description == "10.0.2.15" } }) {
            reasons.append(RoleReason(role: .guest, weight: 2, message: LocalizedText(en: "\(interface.name) has 10.0.2.15 (VirtualBox/QEMU user-mode NAT)", es: "\(interface.name) tiene 10.0.2.15 (NAT de usuario de VirtualBox/QEMU)"), origin: interface.origin))
        }
        if let neighbor = machine.neighbors.first(where: { $0.mac.map(VirtualizationVocabulary.isXenBackend) == true }) {
            reasons.append(RoleReason(role: .guest, weight: 3,
                                      message: LocalizedText(en: "\(neighbor.address) resolves to fe:ff:ff:ff:ff:ff (a Xen backend: the gateway is dom0)", es: "\(neighbor.address) resuelve a fe:ff:ff:ff:ff:ff (un backend de Xen: la pasarela es dom0)"), origin: neighbor.origin))
        }
        if let event = machine.events.first(where: { $0.kind.hasPrefix("dhclient.") }) {
            reasons.append(RoleReason(role: .guest, weight: 1, message: LocalizedText(en: "runs a DHCP client", es: "ejecuta un cliente DHCP"), origin: Record.event(event).origin))
        }
        let lowered = machine.name.lowercased()
        if VirtualizationVocabulary.guestFolderPrefixes.contains(where: { lowered.hasPrefix($0) }) {
            reasons.append(RoleReason(role: .guest, weight: 2, message: LocalizedText(en: "named \(machine.name)", es: "se llama \(machine.name)"), origin: nil))
        }
        return reasons
    }

    /// An ARP table that holds another machine's MAC, or a virtual NIC's, from outside.
    static func observerReasons(_ machine: Machine, index: Int, owners: MACOwners, names: [String]) -> [RoleReason] {
        for neighbor in machine.neighbors {
            guard let mac = neighbor.mac else { continue }
            if let owner = owners.owners(of: mac).first(where: { $0.machine != index }) {
                let name = names[owner.machine]
                return [RoleReason(role: .observer, weight: 1, message: LocalizedText(
                    en: "sees \(neighbor.address) at \(mac), \(name)'s \(owner.interface)",
                    es: "ve \(neighbor.address) en \(mac), \(owner.interface) de \(name)"), origin: neighbor.origin)]
            }
            if let vendor = VirtualizationVocabulary.guestVendor(mac) {
                return [RoleReason(role: .observer, weight: 1, message: LocalizedText(en: "sees \(neighbor.address) at \(mac) (\(vendor))", es: "ve \(neighbor.address) en \(mac) (\(vendor))"), origin: neighbor.origin)]
            }
        }
        return []
    }

    /// The machine's gateway or network meets another machine's virtual-machine device (vmnet1,
    /// vif1.0, virbr0) or a host route through one: it sits on the host's virtual network.
    static func sharedSubnetReasons<Points: Sequence>(_ machine: Machine, points: Points) -> [RoleReason]
        where Points.Element == HostSidePoint {
        guard let meeting = HostSideMeeting.all(machine, points).first else { return [] }
        let owner = meeting.point.owner
        let message: LocalizedText
        switch meeting.kind {
        case .gateway(let gateway):
            message = LocalizedText(en: "its gateway \(gateway) is on the network of \(owner.en)",
                                    es: "su pasarela \(gateway) está en la red de \(owner.es)")
        case .network(let network, let mask):
            let prefix = mask.prefixLength.map(String.init) ?? mask.description
            message = LocalizedText(en: "its network \(network)/\(prefix) holds \(owner.en)",
                                    es: "su red \(network)/\(prefix) contiene \(owner.es)")
        }
        return [RoleReason(role: .guest, weight: 3, message: message, origin: meeting.origin)]
    }
}
