import PCRE2

/// Windows `ipconfig` and `ipconfig /all`, English and Spanish, Vista to 11 and XP (formats.md §7.1):
/// `Label . . . . : value` lines under adapter headers, multi-valued fields continued on lines of
/// spaces and a value, `(Preferred)` decorations. Code-page damage is repaired before parsing.
public enum IpconfigParser: SectionParser {
    public static let format: FormatName = "ipconfig"

    public static let signature = FormatSignature(
        headers: [#"^(?:Windows IP Configuration|Configuraci(?:ó|o)n IP de Windows)\h*$"#],
        markers: [#"^(?:\S.*? adapter .+?|Adaptador (?:de )?\S.*?)\h*:\h*$"#],
        commandWords: ["ipconfig"],
        fileNameHints: ["ipconfig"])

    static let adapter = Patterns.compile(#"^(?:(?<type>\S.*?) adapter (?<name>.+?)|Adaptador (?:de )?(?<rest>\S.*?))\h*:\h*$"#)
    static let field = Patterns.compile(#"^\h{2,}(?<label>\S.*?)(?:(?:\h*\.)+\h*|\h+):(?:\h(?<value>.*))?$"#)
    static let title = Patterns.compile(#"^(?:Windows IP Configuration|Configuraci(?:ó|o)n IP de Windows)\h*$"#)
    static let spanishTypes = ["LAN inalámbrica", "Ethernet", "túnel", "PPP", "desconocido"]

    enum Field {
        case hostName, ipRouting, nodeType, mediaState, description, physicalAddress, dhcpEnabled
        case ipv4, ipv6, subnetMask, gateway, dhcpServer, dnsServers, other
    }

    static let labels: [String: Field] = [
        "host name": .hostName, "nombre de host": .hostName, "nombre del host": .hostName,
        "ip routing enabled": .ipRouting, "enrutamiento ip habilitado": .ipRouting,
        "node type": .nodeType, "tipo de nodo": .nodeType,
        "media state": .mediaState, "estado de los medios": .mediaState,
        "description": .description, "descripción": .description,
        "physical address": .physicalAddress, "dirección física": .physicalAddress,
        "dhcp enabled": .dhcpEnabled, "dhcp habilitado": .dhcpEnabled,
        "ipv4 address": .ipv4, "dirección ipv4": .ipv4, "ip address": .ipv4, "dirección ip": .ipv4,
        "autoconfiguration ipv4 address": .ipv4, "dirección ipv4 de configuración automática": .ipv4,
        "autoconfiguration ip address": .ipv4,
        "ipv6 address": .ipv6, "dirección ipv6": .ipv6, "temporary ipv6 address": .ipv6,
        "dirección ipv6 temporal": .ipv6, "link-local ipv6 address": .ipv6, "vínculo: dirección ipv6 local": .ipv6,
        "subnet mask": .subnetMask, "máscara de subred": .subnetMask,
        "default gateway": .gateway, "puerta de enlace predeterminada": .gateway,
        "dhcp server": .dhcpServer, "servidor dhcp": .dhcpServer,
        "dns servers": .dnsServers, "servidores dns": .dnsServers,
    ]

    public static func parse(_ section: Section) -> ParsedSection {
        var result = ParsedSection(variant: "all")
        var host: HostRecord? = nil
        var interfaces: [InterfaceRecord] = []
        var lastField: Field = .other
        for line in section.lines {
            if line.isBlank || PromptSplitter.isFence(line) { continue }
            let origin = section.provenance(line.number, line.number)
            if title.match(line) != nil {
                result.locale = line.text.hasPrefix("Configuraci") ? "es" : result.locale
                continue
            }
            if let match = adapter.match(line) {
                interfaces.append(adapterRecord(match, line: line, origin: origin, locale: &result.locale))
                lastField = .other
                continue
            }
            if let match = field.match(line) {
                let label = (line.capture(match, "label") ?? "").lowercased()
                let value = (line.capture(match, "value") ?? "").trimmingBlanks
                lastField = labels[label] ?? .other
                if interfaces.isEmpty {
                    if host == nil { host = HostRecord(origin: origin) }
                    host!.origin = host!.origin.extended(to: line.number)
                    apply(lastField, value: value, to: &host!)
                } else {
                    interfaces[interfaces.count - 1].origin = interfaces[interfaces.count - 1].origin.extended(to: line.number)
                    apply(lastField, value: value, to: &interfaces[interfaces.count - 1])
                }
                continue
            }
            // A continuation: spaces and one more value of the field above (DNS servers, gateways).
            if line.leadingBlanks >= 8, line.fields.count == 1, !interfaces.isEmpty,
               lastField == .dnsServers || lastField == .gateway || lastField == .ipv6 {
                apply(lastField, value: line.text.trimmingBlanks, to: &interfaces[interfaces.count - 1])
                continue
            }
            result.unparsed.append(line.unparsed("not an ipconfig header, field or continuation"))
        }
        if let host { result.records.append(.host(host)) }
        result.records.append(contentsOf: interfaces.map { .interface($0) })
        return result
    }

    static func adapterRecord(_ match: Match, line: SourceLine, origin: Provenance, locale: inout String?) -> InterfaceRecord {
        var type: String? = line.capture(match, "type")
        var name = line.capture(match, "name") ?? ""
        if let rest = line.capture(match, "rest") {
            locale = locale ?? "es"
            type = spanishTypes.first { rest.hasPrefix($0 + " ") }
            name = type.map { String(rest.dropFirst($0.count + 1)) } ?? rest
        }
        var record = InterfaceRecord(name: name.trimmingBlanks, origin: origin)
        record.linkType = type
        return record
    }

    /// Splits `192.168.0.101(Preferred)` into the value and its state word.
    static func decorated(_ value: String) -> (value: String, state: String?) {
        guard value.hasSuffix(")"), let open = value.lastIndex(of: "(") else { return (value, nil) }
        let state = value[value.index(after: open)..<value.index(before: value.endIndex)]
        return (String(value[..<open]).trimmingBlanks, String(state))
    }

    static func yes(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "yes", "sí", "si": return true
        case "no": return false
        default: return nil
        }
    }

    static func apply(_ field: Field, value: String, to host: inout HostRecord) {
        switch field {
        case .hostName: host.hostName = value
        case .ipRouting: host.ipRoutingEnabled = yes(value)
        case .nodeType: host.nodeType = value
        default: break
        }
    }

    static func apply(_ field: Field, value: String, to record: inout InterfaceRecord) {
        guard !value.isEmpty else { return }
        switch field {
        case .mediaState: record.mediaStatus = value
        case .description: record.description = value
        case .physicalAddress:
            record.mac = MACAddress(value)
            record.hardwareAddressText = value
        case .dhcpEnabled: record.dhcpEnabled = yes(value)
        case .ipv4:
            let (address, state) = decorated(value)
            var assignment = IPv4Assignment(address: HostToken(address))
            assignment.state = state
            record.ipv4.append(assignment)
        case .ipv6:
            let (address, state) = decorated(value)
            let parts = address.split(separator: "%", maxSplits: 1)
            var assignment = IPv6Assignment(address: String(parts[0]), prefixLength: nil, scope: nil)
            assignment.zone = parts.count > 1 ? String(parts[1]) : nil
            assignment.flags = state.map { [$0] } ?? []
            record.ipv6.append(assignment)
        case .subnetMask:
            if !record.ipv4.isEmpty, record.ipv4[record.ipv4.count - 1].netmask == nil {
                record.ipv4[record.ipv4.count - 1].netmask = IPv4Address(value)
            }
        case .gateway: record.gateways.append(HostToken(decorated(value).value.split(separator: "%")[0].description))
        case .dhcpServer: record.dhcpServer = HostToken(value)
        case .dnsServers: record.dnsServers.append(value)
        case .hostName, .ipRouting, .nodeType, .other: break
        }
    }
}
