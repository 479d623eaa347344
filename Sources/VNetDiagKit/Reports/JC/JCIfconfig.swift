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

    static func write<Sink: JSONSink>(_ record: InterfaceRecord, oldLayout: Bool, to sink: inout Sink) {
        let bsd = record.layout == "bsd"
        sink.object { sink in
            sink.field("name", record.name)
            sink.fieldOrNull("flags", record.flagsValue)
            sink.key("state")
            if oldLayout {
                if record.flagsAsWritten.isEmpty {
                    sink.null()
                } else {
                    sink.array { $0.string(joining: record.flagsAsWritten, eachFollowedBy: " ") }
                }
            } else if record.flagsAsWritten.isEmpty {
                sink.null()  // `flags=0<>`
            } else {
                sink.array(record.flagsAsWritten) { sink, word in sink.string(word) }
            }
            sink.fieldOrNull("mtu", record.mtu)
            sink.fieldOrNull("type", bsd ? nil : record.linkType)
            sink.fieldOrNull("mac_addr", record.hardwareAddressText)
            let lastIPv4 = record.ipv4.last
            sink.fieldOrNull("ipv4_addr", lastIPv4?.address)
            sink.fieldOrNull("ipv4_mask", lastIPv4?.netmask)
            sink.fieldOrNull("ipv4_bcast", lastIPv4?.broadcast)
            let lastIPv6 = record.ipv6.last
            sink.fieldOrNull("ipv6_addr", lastIPv6?.address)
            sink.fieldOrNull("ipv6_mask", lastIPv6?.prefixLength)
            sink.fieldOrNull("ipv6_scope", oldLayout ? lastIPv6?.scope : lastIPv6?.scopeID)
            sink.fieldOrNull("ipv6_type", oldLayout ? nil : lastIPv6?.scope)
            sink.fieldOrNull("metric", oldLayout || bsd ? record.metric : nil)
            let counters = record.counters
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
            if bsd {
                if !record.ipv6.isEmpty { sink.fieldOrNull("ipv6_scope_id", lastIPv6?.zone) }
                JCIfconfigBSD.writeAttributes(record.attributes, to: &sink)
            }
            if !record.ipv4.isEmpty {
                sink.key("ipv4")
                sink.array(record.ipv4) { sink, assignment in
                    sink.object { sink in
                        sink.field("address", assignment.address)
                        // jc orders these keys differently in the two layouts.
                        if oldLayout {
                            sink.fieldOrNull("broadcast", assignment.broadcast)
                            sink.fieldOrNull("mask", assignment.netmask)
                        } else {
                            sink.fieldOrNull("mask", assignment.netmask)
                            sink.fieldOrNull("broadcast", assignment.broadcast)
                        }
                    }
                }
            }
            if !record.ipv6.isEmpty {
                sink.key("ipv6")
                sink.array(record.ipv6) { sink, assignment in
                    sink.object { sink in
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
                    }
                }
            }
        }
    }
}
