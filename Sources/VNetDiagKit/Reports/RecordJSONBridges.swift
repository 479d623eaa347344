/// Native JSON of bridges, bridge ports, firewall chains and rules, and kernel settings.
extension RecordJSON {
    static func write<Sink: JSONSink>(_ record: BridgeRecord, to sink: inout Sink) {
        sink.object { sink in
            sink.field("kind", "bridge")
            lines(record.origin, to: &sink)
            sink.field("name", record.name)
            sink.field("id", record.id)
            sink.field("stp", record.stp)
            sink.field("ports", record.ports)
        }
    }

    static func write<Sink: JSONSink>(_ record: BridgePortRecord, to sink: inout Sink) {
        sink.object { sink in
            sink.field("kind", "bridgePort")
            lines(record.origin, to: &sink)
            sink.field("name", record.name)
            sink.field("index", record.index)
            sink.field("peer", record.peer)
            sink.field("flags", record.flags)
            sink.field("mtu", record.mtu)
            sink.field("master", record.master)
            sink.field("state", record.state)
            sink.field("priority", record.priority)
            sink.field("cost", record.cost)
        }
    }

    static func write<Sink: JSONSink>(_ record: FirewallChainRecord, to sink: inout Sink) {
        sink.object { sink in
            sink.field("kind", "chain")
            lines(record.origin, to: &sink)
            sink.field("table", record.table)
            sink.field("name", record.name)
            sink.field("policy", record.policy)
            sink.field("references", record.references)
            sink.field("packets", record.packets)
            sink.field("bytes", record.bytes)
        }
    }

    static func write<Sink: JSONSink>(_ record: FirewallRuleRecord, to sink: inout Sink) {
        sink.object { sink in
            sink.field("kind", "rule")
            lines(record.origin, to: &sink)
            sink.field("table", record.table)
            sink.field("chain", record.chain)
            sink.field("target", record.target)
            sink.field("protocol", record.protocolName)
            sink.field("source", record.source)
            sink.field("destination", record.destination)
            sink.field("inInterface", record.inInterface)
            sink.field("outInterface", record.outInterface)
            sink.field("options", record.options)
            sink.field("packets", record.packets)
            sink.field("bytes", record.bytes)
        }
    }

    static func write<Sink: JSONSink>(_ record: SysctlRecord, to sink: inout Sink) {
        sink.object { sink in
            sink.field("kind", "sysctl")
            lines(record.origin, to: &sink)
            sink.field("key", record.key)
            sink.field("value", record.value)
        }
    }

    static func write<Sink: JSONSink>(_ record: HostRecord, to sink: inout Sink) {
        sink.object { sink in
            sink.field("kind", "host")
            lines(record.origin, to: &sink)
            sink.field("hostName", record.hostName)
            sink.field("ipRoutingEnabled", record.ipRoutingEnabled)
            sink.field("nodeType", record.nodeType)
            sink.field("declaredRole", record.declaredRole)
        }
    }

    /// A log event as a record: `kind: event`, its event kind and fields, and when and who said it.
    static func writeEvent<Sink: JSONSink>(_ event: LogEvent, to sink: inout Sink) {
        sink.object { sink in
            sink.field("kind", "event")
            lines(Provenance(source: event.origin.source, firstLine: event.origin.line, lastLine: event.origin.line), to: &sink)
            sink.field("event", event.kind)
            sink.field("rule", event.rule)
            sink.key("fields")
            sink.object { sink in
                for (name, value) in event.fields { sink.field(JSONKey(name), value) }
            }
            sink.field("time", event.time?.epoch.map(EventsReport.iso))
            sink.field("timeText", event.time?.text)
            sink.field("host", event.host)
            sink.field("program", event.program)
            sink.field("pid", event.pid)
        }
    }
}
