/// Routes, neighbours, bridges, firewall, settings and events as check rules see them.
extension CheckModel {
    static func route(_ record: RouteRecord, machine: String) -> CheckValue {
        let label = "\(record.destinationText ?? record.destination.description) via \(record.gateway?.description ?? "-") dev \(record.interface ?? "-")"
        return .object(CheckObject(type: "Route", label: label, origin: record.origin) { field in
            let gateway = record.gateway?.address.flatMap { $0.value == 0 ? nil : $0 }
            switch field {
            case "destination":
                if record.isDefault { return .cidr(IPv4Network("0.0.0.0/0")!) }
                guard let address = record.destination.address else { return .null }
                return IPv4Network(address: address, mask: record.genmask ?? IPv4Address(.max)).checkValue { .cidr($0) }
            case "gateway": return gateway.checkValue { .ip($0) }
            case "interface": return record.interface.checkValue { .string($0) }
            case "metric": return record.metric.checkValue { .int($0) }
            case "flags": return record.flags.checkValue { .string($0) }
            case "isDefault": return .bool(record.isDefault)
            case "isHost": return .bool(!record.isDefault && (record.genmask == IPv4Address(.max) || record.flags?.contains("H") == true))
            case "connected": return .bool(gateway == nil && !record.isReject)
            case "onlink": return .bool(record.options.contains("onlink"))
            case "reject": return .bool(record.isReject || ["unreachable", "blackhole", "prohibit"].contains(record.type ?? ""))
            case "machine": return .string(machine)
            default: return .null
            }
        })
    }

    static func neighbor(_ record: NeighborRecord, machine: String) -> CheckValue {
        .object(CheckObject(type: "Neighbor", label: "\(record.address) at \(record.hardwareAddressText ?? "?")", origin: record.origin) { field in
            switch field {
            case "ip": return record.address.address.checkValue { .ip($0) }
            case "mac": return record.mac.checkValue { .mac($0) }
            case "interface": return record.interface.checkValue { .string($0) }
            case "complete": return .bool(record.state != .incomplete)
            case "machine": return .string(machine)
            default: return .null
            }
        })
    }

    static func bridges(of machine: Machine) -> [CheckValue] {
        machine.bridgeMemberships.map { bridge in
            .object(CheckObject(type: "Bridge", label: "\(machine.name)/\(bridge.name)", origin: bridge.origin) { field in
                switch field {
                case "name": return .string(bridge.name)
                case "ports": return .list(bridge.ports.map { .string($0) })
                case "stp": return bridge.stp.checkValue { .bool($0) }
                case "machine": return .string(machine.name)
                default: return .null
                }
            })
        }
    }

    static func bridgePort(_ record: BridgePortRecord, machine: String) -> CheckValue {
        .object(CheckObject(type: "BridgePort", label: "\(machine)/\(record.name)", origin: record.origin) { field in
            switch field {
            case "name": return .string(record.name)
            case "master": return record.master.checkValue { .string($0) }
            case "state": return record.state.checkValue { .string($0) }
            case "mtu": return record.mtu.checkValue { .int($0) }
            case "machine": return .string(machine)
            default: return .null
            }
        })
    }

    static func firewallRule(_ record: FirewallRuleRecord, machine: String) -> CheckValue {
        .object(CheckObject(type: "FirewallRule", label: "\(record.table)/\(record.chain) \(record.target ?? "")", origin: record.origin) { field in
            switch field {
            case "table": return .string(record.table)
            case "chain": return .string(record.chain)
            case "target": return record.target.checkValue { .string($0) }
            case "source": return record.source.checkValue { .string($0) }
            case "destination": return record.destination.checkValue { .string($0) }
            case "inInterface": return record.inInterface.checkValue { .string($0) }
            case "outInterface": return record.outInterface.checkValue { .string($0) }
            case "options": return record.options.checkValue { .string($0) }
            case "packets": return record.packets.flatMap { Int($0) }.checkValue { .int($0) }
            case "machine": return .string(machine)
            default: return .null
            }
        })
    }

    static func firewallChain(_ record: FirewallChainRecord, machine: String) -> CheckValue {
        .object(CheckObject(type: "FirewallChain", label: "\(record.table)/\(record.name)", origin: record.origin) { field in
            switch field {
            case "table": return .string(record.table)
            case "name": return .string(record.name)
            case "policy": return record.policy.checkValue { .string($0) }
            case "machine": return .string(machine)
            default: return .null
            }
        })
    }

    static func sysctl(_ record: SysctlRecord, machine: String) -> CheckValue {
        .object(CheckObject(type: "Sysctl", label: "\(record.key) = \(record.value)", origin: record.origin) { field in
            switch field {
            case "key": return .string(record.key)
            case "value": return .string(record.value)
            case "machine": return .string(machine)
            default: return .null
            }
        })
    }

    static func event(_ event: LogEvent, machine: String) -> CheckValue {
        let origin = Provenance(source: event.origin.source, firstLine: event.origin.line, lastLine: event.origin.line)
        return .object(CheckObject(type: "Event", label: "\(event.kind) \(event.field("mac") ?? event.field("ip") ?? "")", origin: origin,
                                   methods: { name, arguments in
            guard name == "field", case .string(let key)? = arguments.first else { return .null }
            return event.field(key).checkValue { .string($0) }
        }) { field in
            switch field {
            case "kind": return .string(event.kind)
            case "program": return event.program.checkValue { .string($0) }
            case "mac": return event.field("mac").flatMap { MACAddress($0) }.checkValue { .mac($0) }
            case "ip": return event.field("ip").flatMap { IPv4Address($0) }.checkValue { .ip($0) }
            case "interface": return event.field("interface").checkValue { .string($0) }
            case "server": return event.field("server").checkValue { .string($0) }
            case "text": return .string(event.origin.text)
            case "machine": return .string(machine)
            default: return .null
            }
        })
    }
}

