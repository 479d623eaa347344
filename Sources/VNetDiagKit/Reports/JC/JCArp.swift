/// jc's `arp` schema: table rows carry `flags_mask`; `arp -a` lines carry `name` (null for `?`).
enum JCArp {
    static func write<Sink: JSONSink>(_ result: SectionResult, to sink: inout Sink) {
        let oneLine = result.parsed.variant == "bsd-style"
        sink.beginArray()
        for case .neighbor(let neighbor) in result.parsed.records {
            let incomplete = neighbor.state == .incomplete
            let hardware = incomplete ? nil : neighbor.hardwareAddressText
            sink.object { sink in
                if oneLine {
                    sink.fieldOrNull("name", neighbor.name)
                    sink.field("address", neighbor.address.description)
                    sink.fieldOrNull("hwtype", incomplete ? nil : neighbor.hardwareType)
                    sink.fieldOrNull("hwaddress", hardware)
                    sink.fieldOrNull("iface", neighbor.interface)
                    sink.field("permanent", neighbor.permanent)
                    sink.field("expires", neighbor.expires)
                } else {
                    sink.field("address", neighbor.address.description)
                    sink.fieldOrNull("hwtype", neighbor.hardwareType)
                    sink.fieldOrNull("hwaddress", hardware)
                    sink.fieldOrNull("flags_mask", neighbor.flags)
                    sink.fieldOrNull("iface", neighbor.interface)
                }
            }
        }
        sink.endArray()
    }
}
