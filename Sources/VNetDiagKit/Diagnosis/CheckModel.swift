/// The topology model as check rules see it (fields listed in `CheckSchema.objects`).
enum CheckModel {
    static func mode(_ mode: CheckMode) -> CheckValue {
        .object(CheckObject(type: "Mode", label: mode.id, origin: nil) { field in
            switch field {
            case "id": return .string(mode.id)
            case "hypervisor": return mode.hypervisor.checkValue { .string($0) }
            case "mode": return mode.mode.checkValue { .string($0) }
            case "confidence": return .int(mode.confidence)
            case "ambiguous": return .bool(mode.id == "ambiguous")
            case "candidates": return .list(mode.candidates.map { .string($0) })
            default: return .null
            }
        })
    }

    static func machine(_ machine: Machine) -> CheckValue {
        .object(CheckObject(type: "Machine", label: machine.name, identity: machine.name, origin: nil, methods: { name, arguments in
            switch (name, arguments.first) {
            case ("sysctl", .string(let key)?): return machine.sysctls.last { $0.key == key }.checkValue { .string($0.value) }
            case ("interface", .string(let wanted)?):
                return machine.distinctInterfaces.first { $0.name == wanted }.checkValue { interface($0, machine: machine.name) }
            default: return .null
            }
        }) { field in
            let name = machine.name
            switch field {
            case "name": return .string(name)
            case "role": return .string(machine.role.rawValue)
            case "interfaces": return .list(machine.distinctInterfaces.map { interface($0, machine: name) })
            case "addresses": return .list(addresses(of: machine))
            case "routes": return .list(machine.routes.filter { $0.family == .inet }.map { route($0, machine: name) })
            case "defaultRoutes": return .list(machine.routes.filter { $0.family == .inet && $0.isDefault && !$0.isReject }.map { route($0, machine: name) })
            case "neighbors": return .list(machine.neighbors.map { neighbor($0, machine: name) })
            case "bridges": return .list(bridges(of: machine))
            case "bridgePorts": return .list(machine.bridgePorts.map { bridgePort($0, machine: name) })
            case "firewallRules": return .list(machine.firewallRules.map { firewallRule($0, machine: name) })
            case "firewallChains": return .list(machine.firewallChains.map { firewallChain($0, machine: name) })
            case "sysctls": return .list(machine.sysctls.map { sysctl($0, machine: name) })
            case "events": return .list(machine.events.map { event($0, machine: name) })
            case "networks":
                var seen: Set<IPv4Network> = []
                return .list(machine.ownNetworks.compactMap { IPv4Network(address: $0.network, mask: $0.mask) }
                    .filter { seen.insert($0).inserted }.map { .cidr($0) })
            case "ipForward": return ipForward(machine).checkValue { .int($0) }
            case "inputs": return .list(CheckInputs.present(in: machine).sorted().map { .string($0) })
            default: return .null
            }
        })
    }

    /// `net.ipv4.ip_forward` as a number, or Windows' "IP Routing Enabled" as 0/1.
    static func ipForward(_ machine: Machine) -> Int? {
        if let setting = machine.sysctls.last(where: { $0.key == "net.ipv4.ip_forward" }) { return Int(setting.value) }
        return machine.hostRecords.compactMap(\.ipRoutingEnabled).last.map { $0 ? 1 : 0 }
    }

    static func addresses(of machine: Machine) -> [CheckValue] {
        machine.distinctInterfaces.flatMap { record in
            record.ipv4.enumerated().compactMap { index, assignment in
                assignment.address.address.map { address(assignment, ip: $0, index: index, of: record, machine: machine.name) }
            }
        }
    }

    static func interface(_ record: InterfaceRecord, machine: String) -> CheckValue {
        .object(CheckObject(type: "Interface", label: "\(machine)/\(record.name)", origin: record.origin) { field in
            let first = record.ipv4.first { $0.address.address != nil }
            switch field {
            case "name": return .string(record.name)
            case "machine": return .string(machine)
            case "kind": return .string(InterfaceKind.of(record.name, linkType: record.linkType))
            case "mac": return record.mac.checkValue { .mac($0) }
            case "mtu": return record.mtu.checkValue { .int($0) }
            case "up": return .bool(record.flags.contains("UP") || record.state == "UP")
            case "running": return .bool(record.flags.contains("RUNNING") || record.flags.contains("LOWER_UP") || record.state == "UP")
            case "state": return record.state.checkValue { .string($0) }
            case "flags": return .list(record.flags.map { .string($0) })
            case "addresses":
                return .list(record.ipv4.enumerated().compactMap { index, assignment in
                    assignment.address.address.map { address(assignment, ip: $0, index: index, of: record, machine: machine) }
                })
            case "ip": return first?.address.address.checkValue { .ip($0) } ?? .null
            case "prefixLength": return first?.netmask?.prefixLength.checkValue { .int($0) } ?? .null
            case "network": return networkValue(first)
            case "master": return record.master.checkValue { .string($0) }
            case "description": return record.description.checkValue { .string($0) }
            default: return .null
            }
        })
    }

    static func networkValue(_ assignment: IPv4Assignment?) -> CheckValue {
        guard let assignment, let ip = assignment.address.address, let mask = assignment.netmask else { return .null }
        return IPv4Network(address: ip, mask: mask).checkValue { .cidr($0) }
    }

    static func address(_ assignment: IPv4Assignment, ip: IPv4Address, index: Int, of record: InterfaceRecord, machine: String) -> CheckValue {
        .object(CheckObject(type: "Address", label: "\(ip) (\(machine)/\(record.name))", identity: "\(machine)/\(record.name)/\(index)",
                            origin: record.origin) { field in
            switch field {
            case "ip": return .ip(ip)
            case "prefixLength": return assignment.netmask?.prefixLength.checkValue { .int($0) } ?? .null
            case "network": return networkValue(assignment)
            case "broadcast": return assignment.broadcast.checkValue { .ip($0) }
            case "interface": return .string(record.name)
            case "mac": return record.mac.checkValue { .mac($0) }
            case "machine": return .string(machine)
            case "dynamic": return .bool(assignment.flags.contains("dynamic") || record.dhcpEnabled == true)
            case "state": return assignment.state.checkValue { .string($0) }
            default: return .null
            }
        })
    }
}
