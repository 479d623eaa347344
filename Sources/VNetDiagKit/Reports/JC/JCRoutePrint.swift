/// jc's Windows `route print` schema: an object with the interface list, then one object per route.
/// jc maps persistent rows onto the wrong keys (`network`, `address` = netmask, `genmask` = gateway,
/// `gateway` = metric as text); that drops no data, so it is reproduced.
enum JCRoutePrint {
    static func write<Sink: JSONSink>(_ result: SectionResult, to sink: inout Sink) {
        sink.beginArray()
        var interfaces: [InterfaceRecord] = []
        var routes: [RouteRecord] = []
        for record in result.parsed.records {
            if case .interface(let interface) = record { interfaces.append(interface) }
            if case .route(let route) = record { routes.append(route) }
        }
        if !interfaces.isEmpty {
            sink.object { sink in
                sink.key("interfaces")
                sink.array(interfaces) { sink, interface in
                    sink.object { sink in
                        sink.field("id", interface.index.map(String.init) ?? "")
                        sink.field("mac", (interface.hardwareAddressText ?? "").replacingOccurrences(of: " ", with: ":").lowercased())
                        sink.field("name", interface.name)
                    }
                }
            }
        }
        for route in routes {
            sink.object { sink in
                let destination = route.destinationText ?? route.destination.description
                if route.family == .inet6 {
                    sink.field("iface", route.interface)
                    sink.field("metric", route.metric)
                    sink.field("destination", destination)
                    sink.field("gateway", route.gateway?.description)
                } else if route.persistent {
                    sink.field("network", destination)
                    sink.field("address", route.genmask?.description)
                    sink.field("genmask", route.gateway?.description)
                    sink.field("gateway", route.metric.map(String.init))
                } else {
                    sink.field("destination", destination)
                    sink.field("genmask", route.genmask?.description)
                    sink.field("gateway", route.gateway?.description)
                    sink.field("iface", route.interface)
                    sink.field("metric", route.metric)
                }
            }
        }
        sink.endArray()
    }
}
