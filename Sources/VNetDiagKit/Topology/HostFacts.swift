/// Facts a hypervisor host shows on its own: devices, bridges, host routes, NAT, forwarding, logs.
enum HostFacts {
    static func collect(_ machine: Machine) -> [TopologyFact] {
        var facts: [TopologyFact] = []
        func add(_ kind: String, _ subject: String, _ message: String, _ origin: Provenance?) {
            facts.append(TopologyFact(kind: kind, subject: subject, machine: machine.name, message: message, origin: origin))
        }
        let interfaces = machine.interfaces
        for interface in interfaces {
            let name = interface.name
            if VirtualizationVocabulary.containerBridges.contains(name) {
                add("container-bridge", name, "\(name) is a container bridge", interface.origin)
                continue
            }
            guard let meaning = VirtualizationVocabulary.hostDevice(name) else { continue }
            let subject = deviceSubject(name)
            add("host-device", subject, "\(name): \(meaning.en)", interface.origin)
            for assignment in interface.ipv4 {
                guard let address = assignment.address.address else { continue }
                add("host-device-address", "\(subject) \(address)", "\(name) has \(address)", interface.origin)
            }
        }
        let bridgeNames = Set(machine.bridges.map(\.name)).union(interfaces.map(\.name).filter { $0.hasPrefix("xenbr") || $0.hasPrefix("virbr") })
        for interface in interfaces where bridgeNames.contains(interface.name) && interface.ipv4.isEmpty {
            add("bridge-without-address", interface.name, "bridge \(interface.name) has no IPv4 address", interface.origin)
        }
        for bridge in machine.bridges {
            for port in bridge.ports { add("bridge-port", "\(bridge.name):\(port)", "\(port) is a port of \(bridge.name)", bridge.origin) }
        }
        for port in machine.bridgePorts {
            if let master = port.master { add("bridge-port", "\(master):\(port.name)", "\(port.name) is a port of \(master)", port.origin) }
        }
        addVifAddressFacts(machine, add)
        for route in machine.routes where route.genmask == IPv4Address(255, 255, 255, 255) {
            guard let device = route.interface, VirtualizationVocabulary.hostDevice(device) != nil else { continue }
            add("host-route", device, "host route to \(route.destination) through \(device)", route.origin)
        }
        for rule in machine.firewallRules where (rule.target == "MASQUERADE" || rule.target == "SNAT") && !servesContainers(rule) {
            let subject = rule.outInterface ?? rule.source ?? "any"
            add("masquerade", subject, "\(rule.target ?? "") for \(rule.source ?? "any") out of \(rule.outInterface ?? "any interface")", rule.origin)
        }
        for sysctl in machine.sysctls where sysctl.key.hasSuffix("ip_forward") {
            add("forwarding", sysctl.value == "1" ? "on" : "off", "\(sysctl.key) = \(sysctl.value)", sysctl.origin)
        }
        for record in machine.hostRecords {
            if let routing = record.ipRoutingEnabled {
                add("forwarding", routing ? "on" : "off", "IP routing enabled: \(routing)", record.origin)
            }
        }
        var seenEvents: Set<String> = []
        for event in machine.events {
            let origin = Record.event(event).origin
            if seenEvents.insert(event.kind).inserted {
                add("log-event", event.kind, "log: \(event.kind)", origin)
            }
            if event.kind.hasPrefix("dhcp."), let program = event.program, VirtualizationVocabulary.guestDHCPServers.contains(program) {
                let subject = [program, event.field("interface")].compactMap { $0 }.joined(separator: " ")
                if seenEvents.insert("dhcp-server " + subject).inserted {
                    add("dhcp-server", subject, "\(program) serves DHCP\(event.field("interface").map { " on " + $0 } ?? "")", origin)
                }
            }
        }
        return facts
    }

    /// Xen route mode gives each vif dom0's own address as /32; NAT mode gives it the guest's plus 127.
    static func addVifAddressFacts(_ machine: Machine, _ add: (String, String, String, Provenance?) -> Void) {
        let interfaces = machine.interfaces
        let hostRoutes = machine.routes.filter { $0.genmask == IPv4Address(255, 255, 255, 255) }
        let otherAddresses = Set(interfaces.filter { !$0.name.hasPrefix("vif") }.flatMap { $0.ipv4.compactMap(\.address.address) })
        for interface in interfaces where interface.name.hasPrefix("vif") {
            for assignment in interface.ipv4 {
                guard let address = assignment.address.address else { continue }
                if otherAddresses.contains(address) {
                    add("vif-shares-host-address", interface.name, "\(interface.name) carries the host's own \(address)", interface.origin)
                }
                for route in hostRoutes where route.interface == interface.name {
                    guard let guest = route.destination.address, guest.value >> 8 == address.value >> 8,
                          (guest.value & 0xff) + 127 == address.value & 0xff else { continue }
                    add("vif-guest-address-plus-127", interface.name,
                        "\(interface.name) has \(address), the guest \(guest) plus 127", interface.origin)
                }
            }
        }
    }

    /// Docker's and LXC's NAT rules (`-s 172.17.0.0/16 ! -o docker0`) are not a VM network's.
    static func servesContainers(_ rule: FirewallRuleRecord) -> Bool {
        let interfaces = [rule.outInterface, rule.inInterface].compactMap { $0 }.map { String($0.filter { $0 != "!" }).trimmingBlanks }
        if interfaces.contains(where: { VirtualizationVocabulary.containerBridges.contains($0) || $0.hasPrefix("br-") }) { return true }
        return ["172.17.0.0/16", "10.0.3.0/24"].contains(rule.source ?? "")
    }

    /// `vmnet8` for `VMware Network Adapter VMnet8`; other names as they are.
    static func deviceSubject(_ name: String) -> String {
        guard let range = name.range(of: "VMnet") else { return name }
        return "vmnet" + name[range.upperBound...].prefix { $0.isNumber }
    }
}
