import Foundation

/// `ip -j` / `ip -j -p` output (iproute2 ≥ 4.14): a JSON array per command. Records point at the
/// whole JSON text: a pretty-printed array could be mapped line by line, a compact one cannot.
enum IPJSON {
    /// Whether the section is `ip -j` output (its first line opens a JSON array or object).
    static func isJSON(_ lines: [SourceLine]) -> Bool {
        guard let first = lines.first(where: { !$0.isBlank && !PromptSplitter.isFence($0) }) else { return false }
        return first.bytes.first == UInt8(ascii: "[") || first.bytes.first == UInt8(ascii: "{")
    }

    /// The word after each of `keys` in iproute2's `key value key value` text (`master virbr0 state UP`);
    /// other words (`group default`, lone flags) are stepped over.
    static func keywordValues(_ words: [String], keys: Set<String>) -> [String: String] {
        var values: [String: String] = [:]
        var index = 0
        while index + 1 < words.count {
            if keys.contains(words[index]) {
                values[words[index]] = words[index + 1]
                index += 2
            } else {
                index += 1
            }
        }
        return values
    }

    /// The JSON array in the section, or the reason it could not be read.
    static func array(_ section: Section, lines: [SourceLine]) -> (items: [[String: Any]], first: Int, last: Int)? {
        let content = lines.filter { !$0.isBlank && !PromptSplitter.isFence($0) }
        guard let first = content.first, let last = content.last else { return nil }
        var bytes: [UInt8] = []
        for line in content {
            bytes.append(contentsOf: line.bytes)
            bytes.append(0x0A)
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)),
              let array = object as? [Any] else { return nil }
        return (array.compactMap { $0 as? [String: Any] }, first.number, last.number)
    }

    static func failed(_ lines: [SourceLine]) -> ParsedSection {
        ParsedSection(unparsed: lines.filter { !$0.isBlank }.map { $0.unparsed("not a JSON array as ip -j prints") },
                      variant: "json")
    }

    static func string(_ object: [String: Any], _ key: String) -> String? { object[key] as? String }

    static func int(_ object: [String: Any], _ key: String) -> Int? {
        (object[key] as? NSNumber)?.intValue
    }

    static func strings(_ object: [String: Any], _ key: String) -> [String] { object[key] as? [String] ?? [] }

    /// `ip -j addr` records, or nil when the lines are not a JSON array (then they are read as text).
    static func parseAddresses(_ section: Section, lines: [SourceLine]) -> ParsedSection? {
        guard let json = array(section, lines: lines) else { return nil }
        let origin = section.provenance(json.first, json.last)
        var result = ParsedSection(variant: "json")
        for link in json.items {
            var interface = InterfaceRecord(name: string(link, "ifname") ?? "?", origin: origin)
            interface.index = int(link, "ifindex")
            interface.flags = strings(link, "flags")
            interface.mtu = int(link, "mtu")
            interface.qdisc = string(link, "qdisc")
            interface.master = string(link, "master")
            interface.state = string(link, "operstate")
            interface.linkType = string(link, "link_type")
            interface.peer = string(link, "link") ?? int(link, "link_index").map { "if\($0)" }
            interface.linkNetns = string(link, "link_netns") ?? int(link, "link_netnsid").map(String.init)
            interface.altNames = strings(link, "altnames")
            if let address = string(link, "address") {
                interface.mac = MACAddress(address)
                interface.hardwareAddressText = address
            }
            for info in link["addr_info"] as? [[String: Any]] ?? [] {
                let local = string(info, "local") ?? ""
                let length = int(info, "prefixlen")
                let flags = ["secondary", "dynamic", "temporary", "tentative", "deprecated", "noprefixroute",
                             "dadfailed", "nodad", "optimistic", "home", "mngtmpaddr"].filter { info[$0] as? Bool == true }
                if string(info, "family") == "inet6" {
                    var assignment = IPv6Assignment(address: local, prefixLength: length, scope: string(info, "scope"))
                    assignment.flags = flags
                    interface.ipv6.append(assignment)
                } else {
                    var assignment = IPv4Assignment(address: HostToken(local),
                                                    netmask: length.flatMap { IPv4Address(prefixLength: $0) },
                                                    broadcast: string(info, "broadcast").flatMap { IPv4Address($0) },
                                                    peer: string(info, "address").flatMap { IPv4Address($0) })
                    assignment.scope = string(info, "scope")
                    assignment.label = string(info, "label")
                    assignment.flags = flags
                    interface.ipv4.append(assignment)
                }
            }
            result.records.append(.interface(interface))
        }
        return result
    }
}
