import PCRE2

/// Decides each section's format from its content (formats.md §10), splitting a section where
/// another format's marker line begins (an `ifconfig` paste followed by a `route -n` table).
/// The command in the prompt and the file name only break ties or name a format the content
/// cannot show; `--as` overrides everything.
public struct FormatSniffer: Sendable {
    /// The union of a custom parser list; the standard list's is `standardMarkers`.
    private let customMarkers: MarkerUnion?
    private let parsers: [any SectionParser.Type]
    /// Refining formats first: "netstat -rn" must not fall back to "route".
    private let refiningFirst: [any SectionParser.Type]
    /// Each parser's command words split once: (format, words, is a /proc or /sys path).
    private let commandEntries: [(format: FormatName, words: [Substring], isPath: Bool)]

    /// Every marker and header pattern in one alternation, one capturing group each. A class: it is
    /// fetched for every line, and a reference is one retain where the struct was two.
    private final class MarkerUnion: Sendable {
        let regex: Regex
        /// Capture group number → the format and whether the marker is a table header.
        let groupFormats: [(group: Int, format: FormatName, isHeader: Bool)]

        init(parsers: [any SectionParser.Type]) {
            var alternatives: [String] = []
            var groups: [(Int, FormatName, Bool)] = []
            var groupNumber = 0
            for parser in parsers {
                let kinds = parser.signature.headers.map { ($0, true) } + parser.signature.markers.map { ($0, false) }
                for (pattern, isHeader) in kinds {
                    // Each marker becomes one capturing group, after the groups of the markers before it.
                    groupNumber += 1
                    groups.append((groupNumber, parser.format, isHeader))
                    alternatives.append("(" + pattern + ")")
                    groupNumber += (try? Regex(pattern).captureCount) ?? 0
                }
            }
            regex = Patterns.compile(alternatives.joined(separator: "|"), [.caseless])
            groupFormats = groups
        }
    }

    /// Built on first use: `--as` never needs it, and building it compiles every marker pattern.
    private static let standardMarkers = MarkerUnion(parsers: ParserRegistry.parsers)

    private var markers: MarkerUnion { customMarkers ?? Self.standardMarkers }

    public init(parsers: [any SectionParser.Type] = ParserRegistry.parsers) {
        self.parsers = parsers
        refiningFirst = parsers.filter { $0.signature.refines != nil } + parsers.filter { $0.signature.refines == nil }
        commandEntries = refiningFirst.flatMap { parser in
            parser.signature.commandWords.map { entry in
                (parser.format, entry.hasPrefix("/") ? [Substring(entry)] : entry.split(separator: " "), entry.hasPrefix("/"))
            }
        }
        let isStandard = parsers.map(ObjectIdentifier.init) == ParserRegistry.parsers.map(ObjectIdentifier.init)
        customMarkers = isStandard ? nil : MarkerUnion(parsers: parsers)
    }

    /// The format whose marker this line is, if any, and whether it is a table header.
    public func marker(in line: SourceLine) -> (format: FormatName, isHeader: Bool)? {
        guard let first = line.bytes.first, first != 0x20, first != 0x09 else { return nil }
        // Thousands of interface first lines in a large paste: the union ran on each of them.
        for parser in parsers where parser.isCertainMarker(line) { return (parser.format, false) }
        return markerByPattern(in: line)
    }

    /// `marker(in:)` by the union of the patterns alone.
    func markerByPattern(in line: SourceLine) -> (format: FormatName, isHeader: Bool)? {
        guard let first = line.bytes.first, first != 0x20, first != 0x09 else { return nil }
        let union = markers
        guard let match = union.regex.match(line) else { return nil }
        for entry in union.groupFormats where match.range(entry.group) != nil {
            return (entry.format, entry.isHeader)
        }
        return nil
    }

    /// Splits and labels the sections of one document. `forced` is the `--as` format.
    public func sniff(_ sections: [Section], forced: FormatName? = nil) -> [Section] {
        var result: [Section] = []
        for section in sections {
            if let forced {
                var copy = section
                copy.format = forced
                copy.formatEvidence = .forced
                result.append(copy)
                continue
            }
            result.append(contentsOf: splitAtMarkers(section))
        }
        return result
    }

    /// A new piece starts where a marker of another format follows content, or where a table
    /// header follows rows (two `route -n` tables pasted one after the other).
    private func splitAtMarkers(_ section: Section) -> [Section] {
        guard let numbers = section.lineNumbers else {
            return [label(section, contentFormat: nil)]
        }
        var pieces: [Section] = []
        var start = numbers.lowerBound
        var currentFormat: FormatName? = nil
        var hasContent = false
        var rowsSinceHeader = false
        for event in contentEvents(section, numbers) {
            let number = event.line
            let found = event.marker
            if let found, hasContent,
               found.format != currentFormat || (found.isHeader && rowsSinceHeader) {
                pieces.append(piece(of: section, from: start, to: number - 1, isFirst: pieces.isEmpty,
                                    format: currentFormat))
                start = number
                hasContent = false
                currentFormat = nil
            }
            if let found, currentFormat == nil { currentFormat = found.format }
            rowsSinceHeader = found?.isHeader == true ? false : true
            hasContent = true
        }
        pieces.append(piece(of: section, from: start, to: numbers.upperBound, isFirst: pieces.isEmpty,
                            format: currentFormat))
        return pieces
    }

    /// A content line (not blank, not decoration) and the marker it holds, if any.
    private struct ContentEvent: Sendable {
        let line: Int
        let marker: (format: FormatName, isHeader: Bool)?
    }

    /// The content lines in order, where a run of lines without a marker counts once: such a line
    /// only marks that content was seen, so its repeats change nothing in `splitAtMarkers`. A marker
    /// match is the costly part and independent per line, so large sections are read in one piece
    /// per core, and the compaction keeps the result small (it was one entry per line).
    /// A marker line (not a header) of the format the piece's last marker named counts as plain
    /// content too: after that marker, `splitAtMarkers` holds that format as current, and such a
    /// line then changes what a plain line changes. 5,000 interface first lines made 5,000 entries.
    private func contentEvents(_ section: Section, _ numbers: ClosedRange<Int>) -> [ContentEvent] {
        ParallelMap.flatMapPieces(numbers) { piece in
            var events: [ContentEvent] = []
            var lastWasPlain = false
            var lastMarkerFormat: FormatName? = nil
            let document = section.document
            var number = piece.lowerBound
            while number <= piece.upperBound {
                defer { number += 1 }
                // After plain content, an indented or empty line changes nothing (it is plain
                // content again, or blank, or decoration): its first byte is enough.
                if lastWasPlain {
                    let start = document.lineStarts[number - 1]
                    if start == document.bytes.count { continue }
                    let first = document.bytes[start]
                    if first == 0x20 || first == 0x09 || first == 0x0A { continue }
                }
                let line = document.line(number)
                if line.isBlank || PromptSplitter.isDecoration(line) { continue }
                var found = marker(in: line)
                if let marker = found, !marker.isHeader, marker.format == lastMarkerFormat { found = nil }
                if found == nil, lastWasPlain { continue }
                events.append(ContentEvent(line: number, marker: found))
                if let found { lastMarkerFormat = found.format }
                lastWasPlain = found == nil
            }
            return events
        }
    }

    private func piece(of section: Section, from first: Int, to last: Int, isFirst: Bool, format: FormatName?) -> Section {
        let part = Section(document: section.document, firstLine: first, lastLine: last,
                           promptLine: isFirst ? section.promptLine : nil,
                           command: isFirst ? section.command : nil,
                           promptHost: section.promptHost)
        return label(part, contentFormat: format)
    }

    private func label(_ section: Section, contentFormat: FormatName?) -> Section {
        var labelled = section
        if let contentFormat {
            labelled.format = refine(contentFormat, command: section.command, fileName: section.source)
            labelled.formatEvidence = .content
        } else if let format = format(forCommand: section.command) {
            labelled.format = format
            labelled.formatEvidence = .command
        } else if section.command == nil, let format = format(forFileName: section.source),
                  section.lineNumbers != nil {
            labelled.format = format
            labelled.formatEvidence = .fileName
        }
        return labelled
    }

    /// `netstat -rn` prints the same table as `route -n`: the command or file name tells them apart.
    private func refine(_ format: FormatName, command: String?, fileName: String) -> FormatName {
        for parser in parsers where parser.signature.refines == format {
            if let command, commandWords(command).contains(where: parser.signature.commandWords.contains) {
                return parser.format
            }
            if command == nil, parser.signature.fileNameHints.contains(where: Self.baseName(fileName).contains) {
                return parser.format
            }
        }
        return format
    }

    /// The format a command prints. Command words are a program (`ifconfig`), a program and an
    /// object (`ip address`: iproute2 takes any abbreviation, `ip a`, `ip addr`), or a path that a
    /// reader shows (`cat /proc/net/arp`, `grep . /proc/sys/net/ipv4/conf/*/proxy_arp`).
    func format(forCommand command: String?) -> FormatName? {
        guard let command else { return nil }
        let words = commandWords(command)
        guard let program = words.first else { return nil }
        let object = words.dropFirst().first { !$0.hasPrefix("-") && !Self.optionArguments.contains($0) }
        let isReader = Self.fileReaders.contains(program)
        for entry in commandEntries {
            if entry.isPath {
                if isReader, words.dropFirst().contains(where: { $0.hasPrefix(entry.words[0]) }) { return entry.format }
                continue
            }
            guard entry.words[0] == program else { continue }
            if entry.words.count == 1 { return entry.format }
            if let object, !object.isEmpty, entry.words[1].hasPrefix(object) { return entry.format }
        }
        return nil
    }

    /// Commands that print a file named after them (`cat /proc/net/arp`).
    static let fileReaders: Set<String> = ["cat", "less", "more", "head", "tail", "grep", "egrep", "zcat", "zgrep"]

    /// Option values that are not the iproute2 object (`ip -f inet addr`, `iptables -t nat -L`).
    static let optionArguments: Set<String> = ["inet", "inet6", "nat", "filter", "mangle", "raw", "security"]

    func format(forFileName path: String) -> FormatName? {
        let base = Self.baseName(path)
        for parser in refiningFirst where parser.signature.fileNameHints.contains(where: base.contains) {
            return parser.format
        }
        return nil
    }

    static func baseName(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path)).lowercased()
    }

    /// Command words without `sudo` and directory prefixes: `sudo /sbin/route -n` → [route, -n].
    func commandWords(_ command: String) -> [String] {
        var words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        while let first = words.first, first == "sudo" || first == "doas" || first == "command" { words.removeFirst() }
        if let first = words.first, !first.hasPrefix("/proc"), let last = first.split(separator: "/").last {
            words[0] = String(last)
        }
        return words
    }
}
