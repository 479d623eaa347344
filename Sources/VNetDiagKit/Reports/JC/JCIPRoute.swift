/// jc's `ip route` schema: `ip` as written, then only the keys the line has.
enum JCIPRoute {
    static func write<Sink: JSONSink>(_ result: SectionResult, to sink: inout Sink) {
        sink.beginArray()
        for case .route(let route) in result.parsed.records {
            sink.object { sink in
                sink.field("ip", route.destinationText ?? route.destination.description)
                sink.field("via", route.gateway?.description)
                sink.field("dev", route.interface)
                sink.field("proto", route.protocolName)
                sink.field("scope", route.scope)
                sink.field("src", route.source?.description)
                sink.field("metric", route.metric)
                if let status = route.options.first { sink.field("status", status) }
            }
        }
        sink.endArray()
    }
}
