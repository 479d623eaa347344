/// jc's `arp` schema: table rows carry `flags_mask`; `arp -a` lines carry `name` (null for `?`).
enum JCArp {
    static func write<Sink: JSONSink>(_ result: SectionResult, to sink: inout Sink) {
        let layout = result.parsed.variant ?? "table"
        sink.beginArray()
        for case .neighbor(let neighbor) in result.parsed.records {
            let incomplete = neighbor.state == .incomplete
            let hardware = incomplete ? nil : neighbor.hardwareAddressText
            sink.object { sink in
                switch layout {
                case "table":
                    sink.field("address", neighbor.address.description)
                    sink.fieldOrNull("hwtype", neighbor.hardwareType)
                    sink.fieldOrNull("hwaddress", hardware)
                    sink.fieldOrNull("flags_mask", neighbor.flags)
                    sink.fieldOrNull("iface", neighbor.interface)
                default:
                    sink.fieldOrNull("name", neighbor.name)
                    sink.field("address", neighbor.address.description)
                    sink.fieldOrNull("hwtype", incomplete ? nil : neighbor.hardwareType)
                    sink.fieldOrNull("hwaddress", hardware)
                    if layout != "aix" { sink.fieldOrNull("iface", neighbor.interface) }
                    // jc: BSD always says whether the entry is permanent, AIX only when it is.
                    if layout == "bsd" { sink.field("permanent", neighbor.permanent) }
                    if layout == "aix", neighbor.permanent == true { sink.field("permanent", true) }
                    sink.field("expires", neighbor.expires)
                }
            }
        }
        sink.endArray()
    }
}
