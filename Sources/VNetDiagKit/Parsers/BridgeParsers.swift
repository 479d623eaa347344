import PCRE2

/// `brctl show` (bridge-utils): TAB-separated rows, further ports on continuation lines
/// (formats.md §6.1). After a paste the TABs may be spaces: rows are read by token count.
public enum BrctlParser: SectionParser {
    public static let format: FormatName = "brctl"

    public static let signature = FormatSignature(
        headers: [#"^bridge name\h+bridge id\h+STP enabled"#],
        commandWords: ["brctl"],
        fileNameHints: ["brctl"])

    static let bridgeID = Patterns.compile(#"^[0-9a-fA-F]{4}\.[0-9a-fA-F]{12}$"#)

    public static func parse(_ section: Section) -> ParsedSection {
        var result = ParsedSection(variant: "show")
        var bridges: [BridgeRecord] = []
        for line in section.lines {
            if line.isBlank || PromptSplitter.isFence(line) { continue }
            let fields = line.fields.map(\.string)
            if fields.first == "bridge", fields.dropFirst().first == "name" { continue }
            if fields.count >= 3, bridgeID.matches(fields[1]), fields[2] == "yes" || fields[2] == "no" {
                var bridge = BridgeRecord(name: fields[0], origin: section.provenance(line.number, line.number))
                bridge.id = fields[1]
                bridge.stp = fields[2] == "yes"
                bridge.ports = Array(fields.dropFirst(3))
                bridges.append(bridge)
            } else if fields.count == 1, line.leadingBlanks > 0, !bridges.isEmpty {
                bridges[bridges.count - 1].ports.append(fields[0])
                bridges[bridges.count - 1].origin = bridges[bridges.count - 1].origin.extended(to: line.number)
            } else {
                result.unparsed.append(line.unparsed("not a brctl show row or port line"))
            }
        }
        result.records = bridges.map { .bridge($0) }
        return result
    }
}

/// iproute2 `bridge link`: `IDX: NAME[@PEER]: <FLAGS> mtu N master BR state S priority P cost C`
/// (formats.md §6.2; the `@peer` is resolved in the wrong namespace and is unreliable).
public enum BridgeLinkParser: SectionParser {
    public static let format: FormatName = "bridge-link"

    public static let signature = FormatSignature(
        markers: [#"^\d+: \S+?(?: state \w+ )?: ?<[^>]*> mtu \d+ master \S+ state (?:forwarding|disabled|listening|learning|blocking)"#],
        commandWords: ["bridge link"],
        fileNameHints: ["bridge-link", "bridge_link"])

    static let line = Patterns.compile(
        #"^(?<index>\d+): (?<name>[^\s:@]+)(?:@(?<peer>[^\s:]+))?(?: state \w+ )?: ?<(?<flags>[^>]*)> mtu (?<mtu>\d+)(?<rest>.*)$"#)

    public static func parse(_ section: Section) -> ParsedSection {
        var result = ParsedSection(variant: "link")
        for source in section.lines {
            if source.isBlank || PromptSplitter.isFence(source) { continue }
            guard let match = line.match(source), let name = source.capture(match, "name") else {
                // `bridge -d link` adds an indented line of port options.
                if source.leadingBlanks > 0, !result.records.isEmpty { continue }
                result.unparsed.append(source.unparsed("not a bridge link line"))
                continue
            }
            var port = BridgePortRecord(name: name, origin: section.provenance(source.number, source.number))
            port.index = source.captureInt(match, "index")
            port.peer = source.capture(match, "peer")
            port.flags = (source.capture(match, "flags") ?? "").split(separator: ",").map(String.init)
            port.mtu = source.captureInt(match, "mtu")
            let words = (source.capture(match, "rest") ?? "").split(separator: " ").map(String.init)
            let values = IPJSON.keywordValues(words, keys: ["master", "state", "priority", "cost"])
            port.master = values["master"]
            port.state = values["state"]
            port.priority = values["priority"].flatMap { Int($0) }
            port.cost = values["cost"].flatMap { Int($0) }
            result.records.append(.bridgePort(port))
        }
        return result
    }
}
