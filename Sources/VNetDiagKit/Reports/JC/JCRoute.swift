/// jc's `route` and `netstat -r` schemas. Keys follow the table's columns; jc turns every blank
/// line after the header into an empty object `{}`, and so does this converter.
enum JCRoute {
    static let prettyFlags: [(Character, String)] = [
        ("U", "UP"), ("H", "HOST"), ("G", "GATEWAY"), ("R", "REINSTATE"), ("D", "DYNAMIC"),
        ("M", "MODIFIED"), ("A", "ADDRCONF"), ("C", "CACHE"), ("!", "REJECT"),
    ]

    static func pretty(_ flags: String?) -> JSONValue {
        guard let flags else { return .array([]) }
        var names: [JSONValue] = []
        for letter in flags {
            if let name = prettyFlags.first(where: { $0.0 == letter })?.1 { names.append(.string(name)) }
        }
        return .array(names)
    }

    static func routeJSON(_ result: SectionResult) -> JSONValue {
        withBlankRows(result) { route in
            var object = JSONObjectBuilder()
            object.set("destination", .string(route.destination.description))
            object.set(route.family == .inet6 ? "next_hop" : "gateway", JCSchema.string(route.gateway?.description))
            if let genmask = route.genmask { object.set("genmask", .string(genmask.description)) }
            object.set("flags", route.flags)
            if route.mss != nil && route.metric == nil {
                appendMSS(route, to: &object)
                object.set("iface", route.interface)
            } else {
                object.set("metric", route.metric)
                object.set("ref", route.ref)
                object.set("use", route.use)
                object.set("iface", route.interface)
                appendMSS(route, to: &object)
            }
            object.set("flags_pretty", pretty(route.flags))
            return object.value
        }
    }

    static func netstatJSON(_ result: SectionResult) -> JSONValue {
        withBlankRows(result) { route in
            var object = JSONObjectBuilder()
            object.set("destination", .string(route.destination.description))
            object.set("gateway", JCSchema.string(route.gateway?.description))
            if let genmask = route.genmask { object.set("genmask", .string(genmask.description)) }
            object.set("route_flags", route.flags)
            if route.mss != nil && route.metric == nil {
                appendMSS(route, to: &object)
                object.set("iface", route.interface)
            } else {
                object.set("metric", route.metric)
                object.set("route_refs", route.ref)
                object.set("use", route.use)
                object.set("iface", route.interface)
                appendMSS(route, to: &object)
            }
            object.set("kind", .string("route"))
            object.set("route_flags_pretty", pretty(route.flags))
            return object.value
        }
    }

    static func appendMSS(_ route: RouteRecord, to object: inout JSONObjectBuilder) {
        object.set("mss", route.mss)
        object.set("window", route.window)
        object.set("irtt", route.irtt)
    }

    /// Records in line order, with `{}` for each blank line after the header (jc's behaviour).
    static func withBlankRows(_ result: SectionResult, _ convert: (RouteRecord) -> JSONValue) -> JSONValue {
        var rows: [(line: Int, value: JSONValue)] = result.parsed.records.compactMap { record in
            guard case .route(let route) = record else { return nil }
            return (route.origin.firstLine, convert(route))
        }
        let lines = result.section.lines
        if let header = lines.first(where: { RouteTableGrammar.header.match($0) != nil }) {
            for line in lines where line.number > header.number && line.isBlank {
                rows.append((line.number, .object([])))
            }
        }
        return .array(rows.sorted { $0.line < $1.line }.map(\.value))
    }
}
