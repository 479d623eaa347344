/// A section with what its parser made of it.
public struct SectionResult: Sendable {
    public let section: Section
    public let parsed: ParsedSection

    /// Machine the section belongs to, as far as this stage knows it: the prompt's host name.
    public var machine: String? { section.promptHost }
}

/// input → sections → records, for one or more documents.
public struct ParsePipeline: Sendable {
    public let sniffer: FormatSniffer

    public init(sniffer: FormatSniffer = FormatSniffer()) {
        self.sniffer = sniffer
    }

    public func parse(_ document: TextDocument, forcedFormat: FormatName? = nil) -> [SectionResult] {
        let sections = sniffer.sniff(PromptSplitter.split(document), forced: forcedFormat)
        return sections.map { section in
            guard let parser = ParserRegistry.parser(for: section.format) else {
                return SectionResult(section: section, parsed: ParsedSection())
            }
            var parsed = parser.parse(section)
            let overlong = section.overlongLines
            if !overlong.isEmpty {
                parsed.unparsed = (parsed.unparsed + overlong).sorted { $0.line < $1.line }
            }
            return SectionResult(section: section, parsed: parsed)
        }
    }

    public func parse(_ documents: [TextDocument], forcedFormat: FormatName? = nil) -> [SectionResult] {
        documents.flatMap { parse($0, forcedFormat: forcedFormat) }
    }
}
