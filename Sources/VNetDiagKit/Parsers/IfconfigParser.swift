import PCRE2

/// `ifconfig` in every layout vnetdiag meets: net-tools 1.60 ("old", `Link encap:`), net-tools
/// 2.10 ("new", `flags=4163<UP,...>  mtu 1500`) and BSD/macOS; old-layout labels in Spanish
/// (both Ubuntu generations), German, French and Brazilian Portuguese.
///
/// Blocks are found by their first line, not by blank lines or indentation: pasted output often
/// loses both. A continuation line that turns up after a block was closed (the seed's `peth0`
/// block, split in two by a PDF export) reopens the last block, which is marked `reconstructed`.
public enum IfconfigParser: SectionParser {
    public static let format: FormatName = "ifconfig"

    public static let signature = FormatSignature(
        markers: [IfconfigGrammar.newStartPattern, IfconfigGrammar.oldStartPattern],
        commandWords: ["ifconfig"],
        fileNameHints: ["ifconfig"])

    /// An interface's first line after a blank line: nothing carries over into it.
    public static func canStartChunk(at line: SourceLine, after previous: SourceLine) -> Bool {
        previous.isBlank && IfconfigGrammar.startsBlock(line)
    }

    /// The first lines the byte readers take: plain net-tools 2.10 and English 1.60 shapes.
    public static func isCertainMarker(_ line: SourceLine) -> Bool {
        IfconfigGrammar.NewLayoutStart.accepts(line) || IfconfigGrammar.OldLayoutStart.accepts(line)
    }

    public static func parse(_ section: Section) -> ParsedSection {
        var builder = IfconfigBlockBuilder(section: section)
        section.forEachLine { builder.consume($0) }
        return builder.finish()
    }
}

/// The state machine behind `IfconfigParser`.
struct IfconfigBlockBuilder {
    let section: Section
    /// Finished blocks, already wrapped: wrapping them at the end copied every record once more.
    var records: [Record] = []
    var current: InterfaceRecord? = nil
    /// The last line of the open block: its provenance is set when it closes, not rebuilt per line.
    var currentLastLine = 0
    var unparsed: [UnparsedLine] = []
    var layouts: Set<IfconfigLayout> = []
    var currentLayout: IfconfigLayout? = nil
    var locale: String? = nil
    var memo = IfconfigGrammar.LineMemo()

    init(section: Section) { self.section = section }

    mutating func consume(_ line: SourceLine) {
        let indent = line.leadingBlanks
        if indent == line.bytes.count || PromptSplitter.isFence(line, indent: indent) {
            closeBlock()
            return
        }
        if IfconfigGrammar.isOmissionMarker(line) { return }
        if let start = IfconfigGrammar.blockStart(line, section: section, flagWords: &memo.flagWords) {
            closeBlock()
            let layout = start.layout
            // Moved, not copied: a copy retained and released every field of the record.
            current = (consume start).record
            currentLastLine = line.number
            currentLayout = layout
            layouts.insert(layout)
            if locale == nil, records.count < 2 { locale = IfconfigGrammar.localeHint(line.text) }
            return
        }
        guard let kind = IfconfigGrammar.classify(line, layout: current == nil ? nil : currentLayout) else {
            unparsed.append(line.unparsed("not an ifconfig line"))
            return
        }
        // BSD indents detail lines with a TAB; its first line can look like net-tools 2.10's.
        if currentLayout == .new, line.bytes.first == 0x09 {
            currentLayout = .bsd
            current?.layout = IfconfigLayout.bsd.rawValue
            layouts.remove(.new)
            layouts.insert(.bsd)
        }
        if current == nil {
            guard case .interface(var resumed)? = records.popLast() else {
                unparsed.append(line.unparsed("ifconfig detail line before any interface line"))
                return
            }
            resumed.reconstructed = true
            currentLastLine = resumed.origin.lastLine
            current = resumed
        }
        if locale == nil { noteLocale(kind, line) }
        IfconfigGrammar.apply(kind, line: line, to: &current!, memo: &memo)
        currentLastLine = max(currentLastLine, line.number)
    }

    /// Old-layout labels are translated the same way in every block, so the first blocks are
    /// enough; the new layout translates only hardware titles (`(Lokale Schleife)`), looked up
    /// in whichever block has one.
    mutating func noteLocale(_ kind: IfconfigGrammar.LineKind, _ line: SourceLine) {
        switch kind {
        case .oldIPv4, .oldFlags:
            if records.count < 2 { locale = IfconfigGrammar.localeHint(line.text) }
        case .newLayout(.hardware(_, _, let title?)):
            if title != "Ethernet", IfconfigVocabulary.titles[title.lowercased()] != nil {
                locale = IfconfigGrammar.localeHint(line.text)
            }
        default: break
        }
    }

    mutating func closeBlock() {
        guard current != nil else { return }
        // Set in place and moved out: a local copy retained and released every field.
        if currentLastLine > current!.origin.lastLine { current!.origin = current!.origin.extended(to: currentLastLine) }
        records.append(.interface(current.take()!))
    }

    mutating func finish() -> ParsedSection {
        closeBlock()
        let variant = layouts.count > 1 ? "mixed" : layouts.first?.rawValue
        return ParsedSection(records: records, unparsed: unparsed, variant: variant, locale: locale)
    }
}

/// Which `ifconfig` printed a block: net-tools 1.60 (`old`), net-tools 2.10 (`new`) or BSD/macOS.
enum IfconfigLayout: String, Sendable {
    case old, new, bsd
}
