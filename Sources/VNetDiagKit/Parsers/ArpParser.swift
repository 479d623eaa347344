import PCRE2

/// net-tools `arp` in its two layouts: the table of `arp`, `arp -n`, `arp -e`, `arp -v`
/// (header `Address HWtype HWaddress Flags Mask Iface`, localised in es/fr/pt_BR), and the
/// one-line `arp -a` form (`? (10.0.2.2) at 52:54:00:12:35:02 [ether] on ens33`, also with
/// `en`/`em`/`auf`). BSD/macOS `arp -a` lines (`on em0 expires in 1197 seconds [ethernet]`) read too.
public enum ArpParser: SectionParser {
    public static let format: FormatName = "arp"

    public static let signature = FormatSignature(
        headers: [#"^(?:Address|Direcci(?:ó|o)n|Adresse|Endere(?:ç|c)o)\h+(?:HWtype|TipoHW|TypeMap)\b"#],
        markers: [#"^\S+ \(\d+\.\d+\.\d+\.\d+\) (?:at|en|em|auf) "#],
        commandWords: ["arp"],
        fileNameHints: ["arp"])

    /// `NAME (IP) at HW ...`: the rest is read word by word, since Linux puts `[ether]` before
    /// `on DEV`, BSD and macOS put `[ethernet]` after it, and AIX has no device at all.
    static let oneLine = Patterns.compile(
        #"^\h*(?<name>\S+) \((?<ip>[^)\s]+)\) (?:at|en|em|auf) (?<rest>.*)$"#)
    static let tableHeader = Patterns.compile(
        #"^(?:Address|Direcci(?:ó|o)n|Adresse|Endere(?:ç|c)o)\h+(?:HWtype|TipoHW|TypeMap)\b"#, [.caseless])
    /// `arp -v` footer, `-- no entry` answers, and the "no match" message: information, not rows.
    static let informational = Patterns.compile(
        #"^(?:(?:Entries|Entradas|Einträge|Entrées|Entrées):\h*\d+|\S+ \(\S+\) -- |arp: in \d+ entries)"#, [.caseless])
    static let incompleteWords: Set<String> = ["(incomplete)", "(incompleto)", "(unvollständig)", "<incomplete>",
                                                "<incompleto>", "<unvollständig>", "(incomplete", "incomplete"]

    public static func parse(_ section: Section) -> ParsedSection {
        var result = ParsedSection()
        var sawBuckets = false
        for line in section.lines {
            if line.isBlank || PromptSplitter.isFence(line) { continue }
            if tableHeader.match(line) != nil {
                result.variant = "table"
                result.locale = headerLocale(line.text)
                continue
            }
            if informational.match(line) != nil { continue }
            // AIX prints its hash buckets and then the incomplete entries once more.
            if line.text.trimmingBlanks.hasPrefix("bucket:") || line.text.hasPrefix("There are ") {
                sawBuckets = true
                continue
            }
            if let match = oneLine.match(line) {
                result.locale = result.locale ?? oneLineLocale(line.text)
                let (record, layout) = oneLineRecord(match, line: line, section: section)
                result.variant = result.variant ?? layout
                let repeated = sawBuckets && result.records.contains {
                    if case .neighbor(let earlier) = $0 { return earlier.address == record.address && earlier.name == record.name }
                    return false
                }
                if !repeated { result.records.append(.neighbor(record)) }
                continue
            }
            if let record = tableRecord(line, section: section) {
                if result.locale == nil, line.contains("(unvollständig)") { result.locale = "de" }
                result.variant = result.variant ?? "table"
                result.records.append(.neighbor(record))
                continue
            }
            result.unparsed.append(line.unparsed("not an arp table row or an 'arp -a' line"))
        }
        return result
    }

    static func headerLocale(_ text: String) -> String? {
        if text.hasPrefix("Direcci") { return "es" }
        if text.hasPrefix("Adresse") { return "fr" }
        if text.hasPrefix("Endere") { return "pt_BR" }
        return nil
    }

    /// `? (IP) auf MAC [ether] auf dev` is German, `em` Portuguese, `en` Spanish.
    static func oneLineLocale(_ text: String) -> String? {
        if text.containsBytes(") auf ") { return "de" }
        if text.containsBytes(") em ") { return "pt_BR" }
        if text.containsBytes(") en ") { return "es" }
        return nil
    }

    static func oneLineRecord(_ match: Match, line: SourceLine, section: Section) -> (NeighborRecord, String) {
        let name = line.capture(match, "name")
        let words = (line.capture(match, "rest") ?? "").split(separator: " ").map(String.init)
        let hardware = words.first ?? ""
        var record = NeighborRecord(address: HostToken(line.capture(match, "ip") ?? ""), state: .complete,
                                    origin: section.provenance(line.number, line.number))
        record.name = name == "?" ? nil : name
        record.hardwareAddressText = hardware
        record.mac = MACAddress(hardware)
        var layout = "linux"
        var sawDevice = false
        var permanent = false
        var published = false
        var index = 1
        while index < words.count {
            let word = words[index]
            let next = index + 1 < words.count ? words[index + 1] : nil
            switch word {
            case "on", "en", "em", "auf":
                record.interface = next
                sawDevice = true
                index += 1
            case "PERM", "permanent": permanent = true
            case "PUB", "published", "PUP": published = true
            case "expires" where next == "in" && index + 2 < words.count:
                record.expires = Int(words[index + 2])
                index += 3
            case "stored": layout = "aix"; index = words.count
            default:
                if word.hasPrefix("["), word.hasSuffix("]") {
                    record.hardwareType = String(word.dropFirst().dropLast())
                    if sawDevice && layout != "aix" { layout = "bsd" }
                }
            }
            index += 1
        }
        if !sawDevice && layout == "linux" { layout = "aix" }
        let incomplete = incompleteWords.contains(hardware)
        record.state = incomplete ? .incomplete : published ? .published : permanent ? .permanent : .complete
        if layout != "linux" { record.permanent = permanent }
        return (record, layout == "linux" ? "bsd-style" : layout)
    }

    /// `ADDRESS HWTYPE HWADDRESS FLAGS [MASK] IFACE` or `ADDRESS (incomplete) IFACE`.
    static func tableRecord(_ line: SourceLine, section: Section) -> NeighborRecord? {
        let fields = line.fields.map(\.string)
        let origin = section.provenance(line.number, line.number)
        if fields.count == 3, incompleteWords.contains(fields[1]) {
            var record = NeighborRecord(address: HostToken(fields[0]), state: .incomplete, origin: origin)
            record.hardwareAddressText = fields[1]
            record.interface = fields[2]
            return record
        }
        guard fields.count == 5 || fields.count == 6 else { return nil }
        let mac = MACAddress(fields[2])
        guard mac != nil || HostToken.looksRedacted(fields[2]) else { return nil }
        let flags = fields[3]
        guard flags.allSatisfy({ "CMPAT!".contains($0) }) else { return nil }
        let state: NeighborState = flags.contains("P") ? .published : flags.contains("M") ? .permanent : .complete
        var record = NeighborRecord(address: HostToken(fields[0]), state: state, origin: origin)
        record.hardwareType = fields[1]
        record.mac = mac
        record.hardwareAddressText = fields[2]
        record.flags = flags
        record.mask = fields.count == 6 ? fields[4] : nil
        record.interface = fields[fields.count - 1]
        return record
    }
}
