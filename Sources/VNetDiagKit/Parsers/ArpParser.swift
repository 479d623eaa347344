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

    static let oneLine = Patterns.compile(
        #"^(?<name>\S+) \((?<ip>[^)\s]+)\) (?:at|en|em|auf) (?<hw>\S+)(?: \[(?<type>\w+)\])?(?<mid>.*?) (?:on|en|em|auf) (?<dev>\S+)(?<tail>.*)$"#)
    static let tableHeader = Patterns.compile(
        #"^(?:Address|Direcci(?:ó|o)n|Adresse|Endere(?:ç|c)o)\h+(?:HWtype|TipoHW|TypeMap)\b"#, [.caseless])
    /// `arp -v` footer, `-- no entry` answers, and the "no match" message: information, not rows.
    static let informational = Patterns.compile(
        #"^(?:(?:Entries|Entradas|Einträge|Entrées|Entrées):\h*\d+|\S+ \(\S+\) -- |arp: in \d+ entries)"#, [.caseless])
    static let incompleteWords: Set<String> = ["(incomplete)", "(incompleto)", "(unvollständig)", "<incomplete>",
                                                "<incompleto>", "<unvollständig>", "(incomplete", "incomplete"]

    public static func parse(_ section: Section) -> ParsedSection {
        var result = ParsedSection()
        for line in section.lines {
            if line.isBlank || PromptSplitter.isFence(line) { continue }
            if tableHeader.match(line) != nil {
                result.variant = "table"
                result.locale = headerLocale(line.text)
                continue
            }
            if informational.match(line) != nil { continue }
            if let match = oneLine.match(line) {
                result.locale = result.locale ?? oneLineLocale(line.text)
                result.variant = result.variant ?? "bsd-style"
                result.records.append(.neighbor(oneLineRecord(match, line: line, section: section)))
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

    static func oneLineRecord(_ match: Match, line: SourceLine, section: Section) -> NeighborRecord {
        let name = line.capture(match, "name")
        let hardware = line.capture(match, "hw") ?? ""
        let mac = MACAddress(hardware)
        let middle = (line.capture(match, "mid") ?? "") + " " + (line.capture(match, "tail") ?? "")
        let words = middle.split(separator: " ").map(String.init)
        let incomplete = incompleteWords.contains(hardware)
        let permanent = words.contains("PERM") || words.contains("permanent")
        let published = words.contains("PUB") || words.contains("published")
        let state: NeighborState = incomplete ? .incomplete : published ? .published : permanent ? .permanent : .complete
        var record = NeighborRecord(address: HostToken(line.capture(match, "ip") ?? ""), state: state,
                                    origin: section.provenance(line.number, line.number))
        record.name = name == "?" ? nil : name
        record.mac = mac
        record.hardwareAddressText = hardware
        record.hardwareType = line.capture(match, "type")
        record.interface = line.capture(match, "dev")
        if words.contains("permanent") || words.contains("PERM") { record.permanent = true }
        if let index = words.firstIndex(of: "expires"), index + 2 < words.count, words[index + 1] == "in" {
            record.expires = Int(words[index + 2])
        }
        return record
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
