/// BSD and macOS `netstat -r` / `-rn` / `-rnl`: `Routing tables`, then `Internet:` and
/// `Internet6:` tables, columns named by each table's header (Refs, Use, Mtu, Expire come and go).
/// Destinations are written as printed: macOS shortens networks (`192.168.1`) and cuts names.
enum BSDNetstatGrammar {
    static func parse(_ section: Section) -> ParsedSection {
        var result = ParsedSection(variant: "bsd")
        var family = AddressFamily.inet
        var columns: [String] = []
        for line in section.lines {
            if line.isBlank || PromptSplitter.isFence(line) { continue }
            let text = line.text.trimmingBlanks
            if text == "Routing tables" { continue }
            if text == "Internet:" { family = .inet; continue }
            if text == "Internet6:" { family = .inet6; continue }
            let fields = line.fields.map(\.string)
            if fields.first == "Destination" {
                columns = fields.map { $0.lowercased() }
                continue
            }
            guard !columns.isEmpty, fields.count == columns.count || (fields.count == columns.count - 1 && columns.last == "expire") else {
                result.unparsed.append(line.unparsed("not a row of the netstat -r table above"))
                continue
            }
            var route = RouteRecord(destination: family == .inet6 ? .name(fields[0]) : HostToken(fields[0]),
                                    origin: section.provenance(line.number, line.number))
            route.family = family
            route.destinationText = fields[0]
            for (column, value) in zip(columns, fields) {
                switch column {
                case "gateway": route.gateway = family == .inet6 ? .name(value) : HostToken(value)
                case "flags": route.flags = value
                case "refs": route.ref = Int(value)
                case "use": route.use = Int(value)
                case "mtu": route.mtu = Int(value)
                case "netif": route.interface = value
                case "expire": route.expire = value
                default: break
                }
            }
            result.records.append(.route(route))
        }
        return result
    }
}
