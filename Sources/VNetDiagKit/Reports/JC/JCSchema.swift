/// `--schema jc`: for each format jc also parses, the JSON jc prints for the same text.
/// Deviations from jc's own fixtures are listed in Tests/VNetDiagKitTests/JCDeviations.md.
public enum JCSchema {
    /// Writes one section's records as jc's array.
    typealias Converter = @Sendable (SectionResult, inout JSONStream) -> Void

    /// One converter per format; adding a jc-compatible format adds one line. Converters are
    /// generic over the sink; the table holds their byte-stream form.
    static let converters: [FormatName: Converter] = [
        IfconfigParser.format: { JCIfconfig.write($0, to: &$1) },
        RouteTableParser.format: { JCRoute.writeRoute($0, to: &$1) },
        NetstatRouteParser.format: { JCRoute.writeNetstat($0, to: &$1) },
        ArpParser.format: { JCArp.write($0, to: &$1) },
        ProcNetArpParser.format: { JCProc.writeArp($0, to: &$1) },
        ProcNetRouteParser.format: { JCProc.writeRoute($0, to: &$1) },
        IPRouteParser.format: { JCIPRoute.write($0, to: &$1) },
        RoutePrintParser.format: { JCRoutePrint.write($0, to: &$1) },
    ]

    public static func supports(_ format: FormatName) -> Bool { converters[format] != nil }

    /// A single jc-readable section prints exactly jc's array; several print one object each,
    /// with the section's source and lines beside jc's array.
    public static func write(_ results: [SectionResult], to stream: inout JSONStream) {
        let convertible = results.filter { supports($0.section.format) }
        if convertible.count == 1, let convert = converters[convertible[0].section.format] {
            convert(convertible[0], &stream)
            return
        }
        stream.array(convertible) { stream, result in
            stream.object { stream in
                stream.sectionLocation(result.section)
                stream.field("format", result.section.format.rawValue)
                stream.key("jc")
                converters[result.section.format]?(result, &stream)
            }
        }
    }

    public static func bytes(_ results: [SectionResult], pretty: Bool = false) -> [UInt8] {
        var stream = JSONStream(pretty: pretty)
        write(results, to: &stream)
        return stream.bytes
    }
}
