/// Every format vnetdiag reads. Adding a format: write its parser file, add one line here.
/// Order matters only when two formats' markers could match the same line: earlier wins.
public enum ParserRegistry {
    public static let parsers: [any SectionParser.Type] = [
        ProcNetRouteParser.self,
        ProcNetArpParser.self,
        RouteTableParser.self,
        NetstatRouteParser.self,
        ArpParser.self,
        IfconfigParser.self,
        BridgeLinkParser.self,
        IPNeighParser.self,
        IPRouteParser.self,
        IPLinkParser.self,
        IPAddressParser.self,
        BrctlParser.self,
        IptablesParser.self,
        IPForwardParser.self,
        IpconfigParser.self,
        RoutePrintParser.self,
        ArpWindowsParser.self,
        SyslogParser.self,
        CollectManifestParser.self,
    ]

    public static func parser(for format: FormatName) -> (any SectionParser.Type)? {
        parsers.first { $0.format == format }
    }

    public static var formatNames: [FormatName] { parsers.map { $0.format } }
}
