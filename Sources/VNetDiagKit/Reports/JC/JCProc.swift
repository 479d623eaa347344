/// jc's `/proc/net/arp` (all values strings) and `/proc/net/route` (hex kept, counters as numbers).
enum JCProc {
    static func arpJSON(_ result: SectionResult) -> JSONValue {
        .array(result.parsed.records.compactMap { record in
            guard case .neighbor(let neighbor) = record else { return nil }
            var object = JSONObjectBuilder()
            object.set("IP_address", .string(neighbor.address.description))
            object.set("HW_type", JCSchema.string(neighbor.hardwareType))
            object.set("Flags", JCSchema.string(neighbor.flags))
            object.set("HW_address", JCSchema.string(neighbor.hardwareAddressText))
            object.set("Mask", JCSchema.string(neighbor.mask))
            object.set("Device", JCSchema.string(neighbor.interface))
            return object.value
        })
    }

    static func routeJSON(_ result: SectionResult) -> JSONValue {
        .array(result.parsed.records.compactMap { record in
            guard case .route(let route) = record else { return nil }
            var object = JSONObjectBuilder()
            object.set("Iface", .string(route.interface ?? "*"))
            object.set("Destination", .string(hex(route.destination.address)))
            object.set("Gateway", .string(hex(route.gateway?.address)))
            object.set("Flags", .string(hex4(ProcNetRouteParser.bits(for: route.flags ?? ""))))
            object.set("RefCnt", JCSchema.int(route.ref))
            object.set("Use", JCSchema.int(route.use))
            object.set("Metric", JCSchema.int(route.metric))
            object.set("Mask", .string(hex(route.genmask)))
            object.set("MTU", JCSchema.int(route.mtu))
            object.set("Window", JCSchema.int(route.window))
            object.set("IRTT", JCSchema.int(route.irtt))
            return object.value
        })
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
