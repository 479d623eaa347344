import PCRE2

/// A format's name as used by `--as` and in JSON (`ifconfig`, `route`, `proc-net-arp`, ...).
/// Each parser file declares its own name, so adding a format touches one file and the registry.
public struct FormatName: RawRepresentable, Hashable, Sendable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: FormatName, rhs: FormatName) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Output of a command no parser reads (ping, virsh, prose): listed, never an error.
    public static let unknown: FormatName = "unknown"
}

/// How a format is recognised in a section's content.
public struct FormatSignature: Sendable {
    /// Table titles and headers: lines that start a new table of this format, also when they
    /// follow rows of an earlier table. Tried on every line, so keep them anchored.
    public let headers: [String]
    /// Lines that can only belong to this format but repeat inside one output (an interface's
    /// first line, an `arp -a` entry): they start a section only where the format changes.
    public let markers: [String]
    /// Command words that produce this format (`ifconfig`, `route`, `/proc/net/arp`).
    public let commandWords: [String]
    /// File-name fragments that hint at this format (`ifconfig`, `route-n`).
    public let fileNameHints: [String]
    /// A format whose content is identical to another's and is told apart only by the command or
    /// file name (`netstat -rn` prints a `route -n` table) names that other format here.
    public let refines: FormatName?

    public init(headers: [String] = [], markers: [String] = [], commandWords: [String], fileNameHints: [String],
                refines: FormatName? = nil) {
        self.headers = headers
        self.markers = markers
        self.commandWords = commandWords
        self.fileNameHints = fileNameHints
        self.refines = refines
    }
}

/// A parser for one format family. It never throws: lines it cannot read go to `unparsed`.
public protocol SectionParser: Sendable {
    static var format: FormatName { get }
    static var signature: FormatSignature { get }
    static func parse(_ section: Section) -> ParsedSection
    /// Whether a large section may be cut before `line` and the pieces parsed in parallel:
    /// true only where no state carries over (a table's header does, an interface block does not).
    static func canStartChunk(at line: SourceLine, after previous: SourceLine) -> Bool
    /// A byte-level shortcut for the format sniffer: true only for lines one of this parser's
    /// markers matches and no other format's marker does (the parsers' tests check both), so the
    /// sniffer may skip its pattern. False when unsure.
    static func isCertainMarker(_ line: SourceLine) -> Bool
}

extension SectionParser {
    public static func canStartChunk(at line: SourceLine, after previous: SourceLine) -> Bool { false }
    public static func isCertainMarker(_ line: SourceLine) -> Bool { false }
}

/// What one parser made of one section.
public struct ParsedSection: Sendable {
    public var records: [Record]
    public var unparsed: [UnparsedLine]
    /// Layout within the format, e.g. `old`/`new` for ifconfig, `ext1` for route.
    public var variant: String?
    /// Language of localised labels (`es`, `de`, `fr`, `pt_BR`), nil for English/C.
    public var locale: String?

    public init(records: [Record] = [], unparsed: [UnparsedLine] = [], variant: String? = nil, locale: String? = nil) {
        self.records = records
        self.unparsed = unparsed
        self.variant = variant
        self.locale = locale
    }

    /// Joins the results of consecutive chunks of one section.
    static func merging(_ parts: [ParsedSection]) -> ParsedSection {
        var merged = ParsedSection()
        merged.records.reserveCapacity(parts.reduce(0) { $0 + $1.records.count })
        var variants: [String] = []
        for part in parts {
            merged.records.append(contentsOf: part.records)
            merged.unparsed.append(contentsOf: part.unparsed)
            if let variant = part.variant, !variants.contains(variant) { variants.append(variant) }
            merged.locale = merged.locale ?? part.locale
        }
        merged.variant = variants.count > 1 ? "mixed" : variants.first
        return merged
    }
}

/// Compiles marker patterns once; shared helpers for parsers.
enum Patterns {
    /// Compiles a pattern written by the project itself; a failure is a programming error.
    static func compile(_ pattern: String, _ options: RegexOptions = []) -> Regex {
        do {
            return try Regex(pattern, options: options)
        } catch {
            fatalError("built-in pattern does not compile: \(error)")
        }
    }
}

extension Regex {
    /// Matches a source line; a match stopped by a limit counts as no match.
    func match(_ line: SourceLine) -> Match? {
        line.bytes.withUnsafeBytes { buffer in (try? firstMatch(in: buffer)) ?? nil }
    }
}

extension SourceLine {
    /// The text of a capture group of `match` on this line.
    func capture(_ match: Match, _ name: String) -> String? {
        bytes.withUnsafeBytes { match.string(name, in: $0) }
    }

    /// The bytes of a capture group, without making a String.
    func captureBytes(_ match: Match, _ name: String) -> ArraySlice<UInt8>? {
        guard let range = match.range(name) else { return nil }
        return bytes[(bytes.startIndex + range.lowerBound)..<(bytes.startIndex + range.upperBound)]
    }

    /// Where a capture group lies in `bytes` (its indices), or nil when the group did not take part.
    func captureSpan(_ match: Match, _ name: String) -> Range<Int>? {
        guard let range = match.range(name) else { return nil }
        return (bytes.startIndex + range.lowerBound)..<(bytes.startIndex + range.upperBound)
    }

    /// A group the pattern always sets; empty at the line's end should it not.
    func span(_ match: Match, _ name: String) -> Range<Int> {
        captureSpan(match, name) ?? bytes.endIndex..<bytes.endIndex
    }

    /// A capture read as a non-negative decimal number, straight from the bytes.
    func captureInt(_ match: Match, _ name: String) -> Int? {
        captureBytes(match, name).flatMap(decimalValue)
    }

    func captureIPv4(_ match: Match, _ name: String) -> IPv4Address? {
        captureBytes(match, name).flatMap { IPv4Address(bytes: $0) }
    }

    func capture(_ match: Match, _ group: Int) -> String? {
        bytes.withUnsafeBytes { match.string(group, in: $0) }
    }

    func unparsed(_ reason: String) -> UnparsedLine {
        UnparsedLine(line: number, text: text, reason: reason)
    }
}
