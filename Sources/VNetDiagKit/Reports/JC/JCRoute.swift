/// jc's `route` and `netstat -r` schemas. Keys follow the table's columns; jc turns every blank
/// line after the header into an empty object `{}`, and so does this converter.
enum JCRoute {
    static let prettyFlags: [(Character, String)] = [
        ("U", "UP"), ("H", "HOST"), ("G", "GATEWAY"), ("R", "REINSTATE"), ("D", "DYNAMIC"),
        ("M", "MODIFIED"), ("A", "ADDRCONF"), ("C", "CACHE"), ("!", "REJECT"),
    ]

    static func pretty(_ flags: String?) -> [String] {
        (flags ?? "").compactMap { letter in prettyFlags.first(where: { $0.0 == letter })?.1 }
    }

    /// The column keys that differ between the two schemas.
    struct Keys {
        let gateway: JSONKey
        let flags: JSONKey
        let ref: JSONKey
        let kind: String?
        let pretty: JSONKey
    }

    static func writeRoute<Sink: JSONSink>(_ result: SectionResult, to sink: inout Sink) {
        write(result, to: &sink) { route in
            Keys(gateway: route.family == .inet6 ? "next_hop" : "gateway", flags: "flags", ref: "ref",
                 kind: nil, pretty: "flags_pretty")
        }
    }

    /// BSD route flags as jc names them (netstat on FreeBSD and macOS).
    static let bsdPrettyFlags: [Character: String] = [
        "1": "PROTO1", "2": "PROTO2", "3": "PROTO3", "B": "BLACKHOLE", "b": "BROADCAST", "C": "CLONING",
        "c": "PRCLONING", "D": "DYNAMIC", "G": "GATEWAY", "H": "HOST", "I": "IFSCOPE", "i": "IFREF",
        "L": "LLINFO", "M": "MODIFIED", "m": "MULTICAST", "R": "REJECT", "r": "ROUTER", "S": "STATIC",
        "U": "UP", "W": "WASCLONED", "X": "XRESOLVE", "Y": "PROXY",
    ]

    static func writeBSDNetstat<Sink: JSONSink>(_ result: SectionResult, to sink: inout Sink) {
        sink.beginArray()
        for case .route(let route) in result.parsed.records {
            sink.object { sink in
                sink.field("destination", route.destinationText ?? route.destination.description)
                sink.field("gateway", route.gateway?.description)
                sink.field("route_flags", route.flags)
                sink.field("route_refs", route.ref)
                sink.field("use", route.use)
                sink.field("mtu", route.mtu)
                sink.field("iface", route.interface)
                if let expire = route.expire, !expire.isEmpty { sink.field("expire", expire) }
                sink.field("kind", "route")
                sink.field("route_flags_pretty", (route.flags ?? "").compactMap { bsdPrettyFlags[$0] })
            }
        }
        sink.endArray()
    }

    static func writeNetstat<Sink: JSONSink>(_ result: SectionResult, to sink: inout Sink) {
        if result.parsed.variant == "bsd" {
            writeBSDNetstat(result, to: &sink)
            return
        }
        write(result, to: &sink) { _ in
            Keys(gateway: "gateway", flags: "route_flags", ref: "route_refs", kind: "route", pretty: "route_flags_pretty")
        }
    }

    /// Records in line order, with `{}` for each blank line after the header (jc's behaviour).
    static func write<Sink: JSONSink>(_ result: SectionResult, to sink: inout Sink, keys: (RouteRecord) -> Keys) {
        var rows: [(line: Int, route: RouteRecord?)] = []
        for case .route(let route) in result.parsed.records { rows.append((route.origin.firstLine, route)) }
        let lines = result.section.lines
        if let header = lines.first(where: { RouteTableGrammar.header.match($0) != nil }) {
            for line in lines where line.number > header.number && line.isBlank { rows.append((line.number, nil)) }
        }
        rows.sort { $0.line < $1.line }
        sink.array(rows) { sink, row in
            guard let route = row.route else {
                sink.object { _ in }
                return
            }
            write(route, keys: keys(route), to: &sink)
        }
    }

    static func write<Sink: JSONSink>(_ route: RouteRecord, keys: Keys, to sink: inout Sink) {
        sink.object { sink in
            sink.field("destination", route.destination.description)
            sink.fieldOrNull(keys.gateway, route.gateway?.description)
            sink.field("genmask", route.genmask?.description)
            sink.field(keys.flags, route.flags)
            // `netstat -rn` / `route -ne` put MSS, Window and irtt before Iface; `-nee` after Use.
            if route.mss != nil && route.metric == nil {
                writeMSS(route, to: &sink)
                sink.field("iface", route.interface)
            } else {
                sink.field("metric", route.metric)
                sink.field(keys.ref, route.ref)
                sink.field("use", route.use)
                sink.field("iface", route.interface)
                writeMSS(route, to: &sink)
            }
            sink.field("kind", keys.kind)
            sink.field(keys.pretty, pretty(route.flags))
        }
    }

    static func writeMSS<Sink: JSONSink>(_ route: RouteRecord, to sink: inout Sink) {
        sink.field("mss", route.mss)
        sink.field("window", route.window)
        sink.field("irtt", route.irtt)
    }
}
