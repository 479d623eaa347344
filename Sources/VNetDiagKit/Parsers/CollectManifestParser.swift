/// The manifest `vnetdiag collect` writes beside its captures (`collect.txt`): the host name, the
/// role the user declared (`--role`), what ran and what was missing.
public enum CollectManifestParser: SectionParser {
    public static let format: FormatName = "collect-manifest"

    public static let signature = FormatSignature(
        headers: [#"^# vnetdiag collect\b"#],
        // Its first line reads like a root prompt running `vnetdiag collect`.
        commandWords: ["vnetdiag collect", "vnetdiag"],
        fileNameHints: ["collect.txt"])

    public static func parse(_ section: Section) -> ParsedSection {
        var result = ParsedSection(variant: "manifest")
        guard let first = section.lines.first else { return result }
        var record = HostRecord(origin: section.provenance(first.number, section.lines.last?.number ?? first.number))
        for line in section.lines {
            let text = line.text.trimmingBlanks
            if text.isEmpty || text.hasPrefix("#") { continue }
            guard let colon = text.firstIndex(of: ":") else {
                result.unparsed.append(line.unparsed("not a 'key: value' line"))
                continue
            }
            let key = text[..<colon], value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "hostname": record.hostName = value
            case "role": if ["host", "guest", "observer"].contains(value) { record.declaredRole = value }
            case "user", "date", "ran", "missing": break  // for people
            default: result.unparsed.append(line.unparsed("not a key of vnetdiag collect's manifest"))
            }
        }
        // Only what a manifest says makes a record: forced onto other text, nothing is invented.
        if record.hostName != nil || record.declaredRole != nil { result.records.append(.host(record)) }
        return result
    }
}
