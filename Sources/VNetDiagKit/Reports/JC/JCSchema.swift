/// `--schema jc`: for each format jc also parses, the JSON jc prints for the same text.
/// Deviations from jc's own fixtures are listed in Tests/VNetDiagKitTests/JCDeviations.md.
public enum JCSchema {
    /// One converter per format; adding a jc-compatible format adds one line.
    static let converters: [FormatName: @Sendable (SectionResult) -> JSONValue] = [
        IfconfigParser.format: JCIfconfig.json,
        RouteTableParser.format: JCRoute.routeJSON,
        NetstatRouteParser.format: JCRoute.netstatJSON,
        ArpParser.format: JCArp.json,
        ProcNetArpParser.format: JCProc.arpJSON,
        ProcNetRouteParser.format: JCProc.routeJSON,
    ]

    public static func supports(_ format: FormatName) -> Bool { converters[format] != nil }

    public static func json(for result: SectionResult) -> JSONValue? {
        converters[result.section.format].map { $0(result) }
    }

    /// A single jc-readable section prints exactly jc's array; several print one object each.
    public static func json(_ results: [SectionResult]) -> JSONValue {
        let convertible = results.filter { supports($0.section.format) }
        if convertible.count == 1, let only = json(for: convertible[0]) { return only }
        return .array(convertible.map { result in
            var object = JSONObjectBuilder()
            object.set("source", result.section.source)
            let span = result.section.span
            object.set("lines", .array([.int(span.first), .int(span.last)]))
            object.set("format", result.section.format.rawValue)
            object.set("jc", json(for: result) ?? .array([]))
            return object.value
        })
    }

    static func string(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    static func int(_ value: Int?) -> JSONValue { value.map { .int($0) } ?? .null }
}
