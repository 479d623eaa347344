/// `/proc/net/arp`, also as the seed pastes it: TAB-separated and without the HW type and Flags
/// columns (`192.168.0.64⇥00:40:D0:65:B2:84⇥*⇥eth1`). Rows are read by token shape, not column.
public enum ProcNetArpParser: SectionParser {
    public static let format: FormatName = "proc-net-arp"

    public static let signature = FormatSignature(
        headers: [#"^IP address\h+HW (?:type|address)"#],
        commandWords: ["/proc/net/arp"],
        fileNameHints: ["proc-net-arp", "proc_net_arp", "net_arp"])

    public static func parse(_ section: Section) -> ParsedSection {
        var result = ParsedSection()
        for line in section.lines {
            if line.isBlank || PromptSplitter.isFence(line) { continue }
            let fields = line.fields.map(\.string)
            if fields.first == "IP", fields.dropFirst().first == "address" {
                result.variant = fields.contains("type") ? "full" : "trimmed"
                continue
            }
            switch parseRow(fields, line: line, section: section) {
            case .some(let record): result.records.append(.neighbor(record))
            case .none:
                result.unparsed.append(line.unparsed("expected IP address, [HW type, Flags,] HW address, Mask, Device"))
            }
        }
        return result
    }

    static func parseRow(_ fields: [String], line: SourceLine, section: Section) -> NeighborRecord? {
        guard fields.count == 4 || fields.count == 6 else { return nil }
        let address = HostToken(fields[0])
        if case .name = address { return nil }
        let hasTypeAndFlags = fields.count == 6
        guard !hasTypeAndFlags || (fields[1].hasPrefix("0x") && fields[2].hasPrefix("0x")) else { return nil }
        let macText = fields[hasTypeAndFlags ? 3 : 1]
        let mac = MACAddress(macText)
        guard mac != nil || HostToken.looksRedacted(macText) else { return nil }
        let flags = hasTypeAndFlags ? fields[2] : nil
        let state = neighborState(flags: flags, mac: mac)
        var record = NeighborRecord(address: address, state: state, origin: section.provenance(line.number, line.number))
        record.mac = mac
        record.hardwareAddressText = macText
        record.hardwareType = hasTypeAndFlags ? fields[1] : nil
        record.flags = flags
        record.mask = fields[fields.count - 2]
        record.interface = fields[fields.count - 1]
        return record
    }

    /// `0x0` incomplete (the MAC may be a stale one), `0x2` complete, `0x6` permanent, `0xc` published.
    static func neighborState(flags: String?, mac: MACAddress?) -> NeighborState {
        guard let flags, let value = Int(flags.dropFirst(2), radix: 16) else {
            return (mac?.isZero ?? false) ? .incomplete : .complete
        }
        if value & 0x8 != 0 { return .published }
        if value & 0x4 != 0 { return .permanent }
        if value & 0x2 != 0 { return .complete }
        return .incomplete
    }
}
