/// jc's `ifconfig` schema: 27 legacy keys pre-filled with null (the `ipv4_*`/`ipv6_*` ones hold the
/// LAST address), then `ipv4`/`ipv6` lists when there are addresses.
enum JCIfconfig {
    static func write<Sink: JSONSink>(_ result: SectionResult, to sink: inout Sink) {
        sink.beginArray()
        // An ifconfig section holds interfaces only; thousands of them are written on all cores.
        sink.elements(result.parsed.records) { sink, record in
            if case .interface(let interface) = record {
                write(interface, oldLayout: interface.layout == "old", to: &sink)
            }
        }
        sink.endArray()
    }

    // No closure here captures the record or an address: a capture made the caller copy the whole
    // record out of its Record box (retaining every field) and each address out of its array.
    static func write<Sink: JSONSink>(_ record: InterfaceRecord, oldLayout: Bool, to sink: inout Sink) {
        let bsd = record.layout == "bsd"
        sink.beginObject()
        sink.field("name", record.name)
        sink.fieldOrNull("flags", record.flagsValue)
        sink.key("state")
        if record.flagsAsWritten.isEmpty {
            sink.null()  // no flags line, or `flags=0<>`
        } else if oldLayout {
            sink.beginArray()
            sink.string(joining: record.flagsAsWritten, eachFollowedBy: " ")
            sink.endArray()
        } else {
            sink.beginArray()
            for index in record.flagsAsWritten.indices { sink.string(record.flagsAsWritten[index]) }
            sink.endArray()
        }
        sink.fieldOrNull("mtu", record.mtu)
        sink.fieldOrNull("type", bsd ? nil : record.linkType)
        sink.fieldOrNull("mac_addr", record.hardwareAddressText)
        writeLegacyAddresses(record, oldLayout: oldLayout, bsd: bsd, to: &sink)
        sink.fieldOrNull("metric", oldLayout || bsd ? record.metric : nil)
        writeCounters(record.counters, to: &sink)
        if bsd {
            if let last = record.ipv6.indices.last { sink.fieldOrNull("ipv6_scope_id", record.ipv6[last].zone) }
            JCIfconfigBSD.writeAttributes(record.attributes, to: &sink)
        }
        if !record.ipv4.isEmpty {
            sink.key("ipv4")
            sink.beginArray()
            for index in record.ipv4.indices { write(record.ipv4[index], oldLayout: oldLayout, to: &sink) }
            sink.endArray()
        }
        if !record.ipv6.isEmpty {
            sink.key("ipv6")
            sink.beginArray()
            for index in record.ipv6.indices { write(record.ipv6[index], oldLayout: oldLayout, bsd: bsd, to: &sink) }
            sink.endArray()
        }
        sink.endObject()
    }

    /// The `ipv4_*` and `ipv6_*` keys, which hold the last address of each family.
    private static func writeLegacyAddresses<Sink: JSONSink>(_ record: InterfaceRecord, oldLayout: Bool, bsd: Bool,
                                                             to sink: inout Sink) {
        if let last = record.ipv4.indices.last {
            sink.fieldOrNull("ipv4_addr", record.ipv4[last].address)
            sink.fieldOrNull("ipv4_mask", record.ipv4[last].netmask)
            sink.fieldOrNull("ipv4_bcast", record.ipv4[last].broadcast)
        } else {
            sink.key("ipv4_addr"); sink.null()
            sink.key("ipv4_mask"); sink.null()
            sink.key("ipv4_bcast"); sink.null()
        }
        if let last = record.ipv6.indices.last {
            sink.fieldOrNull("ipv6_addr", record.ipv6[last].address)
            sink.fieldOrNull("ipv6_mask", record.ipv6[last].prefixLength)
            sink.fieldOrNull("ipv6_scope", oldLayout ? record.ipv6[last].scope : record.ipv6[last].scopeID)
            sink.fieldOrNull("ipv6_type", oldLayout ? nil : record.ipv6[last].scope)
        } else {
            sink.key("ipv6_addr"); sink.null()
            sink.key("ipv6_mask"); sink.null()
            sink.key("ipv6_scope"); sink.null()
            sink.key("ipv6_type"); sink.null()
        }
    }

    private static func writeCounters<Sink: JSONSink>(_ counters: InterfaceCounters, to sink: inout Sink) {
        sink.fieldOrNull("rx_packets", counters.rxPackets)
        sink.fieldOrNull("rx_errors", counters.rxErrors)
        sink.fieldOrNull("rx_dropped", counters.rxDropped)
        sink.fieldOrNull("rx_overruns", counters.rxOverruns)
        sink.fieldOrNull("rx_frame", counters.rxFrame)
        sink.fieldOrNull("tx_packets", counters.txPackets)
        sink.fieldOrNull("tx_errors", counters.txErrors)
        sink.fieldOrNull("tx_dropped", counters.txDropped)
        sink.fieldOrNull("tx_overruns", counters.txOverruns)
        sink.fieldOrNull("tx_carrier", counters.txCarrier)
        sink.fieldOrNull("tx_collisions", counters.collisions)
        sink.fieldOrNull("rx_bytes", counters.rxBytes)
        sink.fieldOrNull("tx_bytes", counters.txBytes)
    }

    private static func write<Sink: JSONSink>(_ assignment: IPv4Assignment, oldLayout: Bool, to sink: inout Sink) {
        sink.beginObject()
        sink.field("address", assignment.address)
        // jc orders these keys differently in the two layouts.
        if oldLayout {
            sink.fieldOrNull("broadcast", assignment.broadcast)
            sink.fieldOrNull("mask", assignment.netmask)
        } else {
            sink.fieldOrNull("mask", assignment.netmask)
            sink.fieldOrNull("broadcast", assignment.broadcast)
        }
        sink.endObject()
    }

    private static func write<Sink: JSONSink>(_ assignment: IPv6Assignment, oldLayout: Bool, bsd: Bool, to sink: inout Sink) {
        sink.beginObject()
        sink.field("address", assignment.address)
        sink.fieldOrNull("mask", assignment.prefixLength)
        if bsd {
            sink.fieldOrNull("scope_id", assignment.zone)
            sink.fieldOrNull("scope", assignment.scopeID)
        } else if oldLayout {
            sink.fieldOrNull("scope", assignment.scope)
        } else {
            sink.fieldOrNull("scope", assignment.scopeID)
            sink.fieldOrNull("type", assignment.scope)
        }
        sink.endObject()
    }
}
