import Foundation

/// A section with what its parser made of it.
public struct SectionResult: Sendable {
    public let section: Section
    public let parsed: ParsedSection

    /// Machine the section belongs to: the prompt's host name until `MachineGrouping` names it.
    public var machine: String?

    public init(section: Section, parsed: ParsedSection, machine: String? = nil) {
        self.section = section
        self.parsed = parsed
        self.machine = machine ?? section.promptHost
    }
}

/// input → sections → records, for one or more documents.
public struct ParsePipeline: Sendable {
    public let sniffer: FormatSniffer

    public init(sniffer: FormatSniffer = FormatSniffer()) {
        self.sniffer = sniffer
    }

    /// Sections longer than this are cut into chunks parsed on all cores, where the parser allows.
    public var chunkLines = 4096
    public var parallelism = ParallelMap.activeProcessorCount

    public func parse(_ document: TextDocument, forcedFormat: FormatName? = nil) -> [SectionResult] {
        let sections = sniffer.sniff(PromptSplitter.split(document), forced: forcedFormat)
        return sections.map { section in
            // Over-long lines are listed in sections of unknown format too: nothing else says they were never read.
            var parsed = ParserRegistry.parser(for: section.format).map { parseInChunks(section, with: $0) } ?? ParsedSection()
            let overlong = section.overlongLines
            if !overlong.isEmpty {
                parsed.unparsed = (parsed.unparsed + overlong).sorted { $0.line < $1.line }
            }
            return SectionResult(section: section, parsed: parsed)
        }
    }

    func parseInChunks(_ section: Section, with parser: any SectionParser.Type) -> ParsedSection {
        let chunks = chunk(section, with: parser)
        guard chunks.count > 1 else { return parser.parse(section) }
        let results = ParallelMap.map(chunks) { parser.parse($0) }
        return ParsedSection.merging(results)
    }

    /// Cuts a section into a few pieces per core, each starting where the parser allows.
    func chunk(_ section: Section, with parser: any SectionParser.Type) -> [Section] {
        guard parallelism > 1, let numbers = section.lineNumbers, numbers.count > chunkLines else { return [section] }
        let target = max(chunkLines, numbers.count / (parallelism * ParallelMap.piecesPerCore) + 1)
        var pieces: [Section] = []
        var start = numbers.lowerBound
        var candidate = start + target
        while candidate <= numbers.upperBound {
            var cut: Int? = nil
            var probe = candidate
            // Look a little way ahead for a line where a chunk may start.
            while probe <= numbers.upperBound, probe < candidate + chunkLines {
                if parser.canStartChunk(at: section.document.line(probe), after: section.document.line(probe - 1)) {
                    cut = probe
                    break
                }
                probe += 1
            }
            guard let cut else { break }
            pieces.append(section.slice(from: start, to: cut - 1, isFirst: pieces.isEmpty))
            start = cut
            candidate = cut + target
        }
        pieces.append(section.slice(from: start, to: numbers.upperBound, isFirst: pieces.isEmpty))
        return pieces
    }

    /// Parses every document. Machines are named by the next stage (`MachineGrouping`).
    public func parse(_ documents: [TextDocument], forcedFormat: FormatName? = nil) -> [SectionResult] {
        documents.flatMap { parse($0, forcedFormat: forcedFormat) }
    }
}
