/// Whether a check applies to the mode the input shows.
enum CheckScope {
    /// Why a rule does not apply to `mode`, or nil when it does. An ambiguous verdict applies
    /// when every candidate does.
    static func modeMismatch(_ scope: CheckRule.Scope, _ mode: CheckMode) -> LocalizedText? {
        let ids = mode.id == "ambiguous" && !mode.candidates.isEmpty ? mode.candidates : [mode.id]
        let fits = ids.allSatisfy { id in
            let hypervisor = id.split(separator: ".").first.map(String.init) ?? id
            return (scope.hypervisors.isEmpty || scope.hypervisors.contains(hypervisor))
                && (scope.modes.isEmpty || scope.modes.contains { matches($0, id) })
                && !scope.exceptModes.contains { matches($0, id) }
        }
        guard !fits else { return nil }
        var wanted: [String] = []
        if !scope.hypervisors.isEmpty { wanted.append(scope.hypervisors.joined(separator: ", ")) }
        if !scope.modes.isEmpty { wanted.append(scope.modes.joined(separator: ", ")) }
        let except = scope.exceptModes.isEmpty ? "" : " (not \(scope.exceptModes.joined(separator: ", ")))"
        let exceptEs = scope.exceptModes.isEmpty ? "" : " (salvo \(scope.exceptModes.joined(separator: ", ")))"
        let target = wanted.isEmpty ? "other modes" : wanted.joined(separator: " / ")
        let targetEs = wanted.isEmpty ? "otros modos" : wanted.joined(separator: " / ")
        return LocalizedText(en: "applies to \(target)\(except); the mode here is \(mode.id)",
                             es: "se aplica a \(targetEs)\(exceptEs); el modo aquí es \(mode.id)")
    }

    /// `xen.*` matches every Xen mode; anything else matches exactly.
    static func matches(_ pattern: String, _ id: String) -> Bool {
        pattern.hasSuffix(".*") ? id.hasPrefix(pattern.dropLast()) : pattern == id
    }

    /// The machines a role scope selects. Beside a host, a machine whose role nothing tells is
    /// taken as a guest: people paste a host and its guests, and a guest with a broken network
    /// (on the wrong subnet, without a gateway) loses exactly the clues that name it.
    static func subjects(_ role: String, in machines: [Machine]) -> [Machine] {
        let hasHost = machines.contains { $0.role == .host }
        return machines.filter { machine in
            role == "any" || machine.role.rawValue == role || (role == "guest" && hasHost && machine.role == .unknown)
        }
    }

    static func roleName(_ role: String) -> String {
        ["host": "anfitrión", "guest": "invitado", "observer": "observador", "any": "cualquiera"][role] ?? role
    }
}

/// The inputs a rule can require (`requires:`), and which a machine or a capture has.
enum CheckInputs {
    static func present(in machine: Machine) -> Set<String> {
        var inputs: Set<String> = []
        if !machine.interfaces.isEmpty { inputs.insert("interfaces") }
        if machine.interfaces.contains(where: { $0.ipv4.contains { $0.address.address != nil } }) { inputs.insert("addresses") }
        // An empty routing table that was printed is an observation (no route at all), not a missing input.
        let routeFormats: Set<String> = ["route", "ip-route", "netstat-r", "proc-net-route", "route-print"]
        if machine.routes.contains(where: { $0.family == .inet }) || machine.sections.contains(where: { routeFormats.contains($0.section.format.rawValue) }) {
            inputs.insert("routes")
        }
        if !machine.neighbors.isEmpty { inputs.insert("neighbors") }
        if !machine.bridges.isEmpty || !machine.bridgePorts.isEmpty { inputs.insert("bridges") }
        if !machine.firewallRules.isEmpty || !machine.firewallChains.isEmpty { inputs.insert("firewall") }
        if machine.firewallRules.contains(where: { $0.table == "nat" }) || machine.firewallChains.contains(where: { $0.table == "nat" }) {
            inputs.insert("nat")
        }
        if !machine.sysctls.isEmpty || machine.hostRecords.contains(where: { $0.ipRoutingEnabled != nil }) { inputs.insert("sysctls") }
        if !machine.events.isEmpty { inputs.insert("events") }
        if !machine.ownNetworks.isEmpty { inputs.insert("networks") }
        return inputs
    }

    /// The required inputs that are not there. Without a subject machine (a rule over the whole
    /// input) any machine may have them; `host` and `guest` ask for a machine with that role.
    static func missing(_ required: [String], machine: Machine?, in context: CheckContext) -> [String] {
        guard !required.isEmpty else { return [] }
        let available = machine.map { context.inputsByMachine[$0.name] ?? present(in: $0) } ?? context.inputsOfAll
        return required.filter { input in
            switch input {
            case "host": return !context.roles.contains(.host)
            case "guest": return !context.roles.contains(.guest)
            default: return !available.contains(input)
            }
        }
    }
}
