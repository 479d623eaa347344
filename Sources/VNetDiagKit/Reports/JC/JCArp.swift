/// jc's `arp` schema: table rows carry `flags_mask`; `arp -a` lines carry `name` (null for `?`).
enum JCArp {
    static func json(_ result: SectionResult) -> JSONValue {
        let oneLine = result.parsed.variant == "bsd-style"
        return .array(result.parsed.records.compactMap { record in
            guard case .neighbor(let neighbor) = record else { return nil }
            var object = JSONObjectBuilder()
            let hardware: String? = neighbor.state == .incomplete ? nil : neighbor.hardwareAddressText
            if oneLine {
                object.set("name", JCSchema.string(neighbor.name))
                object.set("address", .string(neighbor.address.description))
                object.set("hwtype", JCSchema.string(neighbor.state == .incomplete ? nil : neighbor.hardwareType))
                object.set("hwaddress", JCSchema.string(hardware))
                object.set("iface", JCSchema.string(neighbor.interface))
                if let permanent = neighbor.permanent { object.set("permanent", .bool(permanent)) }
                if let expires = neighbor.expires { object.set("expires", .int(expires)) }
            } else {
                object.set("address", .string(neighbor.address.description))
                object.set("hwtype", JCSchema.string(neighbor.hardwareType))
                object.set("hwaddress", JCSchema.string(hardware))
                object.set("flags_mask", JCSchema.string(neighbor.flags))
                object.set("iface", JCSchema.string(neighbor.interface))
            }
            return object.value
        })
    }
}
