import PCRE2

/// Windows `route print` (formats.md §7.2), English and Spanish: the interface list, the IPv4
/// active and persistent routes, and the IPv6 table (a long destination wraps its gateway onto
/// the next line). Interfaces are records with their index, MAC and description.
public enum RoutePrintParser: SectionParser {
    public static let format: FormatName = "route-print"

    public static let signature = FormatSignature(
        headers: [#"^I?(?:Interface List|Lista de interfaces)\h*$"#],
        markers: [#"^IPv[46] (?:Route Table|Tabla de enrutamiento)\h*$"#, #"^(?:Active Routes|Rutas activas):\h*$"#],
        commandWords: ["route print", "netstat -r"],
        fileNameHints: ["route-print", "route_print", "routeprint"])

    static let interfaceRow = Patterns.compile(
        #"^\h*(?<id>\d+|0x[0-9a-fA-F]+)\h*\.\.\.(?<mac>(?:[0-9a-fA-F]{2} )*[0-9a-fA-F]{2})?\h*\.*\h*(?<name>.*)$"#)

    enum Part { case none, interfaces, ipv4Active, ipv4Persistent, ipv6Active, ipv6Persistent }

    public static func parse(_ section: Section) -> ParsedSection {
        var result = ParsedSection(variant: "print")
        var part = Part.none
        var family = AddressFamily.inet
        for line in section.lines {
            if line.isBlank || PromptSplitter.isFence(line) { continue }
            let text = line.text.trimmingBlanks
            let origin = section.provenance(line.number, line.number)
            if text.allSatisfy({ $0 == "=" }) { continue }
            if text.hasSuffix("Interface List") || text.hasSuffix("Lista de interfaces") {
                part = .interfaces
                if text.hasPrefix("IL") || text.hasPrefix("Lista") { result.locale = "es" }
                continue
            }
            if text.hasPrefix("IPv4 ") { family = .inet; continue }
            if text.hasPrefix("IPv6 ") { family = .inet6; continue }
            if text.hasPrefix("Active Routes") || text.hasPrefix("Rutas activas") {
                part = family == .inet ? .ipv4Active : .ipv6Active
                continue
            }
            if text.hasPrefix("Persistent Routes") || text.hasPrefix("Rutas persistentes") {
                part = family == .inet ? .ipv4Persistent : .ipv6Persistent
                continue
            }
            if isColumnHeader(text) || text == "None" || text == "Ninguno" || text.hasPrefix("Default Gateway") { continue }
            let fields = mergedFields(line)
            switch part {
            case .interfaces:
                if let match = interfaceRow.match(line), let id = line.capture(match, "id") {
                    var interface = InterfaceRecord(name: line.capture(match, "name") ?? "", origin: origin)
                    interface.index = id.hasPrefix("0x") ? Int(id.dropFirst(2), radix: 16) : Int(id)
                    interface.description = interface.name
                    if let mac = line.capture(match, "mac") {
                        interface.hardwareAddressText = mac
                        interface.mac = MACAddress(mac.replacingOccurrences(of: " ", with: ":"))
                    }
                    result.records.append(.interface(interface))
                    continue
                }
            case .ipv4Active, .ipv4Persistent:
                if (fields.count == 5 || fields.count == 4), let mask = IPv4Address(fields[1]) {
                    var route = RouteRecord(destination: HostToken(fields[0]), origin: origin)
                    route.genmask = mask
                    route.gateway = HostToken(fields[2])
                    route.persistent = part == .ipv4Persistent
                    if fields.count == 5 {
                        route.interface = fields[3]
                        route.metric = Int(fields[4])
                    } else {
                        route.metric = Int(fields[3])
                    }
                    route.destinationText = fields[0]
                    result.records.append(.route(route))
                    continue
                }
            case .ipv6Active, .ipv6Persistent:
                if fields.count == 1, case .route(var last)? = result.records.last, last.family == .inet6, last.gateway == nil {
                    last.gateway = .name(fields[0])
                    last.origin = last.origin.extended(to: line.number)
                    result.records[result.records.count - 1] = .route(last)
                    continue
                }
                if fields.count >= 3, Int(fields[0]) != nil, Int(fields[1]) != nil {
                    var route = RouteRecord(destination: .name(fields[2]), origin: origin)
                    route.family = .inet6
                    route.interface = fields[0]
                    route.metric = Int(fields[1])
                    route.gateway = fields.count > 3 ? .name(fields[3]) : nil
                    route.destinationText = fields[2]
                    route.persistent = part == .ipv6Persistent
                    result.records.append(.route(route))
                    continue
                }
            case .none: break
            }
            result.unparsed.append(line.unparsed("not a route print row"))
        }
        return result
    }

    /// Fields of a row, with Spanish `En vínculo` (on-link) kept as one gateway.
    static func mergedFields(_ line: SourceLine) -> [String] {
        var fields: [String] = []
        for field in line.fields.map(\.string) {
            if field == "vínculo", fields.last == "En" {
                fields[fields.count - 1] = "En vínculo"
            } else {
                fields.append(field)
            }
        }
        return fields
    }

    static func isColumnHeader(_ text: String) -> Bool {
        ["Network Destination", "Destino de red", "Network Address", "Dirección de red", "If Metric", "Cuando destino"]
            .contains { text.hasPrefix($0) }
    }
}

/// Windows `arp -a` (formats.md §7.3): one block per interface, `IP  MAC  type` rows.
public enum ArpWindowsParser: SectionParser {
    public static let format: FormatName = "arp-windows"

    public static let signature = FormatSignature(
        headers: [#"^(?:Interface|Interfaz): \d+\.\d+\.\d+\.\d+ ---\h*0x[0-9a-fA-F]+"#],
        commandWords: [],
        fileNameHints: ["arp-windows", "arp_windows"])

    static let block = Patterns.compile(#"^(?:Interface|Interfaz): (?<address>\d+\.\d+\.\d+\.\d+) ---\h*(?<index>0x[0-9a-fA-F]+)"#)

    public static func parse(_ section: Section) -> ParsedSection {
        var result = ParsedSection(variant: "windows")
        var interface: String? = nil
        for line in section.lines {
            if line.isBlank || PromptSplitter.isFence(line) { continue }
            if let match = block.match(line) {
                interface = line.capture(match, "address")
                if line.text.hasPrefix("Interfaz") { result.locale = "es" }
                continue
            }
            let fields = line.fields.map(\.string)
            if let first = fields.first, first == "Internet" || first.hasPrefix("Direcci") { continue }
            if line.text.trimmingBlanks.hasPrefix("No ARP") || line.text.trimmingBlanks.hasPrefix("No se encontraron") { continue }
            guard fields.count == 3, let address = IPv4Address(fields[0]) else {
                result.unparsed.append(line.unparsed("not an arp -a row (address, physical address, type)"))
                continue
            }
            let type = fields[2].lowercased()
            let isStatic = type == "static" || type.hasPrefix("est")
            var record = NeighborRecord(address: .ipv4(address), state: isStatic ? .permanent : .complete,
                                        origin: section.provenance(line.number, line.number))
            record.mac = MACAddress(fields[1])
            record.hardwareAddressText = fields[1]
            record.interface = interface
            record.flags = fields[2]
            result.records.append(.neighbor(record))
        }
        return result
    }
}
