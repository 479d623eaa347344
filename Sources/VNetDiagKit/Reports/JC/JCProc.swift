/// jc's `/proc/net/arp` (all values strings) and `/proc/net/route` (hex kept, counters as numbers).
enum JCProc {
    static func writeArp<Sink: JSONSink>(_ result: SectionResult, to sink: inout Sink) {
        sink.beginArray()
        for case .neighbor(let neighbor) in result.parsed.records {
            sink.object { sink in
                sink.field("IP_address", neighbor.address.description)
                sink.fieldOrNull("HW_type", neighbor.hardwareType)
                sink.fieldOrNull("Flags", neighbor.flags)
                sink.fieldOrNull("HW_address", neighbor.hardwareAddressText)
                sink.fieldOrNull("Mask", neighbor.mask)
                sink.fieldOrNull("Device", neighbor.interface)
            }
        }
        sink.endArray()
    }

    static func writeRoute<Sink: JSONSink>(_ result: SectionResult, to sink: inout Sink) {
        sink.beginArray()
        for case .route(let route) in result.parsed.records {
            sink.object { sink in
                sink.field("Iface", route.interface ?? "*")
                sink.field("Destination", hex(route.destination.address))
                sink.field("Gateway", hex(route.gateway?.address))
                sink.field("Flags", hex4(ProcNetRouteParser.bits(for: route.flags ?? "")))
                sink.fieldOrNull("RefCnt", route.ref)
                sink.fieldOrNull("Use", route.use)
                sink.fieldOrNull("Metric", route.metric)
                sink.field("Mask", hex(route.genmask))
                sink.fieldOrNull("MTU", route.mtu)
                sink.fieldOrNull("Window", route.window)
                sink.fieldOrNull("IRTT", route.irtt)
            }
        }
        sink.endArray()
    }

    /// The kernel's `%08X` of the network-order address read as a little-endian u32.
    static func hex(_ address: IPv4Address?) -> String {
        let value = (address?.value ?? 0).byteSwapped
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    static func hex4(_ value: UInt16) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
