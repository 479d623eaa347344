import Foundation
import PCRE2

/// iproute2 `ip route` (text and `-j`): `[TYPE] PREFIX [via GW] [dev IF] [proto P] [scope S]
/// [src A] [metric N] [FLAGS]`, multipath `nexthop` lines (formats.md §3.3).
public enum IPRouteParser: SectionParser {
    public static let format: FormatName = "ip-route"

    public static let signature = FormatSignature(
        markers: [
            #"^default (?:via|dev) \S+"#,
            #"^(?:unreachable|blackhole|prohibit|throw|local|broadcast|multicast|unicast) [0-9a-fA-F.:/]+(?:\h|$)"#,
            // `A dev IF` alone is also an `ip neigh` entry in state NONE: ask for more.
            #"^\d+\.\d+\.\d+\.\d+(?:/\d+ (?:via \S+ )?dev \S+| via \S+| dev \S+ (?:proto|scope|metric|src|linkdown|onlink) )"#,
            #"^\[\{"(?:type|dst)":"[^"]*","(?:dst|gateway|dev|protocol|flags)""#,
        ],
        commandWords: ["ip route"],
        fileNameHints: ["ip-route", "ip_route", "iproute", "ip-r."])

    static let types: Set<String> = ["unreachable", "blackhole", "prohibit", "throw", "local", "broadcast",
                                     "multicast", "unicast", "nat", "anycast"]
    static let flagWords: Set<String> = ["linkdown", "onlink", "dead", "pervasive", "offload", "notify", "rt_offload", "trap"]

    public static func parse(_ section: Section) -> ParsedSection {
        let lines = section.lines
        if IPJSON.isJSON(lines) {
            return parseJSON(section, lines: lines)
        }
        var result = ParsedSection(variant: "text")
        for line in lines {
            if line.isBlank || PromptSplitter.isFence(line) { continue }
            let words = line.fields.map(\.string)
            if words.first == "nexthop", case .route(var route)? = result.records.last {
                // Multipath: the first next hop fills the route; the others are kept as options.
                apply(Array(words.dropFirst()), to: &route)
                result.records[result.records.count - 1] = .route(route)
                continue
            }
            guard let route = parseRoute(words, line: line, section: section) else {
                result.unparsed.append(line.unparsed("not an ip route line"))
                continue
            }
            result.records.append(.route(route))
        }
        return result
    }

    static func parseRoute(_ words: [String], line: SourceLine, section: Section) -> RouteRecord? {
        var words = words[...]
        var type: String? = nil
        if let first = words.first, types.contains(first) {
            type = first
            words = words.dropFirst()
        }
        guard let prefix = words.first else { return nil }
        let isIPv6 = prefix.contains(":") && prefix.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "/" || $0 == "." }
        // Empty pieces kept: a bare `/` splits into two empty strings, not into none.
        guard prefix == "default" || isIPv6 || IPv4Address(String(prefix.split(separator: "/", omittingEmptySubsequences: false)[0])) != nil else {
            return nil
        }
        var route = makeRoute(prefix, origin: section.provenance(line.number, line.number))
        route.type = type == "unicast" ? nil : type
        apply(Array(words.dropFirst()), to: &route)
        return route
    }

    /// A route for an `ip route` destination: `default`, `10.0.2.0/24`, a host (`/32` unwritten), IPv6.
    static func makeRoute(_ prefix: String, origin: Provenance) -> RouteRecord {
        // Empty pieces kept, so that `parts[0]` exists for an empty `dst` in `ip -j route`.
        let parts = prefix.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let isV6 = prefix.contains(":")
        var route = RouteRecord(destination: prefix == "default" ? .name("default") : HostToken(String(parts[0])), origin: origin)
        route.family = isV6 ? .inet6 : .inet
        route.destinationText = prefix
        if !isV6 {
            let length = prefix == "default" ? 0 : parts.count > 1 ? Int(parts[1]) : 32
            route.genmask = length.flatMap { IPv4Address(prefixLength: $0) }
        }
        return route
    }

    static func apply(_ words: [String], to route: inout RouteRecord) {
        var index = 0
        while index < words.count {
            let word = words[index]
            let value = index + 1 < words.count ? words[index + 1] : nil
            switch word {
            case "via" where value != nil:
                let gateway = value!
                if route.gateway == nil { route.gateway = gateway.contains(":") ? .name(gateway) : HostToken(gateway) }
                index += 1
            case "dev" where value != nil: if route.interface == nil { route.interface = value }; index += 1
            case "proto" where value != nil: route.protocolName = value; index += 1
            case "scope" where value != nil: route.scope = value; index += 1
            case "src" where value != nil: route.source = IPv4Address(value!); index += 1
            case "metric" where value != nil: route.metric = Int(value!); index += 1
            case "table", "pref", "expires", "weight", "mtu", "advmss", "realm", "realms", "hoplimit", "initcwnd", "tos", "from":
                index += 1
            default:
                if flagWords.contains(word) { route.options.append(word) }
            }
            index += 1
        }
    }

    static func parseJSON(_ section: Section, lines: [SourceLine]) -> ParsedSection {
        guard let json = IPJSON.array(section, lines: lines) else { return IPJSON.failed(lines) }
        var result = ParsedSection(variant: "json")
        let origin = section.provenance(json.first, json.last)
        for item in json.items {
            guard let destination = IPJSON.string(item, "dst") else { continue }
            var route = makeRoute(destination, origin: origin)
            route.type = IPJSON.string(item, "type")
            route.gateway = IPJSON.string(item, "gateway").map { $0.contains(":") ? .name($0) : HostToken($0) }
            route.interface = IPJSON.string(item, "dev")
            route.protocolName = IPJSON.string(item, "protocol")
            route.scope = IPJSON.string(item, "scope")
            route.source = IPJSON.string(item, "prefsrc").flatMap { IPv4Address($0) }
            route.metric = IPJSON.int(item, "metric")
            route.options = IPJSON.strings(item, "flags")
            result.records.append(.route(route))
        }
        return result
    }
}

/// iproute2 `ip neigh` (text and `-j`): `ADDR dev IF [lladdr MAC] [router] [proxy] STATE...`.
public enum IPNeighParser: SectionParser {
    public static let format: FormatName = "ip-neigh"

    public static let signature = FormatSignature(
        markers: [
            #"^[0-9a-fA-F.:]+ dev \S+ (?:lladdr \S+ ?|INCOMPLETE|FAILED|STALE|REACHABLE|DELAY|PROBE|NOARP|PERMANENT|NONE)"#,
            #"^\[\{"dst":"[^"]*","dev":"[^"]*",(?:"lladdr"|"state")"#,
        ],
        commandWords: ["ip neighbour", "ip neighbor"],
        fileNameHints: ["ip-neigh", "ip_neigh", "ipneigh"])

    static let states: Set<String> = ["INCOMPLETE", "REACHABLE", "STALE", "DELAY", "PROBE", "FAILED", "NOARP", "PERMANENT", "NONE"]

    public static func parse(_ section: Section) -> ParsedSection {
        let lines = section.lines
        if IPJSON.isJSON(lines) {
            return parseJSON(section, lines: lines)
        }
        var result = ParsedSection(variant: "text")
        for line in lines {
            if line.isBlank || PromptSplitter.isFence(line) { continue }
            let words = line.fields.map(\.string)
            guard words.count >= 3, words[1] == "dev" else {
                result.unparsed.append(line.unparsed("not an ip neigh line"))
                continue
            }
            var nud: [String] = []
            var mac: String? = nil
            var router = false
            var index = 3
            while index < words.count {
                let word = words[index]
                if word == "lladdr", index + 1 < words.count { mac = words[index + 1]; index += 1 }
                else if word == "router" { router = true }
                else if states.contains(word) { nud.append(word) }
                index += 1
            }
            result.records.append(.neighbor(record(address: words[0], interface: words[2], mac: mac, nud: nud,
                                                   router: router, origin: section.provenance(line.number, line.number))))
        }
        return result
    }

    static func record(address: String, interface: String, mac: String?, nud: [String], router: Bool,
                       origin: Provenance) -> NeighborRecord {
        let failed = nud.contains("INCOMPLETE") || nud.contains("FAILED") || (mac == nil && !nud.contains("NOARP"))
        let state: NeighborState = failed ? .incomplete : nud.contains("PERMANENT") ? .permanent : .complete
        var neighbor = NeighborRecord(address: address.contains(":") ? .name(address) : HostToken(address),
                                      state: state, origin: origin)
        neighbor.interface = interface
        neighbor.mac = mac.flatMap { MACAddress($0) }
        neighbor.hardwareAddressText = mac
        neighbor.nudState = nud.isEmpty ? "NONE" : nud.joined(separator: " ")
        neighbor.router = router
        return neighbor
    }

    static func parseJSON(_ section: Section, lines: [SourceLine]) -> ParsedSection {
        guard let json = IPJSON.array(section, lines: lines) else { return IPJSON.failed(lines) }
        var result = ParsedSection(variant: "json")
        let origin = section.provenance(json.first, json.last)
        for item in json.items {
            guard let address = IPJSON.string(item, "dst") else { continue }
            result.records.append(.neighbor(record(address: address, interface: IPJSON.string(item, "dev") ?? "",
                                                   mac: IPJSON.string(item, "lladdr"), nud: IPJSON.strings(item, "state"),
                                                   router: item.keys.contains("router"), origin: origin)))
        }
        return result
    }
}
