/// `/proc/net/route`: TAB-separated, addresses as little-endian hex, flags as hex (formats.md §3.2).
public enum ProcNetRouteParser: SectionParser {
    public static let format: FormatName = "proc-net-route"

    public static let signature = FormatSignature(
        headers: [#"^Iface\h+Destination\h+Gateway\h+Flags\h+RefCnt"#],
        commandWords: ["/proc/net/route"],
        fileNameHints: ["proc-net-route", "proc_net_route", "net_route"])

    /// Kernel route flag bits → the letters `route -n` prints.
    static let flagLetters: [(UInt16, Character)] = [
        (0x0001, "U"), (0x0002, "G"), (0x0004, "H"), (0x0008, "R"), (0x0010, "D"), (0x0020, "M"),
    ]
    static let rejectFlag: UInt16 = 0x0200

    public static func parse(_ section: Section) -> ParsedSection {
        var result = ParsedSection(variant: "hex")
        for line in section.lines {
            if line.isBlank || PromptSplitter.isFence(line) { continue }
            let fields = line.fields.map(\.string)
            if fields.first == "Iface" { continue }
            guard fields.count >= 8,
                  let destination = IPv4Address(procRouteHex: fields[1]),
                  let gateway = IPv4Address(procRouteHex: fields[2]),
                  let flags = UInt16(fields[3], radix: 16),
                  let mask = IPv4Address(procRouteHex: fields[7]) else {
                result.unparsed.append(line.unparsed(
                    "expected Iface, hex Destination, Gateway, Flags, RefCnt, Use, Metric, Mask[, MTU, Window, IRTT]"))
                continue
            }
            var route = RouteRecord(destination: .ipv4(destination), origin: section.provenance(line.number, line.number))
            route.gateway = .ipv4(gateway)
            route.genmask = mask
            route.flags = letters(for: flags)
            route.ref = Int(fields[4])
            route.use = Int(fields[5])
            route.metric = Int(fields[6])
            route.interface = fields[0] == "*" ? nil : fields[0]
            if fields.count >= 11 {
                route.mtu = Int(fields[8])
                route.window = Int(fields[9])
                route.irtt = Int(fields[10])
            }
            result.records.append(.route(route))
        }
        return result
    }

    static func letters(for flags: UInt16) -> String {
        var text = ""
        for (bit, letter) in flagLetters where flags & bit != 0 { text.append(letter) }
        if flags & rejectFlag != 0 { text = "!" + text.filter { $0 != "U" } }
        return text
    }

    /// The kernel flag bits for route flag letters (inverse of `letters(for:)`).
    static func bits(for letters: String) -> UInt16 {
        var value: UInt16 = letters.contains("!") ? rejectFlag | 0x0001 : 0
        for (bit, letter) in flagLetters where letters.contains(letter) { value |= bit }
        return value
    }
}
