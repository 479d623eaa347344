/// The native JSON form of each record kind.
enum RecordJSON {
    static func write<Sink: JSONSink>(_ record: Record, to sink: inout Sink) {
        switch record {
        case .interface(let interface): write(interface, to: &sink)
        case .route(let route): write(route, to: &sink)
        case .neighbor(let neighbor): write(neighbor, to: &sink)
        case .bridge(let bridge): write(bridge, to: &sink)
        case .bridgePort(let port): write(port, to: &sink)
        case .firewallChain(let chain): write(chain, to: &sink)
        case .firewallRule(let rule): write(rule, to: &sink)
        case .sysctl(let setting): write(setting, to: &sink)
        case .host(let host): write(host, to: &sink)
        case .event(let event): writeEvent(event, to: &sink)
        }
    }

    static func lines<Sink: JSONSink>(_ origin: Provenance, to sink: inout Sink) {
        sink.lineRange(origin.firstLine, origin.lastLine)
    }

    /// Writes an address-shaped token; a redacted one is remembered so the record can say so.
    static func host<Sink: JSONSink>(_ token: HostToken?, key: JSONKey, to sink: inout Sink, redacted: inout [String]) {
        guard let token else { return }
        sink.field(key, token.description)
        if case .redacted = token { redacted.append(key.text) }
    }

    static func write<Sink: JSONSink>(_ record: InterfaceRecord, to sink: inout Sink) {
        // The boxed details read once: each `record.state`-style read went through a key path and
        // copied the whole box.
        let details = record.details
        sink.object { sink in
            sink.field("kind", "interface")
            lines(record.origin, to: &sink)
            sink.field("name", record.name)
            sink.field("index", details.index)
            sink.field("description", details.description)
            if !record.flags.isEmpty { sink.field("flags", record.flags) }
            sink.field("flagsValue", record.flagsValue)
            sink.field("mtu", record.mtu)
            sink.field("metric", record.metric)
            sink.field("state", details.state)
            sink.field("master", details.master)
            sink.field("peer", details.peer)
            sink.field("linkNetns", details.linkNetns)
            if !details.altNames.isEmpty { sink.field("altNames", details.altNames) }
            sink.field("qdisc", details.qdisc)
            sink.field("linkType", record.linkType)
            sink.field("mac", record.mac)
            if record.mac == nil { sink.field("hardwareAddress", record.hardwareAddressText) }
            sink.key("ipv4")
            sink.array(record.ipv4) { sink, assignment in
                sink.object { sink in
                    var redacted: [String] = []
                    host(assignment.address, key: "address", to: &sink, redacted: &redacted)
                    sink.field("netmask", assignment.netmask)
                    sink.field("prefixLength", assignment.netmask?.prefixLength)
                    sink.field("broadcast", assignment.broadcast)
                    sink.field("peer", assignment.peer)
                    sink.field("scope", assignment.scope)
                    sink.field("label", assignment.label)
                    if !assignment.flags.isEmpty { sink.field("flags", assignment.flags) }
                    sink.field("state", assignment.state)
                    if !redacted.isEmpty { sink.field("redacted", true) }
                }
            }
            sink.key("ipv6")
            sink.array(record.ipv6) { sink, assignment in
                sink.object { sink in
                    sink.field("address", assignment.address)
                    sink.field("prefixLength", assignment.prefixLength)
                    sink.field("scope", assignment.scope)
                    sink.field("scopeId", assignment.scopeID)
                    sink.field("zone", assignment.zone)
                    if !assignment.flags.isEmpty { sink.field("flags", assignment.flags) }
                }
            }
            if !details.gateways.isEmpty { sink.field("gateways", details.gateways.map(\.description)) }
            sink.field("dhcpEnabled", details.dhcpEnabled)
            sink.field("dhcpServer", details.dhcpServer?.description)
            if !details.dnsServers.isEmpty { sink.field("dnsServers", details.dnsServers) }
            sink.field("mediaStatus", details.mediaStatus)
            if !details.members.isEmpty { sink.field("members", details.members) }
            if !details.attributes.isEmpty {
                sink.key("attributes")
                sink.array(details.attributes) { sink, attribute in
                    sink.object { sink in
                        sink.field("key", attribute.key)
                        sink.field("value", attribute.value)
                    }
                }
            }
            counters(record.counters, to: &sink)
            sink.field("interrupt", details.interrupt)
            sink.field("baseAddress", details.baseAddress)
            sink.field("memory", details.memory)
            if record.reconstructed { sink.field("reconstructed", true) }
            if record.nameMayBeTruncated { sink.field("nameMayBeTruncated", true) }
        }
    }

    static func counters<Sink: JSONSink>(_ counters: InterfaceCounters, to sink: inout Sink) {
        // Field by field: a table of (key, value) pairs cost an array and its retains per interface.
        guard counters != InterfaceCounters() else { return }
        sink.key("counters")
        sink.object { sink in
            sink.field("rxPackets", counters.rxPackets)
            sink.field("rxBytes", counters.rxBytes)
            sink.field("rxErrors", counters.rxErrors)
            sink.field("rxDropped", counters.rxDropped)
            sink.field("rxOverruns", counters.rxOverruns)
            sink.field("rxFrame", counters.rxFrame)
            sink.field("txPackets", counters.txPackets)
            sink.field("txBytes", counters.txBytes)
            sink.field("txErrors", counters.txErrors)
            sink.field("txDropped", counters.txDropped)
            sink.field("txOverruns", counters.txOverruns)
            sink.field("txCarrier", counters.txCarrier)
            sink.field("collisions", counters.collisions)
            sink.field("txQueueLength", counters.txQueueLength)
        }
    }

    static func write<Sink: JSONSink>(_ record: RouteRecord, to sink: inout Sink) {
        sink.object { sink in
            var redacted: [String] = []
            sink.field("kind", "route")
            lines(record.origin, to: &sink)
            sink.field("family", record.family.rawValue)
            host(record.destination, key: "destination", to: &sink, redacted: &redacted)
            host(record.gateway, key: "gateway", to: &sink, redacted: &redacted)
            sink.field("genmask", record.genmask?.description)
            sink.field("prefixLength", record.genmask?.prefixLength)
            sink.field("flags", record.flags)
            sink.field("metric", record.metric)
            sink.field("ref", record.ref)
            sink.field("use", record.use)
            sink.field("interface", record.interface)
            sink.field("mss", record.mss)
            sink.field("window", record.window)
            sink.field("irtt", record.irtt)
            sink.field("mtu", record.mtu)
            sink.field("type", record.type)
            sink.field("protocol", record.protocolName)
            sink.field("scope", record.scope)
            sink.field("source", record.source?.description)
            if !record.options.isEmpty { sink.field("options", record.options) }
            if record.persistent { sink.field("persistent", true) }
            sink.field("default", record.family == .inet ? record.isDefault : nil)
            if !redacted.isEmpty { sink.field("redacted", redacted) }
        }
    }

    static func write<Sink: JSONSink>(_ record: NeighborRecord, to sink: inout Sink) {
        sink.object { sink in
            var redacted: [String] = []
            sink.field("kind", "neighbor")
            lines(record.origin, to: &sink)
            host(record.address, key: "address", to: &sink, redacted: &redacted)
            sink.field("name", record.name)
            sink.field("hardwareType", record.hardwareType)
            sink.field("mac", record.mac)
            if record.mac == nil { sink.field("hardwareAddress", record.hardwareAddressText) }
            sink.field("flags", record.flags)
            sink.field("mask", record.mask)
            sink.field("interface", record.interface)
            sink.field("state", record.state.rawValue)
            sink.field("nudState", record.nudState)
            sink.field("router", record.router)
            sink.field("permanent", record.permanent)
            sink.field("expires", record.expires)
            if record.mac == nil, let text = record.hardwareAddressText, HostToken.looksRedacted(text) {
                redacted.append("hardwareAddress")
            }
            if !redacted.isEmpty { sink.field("redacted", redacted) }
        }
    }
}
