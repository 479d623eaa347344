/// jc's `ifconfig` schema: 27 legacy keys pre-filled with null (the `ipv4_*`/`ipv6_*` ones hold the
/// LAST address), then `ipv4`/`ipv6` lists when there are addresses.
enum JCIfconfig {
    static func json(_ result: SectionResult) -> JSONValue {
        .array(result.parsed.records.compactMap { record in
            guard case .interface(let interface) = record else { return nil }
            return object(interface, oldLayout: interface.flagsValue == nil)
        })
    }

    static func object(_ record: InterfaceRecord, oldLayout: Bool) -> JSONValue {
        var object = JSONObjectBuilder()
        object.set("name", .string(record.name))
        object.set("flags", JCSchema.int(record.flagsValue))
        if oldLayout {
            let state = record.flagsAsWritten.map { $0 + " " }.joined()
            object.set("state", state.isEmpty ? .null : .array([.string(state)]))
        } else {
            object.set("state", .array(record.flagsAsWritten.map { .string($0) }))
        }
        object.set("mtu", JCSchema.int(record.mtu))
        object.set("type", JCSchema.string(record.linkType))
        object.set("mac_addr", JCSchema.string(record.hardwareAddressText))
        let lastIPv4 = record.ipv4.last
        object.set("ipv4_addr", JCSchema.string(lastIPv4?.address.description))
        object.set("ipv4_mask", JCSchema.string(lastIPv4?.netmask?.description))
        object.set("ipv4_bcast", JCSchema.string(lastIPv4?.broadcast?.description))
        let lastIPv6 = record.ipv6.last
        object.set("ipv6_addr", JCSchema.string(lastIPv6?.address))
        object.set("ipv6_mask", JCSchema.int(lastIPv6?.prefixLength))
        object.set("ipv6_scope", JCSchema.string(oldLayout ? lastIPv6?.scope : lastIPv6?.scopeID))
        object.set("ipv6_type", JCSchema.string(oldLayout ? nil : lastIPv6?.scope))
        object.set("metric", JCSchema.int(oldLayout ? record.metric : nil))
        let counters = record.counters
        object.set("rx_packets", JCSchema.int(counters.rxPackets))
        object.set("rx_errors", JCSchema.int(counters.rxErrors))
        object.set("rx_dropped", JCSchema.int(counters.rxDropped))
        object.set("rx_overruns", JCSchema.int(counters.rxOverruns))
        object.set("rx_frame", JCSchema.int(counters.rxFrame))
        object.set("tx_packets", JCSchema.int(counters.txPackets))
        object.set("tx_errors", JCSchema.int(counters.txErrors))
        object.set("tx_dropped", JCSchema.int(counters.txDropped))
        object.set("tx_overruns", JCSchema.int(counters.txOverruns))
        object.set("tx_carrier", JCSchema.int(counters.txCarrier))
        object.set("tx_collisions", JCSchema.int(counters.collisions))
        object.set("rx_bytes", JCSchema.int(counters.rxBytes))
        object.set("tx_bytes", JCSchema.int(counters.txBytes))
        if !record.ipv4.isEmpty {
            object.set("ipv4", .array(record.ipv4.map { assignment in
                var item = JSONObjectBuilder()
                item.set("address", .string(assignment.address.description))
                if oldLayout {
                    item.set("broadcast", JCSchema.string(assignment.broadcast?.description))
                    item.set("mask", JCSchema.string(assignment.netmask?.description))
                } else {
                    item.set("mask", JCSchema.string(assignment.netmask?.description))
                    item.set("broadcast", JCSchema.string(assignment.broadcast?.description))
                }
                return item.value
            }))
        }
        if !record.ipv6.isEmpty {
            object.set("ipv6", .array(record.ipv6.map { assignment in
                var item = JSONObjectBuilder()
                item.set("address", .string(assignment.address))
                item.set("mask", JCSchema.int(assignment.prefixLength))
                if oldLayout {
                    item.set("scope", JCSchema.string(assignment.scope))
                } else {
                    item.set("scope", JCSchema.string(assignment.scopeID))
                    item.set("type", JCSchema.string(assignment.scope))
                }
                return item.value
            }))
        }
        return object.value
    }
}
