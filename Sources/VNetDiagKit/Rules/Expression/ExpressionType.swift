/// The static types of the condition language. Fields may be absent at run time (`null`): an
/// interface without an address, a route without a gateway.
public indirect enum ValueType: Equatable, Sendable, CustomStringConvertible {
    case bool, int, string, ip, cidr, mac, null
    case list(ValueType)
    case object(String)
    /// The element type of `[]` and the type of `null`, compatible with anything.
    case any

    public var description: String {
        switch self {
        case .bool: return "bool"
        case .int: return "int"
        case .string: return "string"
        case .ip: return "ip"
        case .cidr: return "cidr"
        case .mac: return "mac"
        case .null: return "null"
        case .list(let element): return "list<\(element)>"
        case .object(let name): return name
        case .any: return "any"
        }
    }

    /// Whether a value of `other` may stand where `self` is expected.
    func accepts(_ other: ValueType) -> Bool {
        switch (self, other) {
        case (.any, _), (_, .any), (_, .null), (.null, _): return true
        case (.list(let a), .list(let b)): return a.accepts(b)
        default: return self == other
        }
    }

    /// The more precise of two compatible types (for list literals and `?:` branches).
    func joined(with other: ValueType) -> ValueType {
        switch (self, other) {
        case (.any, _), (.null, _): return other
        case (.list(let a), .list(let b)): return .list(a.joined(with: b))
        default: return self
        }
    }
}

/// What rules can read: the objects of the topology model, their fields, the top-level names
/// and the functions. One table, so the checker, `rules show` and the evaluator's objects agree
/// (a test walks every field of every object).
public enum CheckSchema {
    public static let objects: [String: [String: ValueType]] = [
        "Mode": ["id": .string, "hypervisor": .string, "mode": .string, "confidence": .int, "ambiguous": .bool,
                 "candidates": .list(.string)],
        "Machine": ["name": .string, "role": .string, "interfaces": .list(.object("Interface")),
                    "addresses": .list(.object("Address")), "routes": .list(.object("Route")),
                    "defaultRoutes": .list(.object("Route")), "neighbors": .list(.object("Neighbor")),
                    "bridges": .list(.object("Bridge")), "bridgePorts": .list(.object("BridgePort")),
                    "firewallRules": .list(.object("FirewallRule")), "firewallChains": .list(.object("FirewallChain")),
                    "sysctls": .list(.object("Sysctl")), "events": .list(.object("Event")), "networks": .list(.cidr),
                    "ipForward": .int, "inputs": .list(.string)],
        "Interface": ["name": .string, "machine": .string, "kind": .string, "mac": .mac, "mtu": .int, "up": .bool,
                      "running": .bool, "state": .string, "flags": .list(.string), "addresses": .list(.object("Address")),
                      "ip": .ip, "prefixLength": .int, "network": .cidr, "master": .string, "description": .string],
        "Address": ["ip": .ip, "prefixLength": .int, "network": .cidr, "broadcast": .ip, "interface": .string,
                    "mac": .mac, "machine": .string, "dynamic": .bool, "state": .string],
        "Route": ["destination": .cidr, "gateway": .ip, "interface": .string, "metric": .int, "flags": .string,
                  "isDefault": .bool, "isHost": .bool, "connected": .bool, "onlink": .bool, "reject": .bool, "machine": .string],
        "Neighbor": ["ip": .ip, "mac": .mac, "interface": .string, "complete": .bool, "machine": .string],
        "Bridge": ["name": .string, "ports": .list(.string), "stp": .bool, "machine": .string],
        "BridgePort": ["name": .string, "master": .string, "state": .string, "mtu": .int, "machine": .string],
        "FirewallRule": ["table": .string, "chain": .string, "target": .string, "source": .string, "destination": .string,
                         "inInterface": .string, "outInterface": .string, "options": .string, "packets": .int, "machine": .string],
        "FirewallChain": ["table": .string, "name": .string, "policy": .string, "machine": .string],
        "Sysctl": ["key": .string, "value": .string, "machine": .string],
        "Event": ["kind": .string, "program": .string, "mac": .mac, "ip": .ip, "interface": .string, "server": .string,
                  "text": .string, "machine": .string],
    ]

    /// Names every rule can read. `machine` is added for rules scoped to a role, `item` for rules with `each:`.
    public static let globals: [String: ValueType] = [
        "mode": .object("Mode"), "machines": .list(.object("Machine")), "hosts": .list(.object("Machine")),
        "guests": .list(.object("Machine")), "observers": .list(.object("Machine")),
        "addresses": .list(.object("Address")), "interfaces": .list(.object("Interface")),
        "neighbors": .list(.object("Neighbor")),
    ]

    /// Functions with fixed signatures; `size`, `unique`, `string` and `first` are generic and typed by the checker.
    public static let functions: [String: (arguments: [ValueType], result: ValueType)] = [
        "inSubnet": ([.ip, .cidr], .bool),
        "overlaps": ([.cidr, .cidr], .bool),
        "overlapping": ([.list(.cidr)], .list(.cidr)),
        "sameSubnet": ([.ip, .ip, .int], .bool),
        "network": ([.ip, .int], .cidr),
        "hostIndex": ([.ip, .cidr], .int),
        "broadcastOf": ([.cidr], .ip),
        "prefixLength": ([.cidr], .int),
        "address": ([.cidr, .int], .ip),
        "ip": ([.string], .ip),
        "cidr": ([.string], .cidr),
        "mac": ([.string], .mac),
        "int": ([.string], .int),
        "macVendor": ([.mac], .string),
        "isMulticast": ([.mac], .bool),
        "isLocallyAdministered": ([.mac], .bool),
        "isPrivate": ([.ip], .bool),
        "isLinkLocal": ([.ip], .bool),
    ]

    /// Methods by receiver type.
    public static let methods: [String: [String: (arguments: [ValueType], result: ValueType)]] = [
        "string": ["startsWith": ([.string], .bool), "endsWith": ([.string], .bool), "contains": ([.string], .bool),
                   "lower": ([], .string)],
        "Machine": ["sysctl": ([.string], .string), "interface": ([.string], .object("Interface"))],
        "Event": ["field": ([.string], .string)],
    ]

    /// The inputs a rule can require, and how a machine shows it has them.
    public static let inputs: Set<String> = ["interfaces", "addresses", "routes", "neighbors", "bridges", "firewall",
                                             "sysctls", "events", "networks", "nat", "host", "guest"]
}
