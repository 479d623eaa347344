import Foundation
import PCRE2

/// iproute2 `ip addr` in its four forms: full, `-br`, `-o` (one line per address) and `-j` JSON
/// (formats.md §5). Never localized. One record per interface, its addresses in lists.
public enum IPAddressParser: SectionParser {
    public static let format: FormatName = "ip-addr"

    public static let signature = FormatSignature(
        markers: [
            IPAddressGrammar.linePattern,
            #"^\d+: \S+\h+inet6? [0-9a-fA-F.:]+/\d+"#,
            #"^\S+\h+(?:UNKNOWN|UP|DOWN|LOWERLAYERDOWN|DORMANT|NOTPRESENT|TESTING)(?:\h+[0-9a-fA-F.:]+/\d+|\h*$)"#,
            #"^\[\{"ifindex":"#,
        ],
        commandWords: ["ip address"],
        fileNameHints: ["ip-addr", "ip_addr", "ip-a.", "ipaddr"])

    public static func parse(_ section: Section) -> ParsedSection {
        IPAddressGrammar.parse(section)
    }

    public static func canStartChunk(at line: SourceLine, after previous: SourceLine) -> Bool {
        IPAddressGrammar.link.match(line) != nil
    }
}

/// `ip link`: the same lines without addresses; told apart from `ip addr` by the command or file.
public enum IPLinkParser: SectionParser {
    public static let format: FormatName = "ip-link"

    /// `ip -br link` shows itself (a MAC and flags after the state); full `ip link` output is
    /// `ip addr` without addresses, so only the command or the file name can name it.
    public static let signature = FormatSignature(
        markers: [#"^\S+\h+(?:UNKNOWN|UP|DOWN|LOWERLAYERDOWN|DORMANT|NOTPRESENT|TESTING)\h+[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}\h+<"#],
        commandWords: ["ip link"],
        fileNameHints: ["ip-link", "ip_link", "iplink"], refines: IPAddressParser.format)

    public static func parse(_ section: Section) -> ParsedSection {
        IPAddressGrammar.parse(section)
    }
}

enum IPAddressGrammar {
    static let linePattern = #"^\d+: [^\s:@]+(?:@[^\s:]+)?: <[^>]*> mtu \d+"#
    static let link = Patterns.compile(
        #"^(?<index>\d+): (?<name>[^\s:@]+)(?:@(?<peer>[^\s:]+))?: <(?<flags>[^>]*)> mtu (?<mtu>\d+)(?<rest>.*)$"#)
    static let oneline = Patterns.compile(
        #"^(?<index>\d+): (?<name>[^\s:@]+)(?:@(?<peer>\S+))?\h+(?<family>inet6?) (?<rest>.*)$"#)
    static let brief = Patterns.compile(
        #"^(?<name>[^\s@]+)(?:@(?<peer>\S+))?\h+(?<state>UNKNOWN|UP|DOWN|LOWERLAYERDOWN|DORMANT|NOTPRESENT|TESTING)\h*(?<rest>.*)$"#)

    static func parse(_ section: Section) -> ParsedSection {
        let lines = section.lines
        // What looks like JSON but is not a JSON array is read as text, as a chunk of it cut at a link
        // line is (canStartChunk): a section parses the same whole or in chunks.
        if IPJSON.isJSON(lines), let parsed = IPJSON.parseAddresses(section, lines: lines) { return parsed }
        var result = ParsedSection()
        var interfaces: [InterfaceRecord] = []
        var positions: [String: Int] = [:]
        func record(named name: String, index: Int?, line: SourceLine) -> Int {
            if let position = positions[name] {
                interfaces[position].origin = interfaces[position].origin.extended(to: line.number)
                return position
            }
            var interface = InterfaceRecord(name: name, origin: section.provenance(line.number, line.number))
            interface.index = index
            interfaces.append(interface)
            positions[name] = interfaces.count - 1
            return interfaces.count - 1
        }
        var current: Int? = nil
        for line in lines {
            if line.isBlank || PromptSplitter.isFence(line) { continue }
            if let match = link.match(line), let name = line.capture(match, "name") {
                // A link line starts a new listing: later lines never add to an interface listed
                // before it, so a section parses the same whole or cut at link lines (canStartChunk).
                positions.removeAll(keepingCapacity: true)
                let position = record(named: name, index: line.captureInt(match, "index"), line: line)
                applyLinkLine(match, line: line, to: &interfaces[position])
                current = position
                result.variant = result.variant ?? "full"
                continue
            }
            if let match = oneline.match(line), let name = line.capture(match, "name") {
                let position = record(named: name, index: line.captureInt(match, "index"), line: line)
                let family = line.capture(match, "family") ?? "inet"
                let rest = line.capture(match, "rest") ?? ""
                applyAddress(family: family, words: words(rest.components(separatedBy: "\\")[0]), to: &interfaces[position])
                result.variant = result.variant ?? "oneline"
                continue
            }
            if line.leadingBlanks > 0, let position = current {
                if applyDetail(line, to: &interfaces[position]) {
                    interfaces[position].origin = interfaces[position].origin.extended(to: line.number)
                    continue
                }
            } else if let match = brief.match(line), let name = line.capture(match, "name") {
                let position = record(named: name, index: nil, line: line)
                applyBrief(match, line: line, to: &interfaces[position], variant: &result.variant)
                current = nil
                continue
            }
            result.unparsed.append(line.unparsed("not an ip addr/link line"))
        }
        result.records = interfaces.map { .interface($0) }
        return result
    }

    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// `mtu 1500 qdisc noqueue master virbr0 state UP group default qlen 1000 [link-netns NAME]`
    static func applyLinkLine(_ match: Match, line: SourceLine, to interface: inout InterfaceRecord) {
        interface.peer = line.capture(match, "peer")
        interface.flags = (line.capture(match, "flags") ?? "").split(separator: ",").map(String.init)
        interface.mtu = line.captureInt(match, "mtu")
        let values = IPJSON.keywordValues(words(line.capture(match, "rest") ?? ""),
                                          keys: ["qdisc", "master", "state", "link-netns", "link-netnsid"])
        interface.qdisc = values["qdisc"]
        interface.master = values["master"]
        interface.state = values["state"]
        interface.linkNetns = values["link-netns"] ?? values["link-netnsid"]
    }

    /// Indented lines under a link line: `link/ether ...`, `altname`, `inet ...`, `valid_lft ...`.
    static func applyDetail(_ line: SourceLine, to interface: inout InterfaceRecord) -> Bool {
        let fields = words(line.text)
        guard let first = fields.first else { return false }
        if first.hasPrefix("link/") {
            interface.linkType = String(first.dropFirst(5))
            if fields.count > 1, let mac = MACAddress(fields[1]) {
                interface.mac = mac
                interface.hardwareAddressText = fields[1]
            }
            if let position = fields.firstIndex(where: { $0 == "link-netns" || $0 == "link-netnsid" }),
               position + 1 < fields.count {
                interface.linkNetns = fields[position + 1]
            }
            return true
        }
        switch first {
        case "altname":
            interface.altNames.append(contentsOf: fields.dropFirst())
            return true
        case "inet", "inet6":
            applyAddress(family: first, words: Array(fields.dropFirst()), to: &interface)
            return true
        case "valid_lft", "vf", "alias", "prog/xdp", "bridge_slave", "bond_slave", "veth", "bridge", "RX:", "TX:":
            return true  // lifetimes and -d/-s detail: recognised, not modelled
        default:
            // `ip -s link` counter rows are numbers only.
            return fields.allSatisfy { Int($0) != nil }
        }
    }

    /// `A/PLEN [peer P/PLEN] [brd B] scope S [FLAGS...] [LABEL]` after `inet`/`inet6`.
    static func applyAddress(family: String, words: [String], to interface: inout InterfaceRecord) {
        guard let first = words.first else { return }
        let parts = first.split(separator: "/", maxSplits: 1)
        let address = String(parts[0])
        let length = parts.count > 1 ? Int(parts[1]) : nil
        var scope: String? = nil
        var flags: [String] = []
        var broadcast: IPv4Address? = nil
        var peer: IPv4Address? = nil
        var label: String? = nil
        var index = 1
        while index < words.count {
            let word = words[index]
            switch word {
            case "brd" where index + 1 < words.count: broadcast = IPv4Address(words[index + 1]); index += 1
            case "peer" where index + 1 < words.count:
                peer = IPv4Address(String(words[index + 1].split(separator: "/")[0])); index += 1
            case "scope" where index + 1 < words.count: scope = words[index + 1]; index += 1
            case "proto" where index + 1 < words.count: index += 1
            case "valid_lft", "preferred_lft": index += 1
            default:
                // The IPv4 label (device name or alias) is the last word; everything else is a flag.
                if family == "inet", index == words.count - 1, scope != nil { label = word } else { flags.append(word) }
            }
            index += 1
        }
        if family == "inet6" {
            var assignment = IPv6Assignment(address: address, prefixLength: length, scope: scope)
            assignment.flags = flags
            interface.ipv6.append(assignment)
        } else {
            var assignment = IPv4Assignment(address: HostToken(address),
                                            netmask: length.flatMap { IPv4Address(prefixLength: $0) },
                                            broadcast: broadcast, peer: peer)
            assignment.scope = scope
            assignment.label = label
            assignment.flags = flags
            interface.ipv4.append(assignment)
        }
    }

    /// `ip -br addr`: `NAME  STATE  ADDR/PLEN...`; `ip -br link`: `NAME  STATE  MAC <FLAGS>`.
    static func applyBrief(_ match: Match, line: SourceLine, to interface: inout InterfaceRecord, variant: inout String?) {
        interface.peer = line.capture(match, "peer")
        interface.state = line.capture(match, "state")
        let rest = words(line.capture(match, "rest") ?? "")
        if let first = rest.first, let mac = MACAddress(first) {
            interface.mac = mac
            interface.hardwareAddressText = first
            if rest.count > 1 {
                interface.flags = rest[1].trimmingCharacters(in: CharacterSet(charactersIn: "<>")).split(separator: ",").map(String.init)
            }
            variant = variant ?? "brief"
            return
        }
        variant = variant ?? "brief"
        for word in rest {
            applyAddress(family: word.contains(":") ? "inet6" : "inet", words: [word], to: &interface)
        }
    }
}
