/// The native JSON form of each record kind.
enum RecordJSON {
    static func native(_ record: Record) -> JSONValue {
        switch record {
        case .interface(let interface): return self.interface(interface)
        case .route(let route): return self.route(route)
        case .neighbor(let neighbor): return self.neighbor(neighbor)
        }
    }

    static func lines(_ origin: Provenance) -> JSONValue {
        .array([.int(origin.firstLine), .int(origin.lastLine)])
    }

    static func host(_ token: HostToken?, key: String, into object: inout JSONObjectBuilder, redacted: inout [String]) {
        guard let token else { return }
        object.set(key, token.description)
        if case .redacted = token { redacted.append(key) }
    }

    static func interface(_ record: InterfaceRecord) -> JSONValue {
        var object = JSONObjectBuilder()
        var redacted: [String] = []
        object.set("kind", .string("interface"))
        object.set("lines", lines(record.origin))
        object.set("name", record.name)
        object.set("flags", record.flags)
        object.set("flagsValue", record.flagsValue)
        object.set("mtu", record.mtu)
        object.set("metric", record.metric)
        object.set("linkType", record.linkType)
        object.set("mac", record.mac?.description)
        if record.mac == nil { object.set("hardwareAddress", record.hardwareAddressText) }
        object.set("ipv4", .array(record.ipv4.enumerated().map { index, assignment in
            var item = JSONObjectBuilder()
            host(assignment.address, key: "address", into: &item, redacted: &redacted)
            item.set("netmask", assignment.netmask?.description)
            item.set("prefixLength", assignment.netmask?.prefixLength)
            item.set("broadcast", assignment.broadcast?.description)
            item.set("peer", assignment.peer?.description)
            if case .redacted = assignment.address { item.set("redacted", true) }
            return item.value
        }))
        object.set("ipv6", .array(record.ipv6.map { assignment in
            var item = JSONObjectBuilder()
            item.set("address", assignment.address)
            item.set("prefixLength", assignment.prefixLength)
            item.set("scope", assignment.scope)
            item.set("scopeId", assignment.scopeID)
            return item.value
        }))
        let counters = record.counters
        var counterObject = JSONObjectBuilder()
        counterObject.set("rxPackets", counters.rxPackets)
        counterObject.set("rxBytes", counters.rxBytes)
        counterObject.set("rxErrors", counters.rxErrors)
        counterObject.set("rxDropped", counters.rxDropped)
        counterObject.set("rxOverruns", counters.rxOverruns)
        counterObject.set("rxFrame", counters.rxFrame)
        counterObject.set("txPackets", counters.txPackets)
        counterObject.set("txBytes", counters.txBytes)
        counterObject.set("txErrors", counters.txErrors)
        counterObject.set("txDropped", counters.txDropped)
        counterObject.set("txOverruns", counters.txOverruns)
        counterObject.set("txCarrier", counters.txCarrier)
        counterObject.set("collisions", counters.collisions)
        counterObject.set("txQueueLength", counters.txQueueLength)
        if !counterObject.pairs.isEmpty { object.set("counters", counterObject.value) }
        object.set("interrupt", record.interrupt)
        object.set("baseAddress", record.baseAddress)
        object.set("memory", record.memory)
        if record.reconstructed { object.set("reconstructed", true) }
        if record.nameMayBeTruncated { object.set("nameMayBeTruncated", true) }
        return object.value
    }

    static func route(_ record: RouteRecord) -> JSONValue {
        var object = JSONObjectBuilder()
        var redacted: [String] = []
        object.set("kind", .string("route"))
        object.set("lines", lines(record.origin))
        object.set("family", record.family.rawValue)
        host(record.destination, key: "destination", into: &object, redacted: &redacted)
        host(record.gateway, key: "gateway", into: &object, redacted: &redacted)
        object.set("genmask", record.genmask?.description)
        object.set("prefixLength", record.genmask?.prefixLength)
        object.set("flags", record.flags)
        object.set("metric", record.metric)
        object.set("ref", record.ref)
        object.set("use", record.use)
        object.set("interface", record.interface)
        object.set("mss", record.mss)
        object.set("window", record.window)
        object.set("irtt", record.irtt)
        object.set("mtu", record.mtu)
        object.set("default", record.family == .inet ? record.isDefault : nil)
        if !redacted.isEmpty { object.set("redacted", redacted) }
        return object.value
    }

    static func neighbor(_ record: NeighborRecord) -> JSONValue {
        var object = JSONObjectBuilder()
        var redacted: [String] = []
        object.set("kind", .string("neighbor"))
        object.set("lines", lines(record.origin))
        host(record.address, key: "address", into: &object, redacted: &redacted)
        object.set("name", record.name)
        object.set("hardwareType", record.hardwareType)
        object.set("mac", record.mac?.description)
        if record.mac == nil { object.set("hardwareAddress", record.hardwareAddressText) }
        object.set("flags", record.flags)
        object.set("mask", record.mask)
        object.set("interface", record.interface)
        object.set("state", record.state.rawValue)
        object.set("permanent", record.permanent)
        object.set("expires", record.expires)
        if record.mac == nil, let text = record.hardwareAddressText, HostToken.looksRedacted(text) {
            redacted.append("hardwareAddress")
        }
        if !redacted.isEmpty { object.set("redacted", redacted) }
        return object.value
    }
}
