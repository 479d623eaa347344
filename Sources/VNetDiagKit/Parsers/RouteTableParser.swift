import PCRE2

/// net-tools routing tables: `route -n`/`-ne`/`-nee`, `route` with names, `route -6`, and the
/// hand-trimmed tables of the seed (`Destination Gateway Genmask Iface`). Headers may be Spanish,
/// German, French or Brazilian Portuguese; localised headers are not aligned with the data, so
/// rows are split on whitespace and mapped to the header's columns by position.
public enum RouteTableParser: SectionParser {
    public static let format: FormatName = "route"

    public static let signature = FormatSignature(
        headers: [
            RouteTableGrammar.titlePattern,
            RouteTableGrammar.headerPattern,
        ],
        commandWords: ["route"],
        fileNameHints: ["route"])

    public static func parse(_ section: Section) -> ParsedSection {
        RouteTableGrammar.parse(section)
    }
}

/// `netstat -r` family: the same table as `route`, told apart by the command or file name
/// (its `-rn` prints the MSS/Window/irtt columns, `-rne` the Metric/Ref/Use ones).
public enum NetstatRouteParser: SectionParser {
    public static let format: FormatName = "netstat-r"

    public static let signature = FormatSignature(
        headers: [#"^Routing tables\h*$"#],
        markers: [#"^Internet6?:\h*$"#, #"^Destination\h+Gateway\h+Flags\h"#],
        commandWords: ["netstat"], fileNameHints: ["netstat"], refines: RouteTableParser.format)

    public static func parse(_ section: Section) -> ParsedSection {
        let isBSD = section.lines.prefix(8).contains { $0.text.hasPrefix("Routing tables") || $0.text.hasPrefix("Internet:") }
        return isBSD ? BSDNetstatGrammar.parse(section) : RouteTableGrammar.parse(section)
    }
}

/// The grammar both `route` and `netstat -r` print.
enum RouteTableGrammar {
    static let titlePattern =
        #"^(?:Kernel IP(?:v6)? routing table|Tabla de rutas IP(?:v6)? del n(?:ú|u)cleo|Kernel[- ]IP(?:v6)?[- ]Routentabelle|Table de routage IP(?:v6)? du noyau|Tabela de Roteamento IP(?:v6)? do Kernel)"#
    /// net-tools headers always name the Genmask column (in any language); BSD's do not.
    static let headerPattern =
        #"^(?:(?:Destination|Destino|Ziel)\h+(?:Gateway|Pasarela|Router|Passerelle|Roteador)\h+(?:Genmask|Maske|M(?:á|a)scaraGen)|Destination\h+Next Hop)\b"#

    static let title = Patterns.compile(titlePattern, [.caseless])
    static let header = Patterns.compile(headerPattern, [.caseless])

    enum Column: String {
        case destination, gateway, genmask, flags, metric, ref, use, iface, mss, window, irtt
    }

    /// Header words in every known language → column.
    static let headerWords: [String: (Column, String?)] = [
        "destination": (.destination, nil), "destino": (.destination, nil), "ziel": (.destination, "de"),
        "gateway": (.gateway, nil), "pasarela": (.gateway, "es"), "router": (.gateway, "de"),
        "passerelle": (.gateway, "fr"), "roteador": (.gateway, "pt_BR"), "next_hop": (.gateway, nil),
        "genmask": (.genmask, nil), "maske": (.genmask, "de"), "máscaragen.": (.genmask, "pt_BR"),
        "máscaragen": (.genmask, "pt_BR"),
        "flags": (.flags, nil), "flag": (.flags, nil), "indic": (.flags, nil), "opções": (.flags, "pt_BR"),
        "metric": (.metric, nil), "métric": (.metric, "es"), "métrica": (.metric, nil), "met": (.metric, nil),
        "ref": (.ref, nil), "use": (.use, nil), "uso": (.use, nil), "benutzer": (.use, "de"),
        "iface": (.iface, nil), "interfaz": (.iface, "es"), "if": (.iface, nil),
        "mss": (.mss, nil), "window": (.window, nil), "ventana": (.window, "es"), "fenster": (.window, "de"),
        "fenêtre": (.window, "fr"), "janela": (.window, "pt_BR"), "irtt": (.irtt, nil),
    ]

    static let ext1: [Column] = [.destination, .gateway, .genmask, .flags, .metric, .ref, .use, .iface]
    static let ext3: [Column] = ext1 + [.mss, .window, .irtt]

    static func parse(_ section: Section) -> ParsedSection {
        var result = ParsedSection()
        var columns: [Column]? = nil
        var family = AddressFamily.inet
        var locale: String? = nil
        for line in section.lines {
            if line.isBlank || PromptSplitter.isFence(line) { continue }
            if title.match(line) != nil {
                let text = line.text
                if text.containsBytes("IPv6") { family = .inet6 }
                locale = locale ?? titleLocale(text)
                continue
            }
            if header.match(line) != nil {
                let parsed = parseHeader(line)
                columns = parsed.columns
                locale = locale ?? parsed.locale
                result.variant = variantName(parsed.columns, family: family)
                continue
            }
            let layout = columns ?? guessColumns(fieldCount: line.fields.count)
            guard let layout else {
                result.unparsed.append(line.unparsed("no routing table header and an unexpected number of columns"))
                continue
            }
            if columns == nil, result.variant == nil { result.variant = variantName(layout, family: family) + "-headerless" }
            switch parseRow(line, columns: layout, family: family, section: section) {
            case .success(let route): result.records.append(.route(route))
            case .failure(let reason): result.unparsed.append(line.unparsed(reason))
            }
        }
        result.locale = locale
        return result
    }

    static func titleLocale(_ text: String) -> String? {
        if text.hasPrefix("Tabla") { return "es" }
        if text.hasPrefix("Kernel-IP") || text.containsBytes("Routentabelle") { return "de" }
        if text.hasPrefix("Table de") { return "fr" }
        if text.hasPrefix("Tabela") { return "pt_BR" }
        return nil
    }

    static func parseHeader(_ line: SourceLine) -> (columns: [Column], locale: String?) {
        let text = line.text.replacingOccurrences(of: "Next Hop", with: "Next_Hop")
        var columns: [Column] = []
        var locale: String? = nil
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            let key = word.lowercased()
            if let (column, language) = headerWords[key] {
                columns.append(column)
                if locale == nil, let language { locale = language }
            }
        }
        if locale == nil, text.containsBytes("Interfaz") || text.containsBytes("Pasarela") { locale = "es" }
        return (columns, locale)
    }

    static func guessColumns(fieldCount: Int) -> [Column]? {
        switch fieldCount {
        case 8: return ext1
        case 11: return ext3
        default: return nil
        }
    }

    static func variantName(_ columns: [Column], family: AddressFamily) -> String {
        let prefix = family == .inet6 ? "inet6-" : ""
        if columns == ext1 { return prefix + "ext1" }
        if columns == [.destination, .gateway, .genmask, .flags, .mss, .window, .irtt, .iface] { return prefix + "ext2" }
        if columns == ext3 { return prefix + "ext3" }
        if family == .inet6 { return "inet6" }
        return "trimmed"
    }

    enum RowResult {
        case success(RouteRecord)
        case failure(String)
    }

    static func parseRow(_ line: SourceLine, columns: [Column], family: AddressFamily, section: Section) -> RowResult {
        let fields = line.fields
        guard fields.count == columns.count else {
            return .failure("expected \(columns.count) columns as in the header, found \(fields.count)")
        }
        guard let destinationIndex = columns.firstIndex(of: .destination) else {
            return .failure("header has no destination column")
        }
        let destinationText = fields[destinationIndex].string
        var route = RouteRecord(destination: family == .inet6 ? .name(destinationText) : HostToken(destinationText),
                                origin: section.provenance(line.number, line.number))
        route.family = family
        for (column, field) in zip(columns, fields) {
            let text = field.string
            switch column {
            case .destination: break
            // A reject route prints `-` where it has no gateway or interface.
            case .gateway where text == "-": route.gateway = nil
            case .gateway: route.gateway = family == .inet6 ? .name(text) : HostToken(text)
            case .genmask:
                guard let mask = IPv4Address(text) else {
                    if HostToken.looksRedacted(text) { continue }
                    return .failure("genmask '\(text)' is not a dotted-quad netmask")
                }
                route.genmask = mask
            case .flags: route.flags = text
            case .metric: route.metric = Int(text)
            case .ref: route.ref = Int(text)
            case .use: route.use = Int(text)
            case .iface: route.interface = text == "-" ? nil : text
            case .mss: route.mss = Int(text)
            case .window: route.window = Int(text)
            case .irtt: route.irtt = Int(text)
            }
        }
        if let flags = route.flags, !flags.allSatisfy({ "UGHRDMdacoefplwinACmA!".contains($0) }) {
            return .failure("flags '\(flags)' are not route flags")
        }
        return .success(route)
    }
}
