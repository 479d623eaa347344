/// How a section's format was decided.
public enum FormatEvidence: String, Sendable {
    case content, command, fileName = "file-name", forced, none
}

/// A run of lines from one document that came from one command: the output under a shell prompt,
/// or a whole prompt-less file (split further where a different format's header begins).
public struct Section: Sendable {
    public let document: TextDocument
    /// Content lines, 1-based and inclusive; `lastLine < firstLine` for a prompt with no output.
    public let firstLine: Int
    public let lastLine: Int
    /// The prompt line above the content, when there was one.
    public let promptLine: Int?
    public let command: String?
    /// The host name shown in the prompt (`ayla` in `ayla:~#`).
    public let promptHost: String?
    public var format: FormatName
    public var formatEvidence: FormatEvidence

    public init(document: TextDocument, firstLine: Int, lastLine: Int, promptLine: Int?, command: String?,
                promptHost: String?, format: FormatName = .unknown, formatEvidence: FormatEvidence = .none) {
        self.document = document
        self.firstLine = firstLine
        self.lastLine = lastLine
        self.promptLine = promptLine
        self.command = command
        self.promptHost = promptHost
        self.format = format
        self.formatEvidence = formatEvidence
    }

    public var source: String { document.name }

    public var lineNumbers: ClosedRange<Int>? {
        lastLine >= firstLine ? firstLine...lastLine : nil
    }

    /// Lines longer than this (by default; `TextDocument.maxParsedLineLength`) are not given to
    /// parsers: no command prints them, and a pattern over 50 MB of one line is wasted work. They
    /// are reported as unparsed instead.
    public static let maxParsedLineLength = 65_536

    /// Content lines in order (blank lines included; parsers decide what a blank means),
    /// without the over-long ones.
    public var lines: [SourceLine] {
        var lines: [SourceLine] = []
        forEachLine { lines.append($0) }
        return lines
    }

    /// Calls `body` with each line of `lines`, without building the array first.
    @inline(__always)
    public func forEachLine(_ body: (SourceLine) -> Void) {
        // A counted loop: iterating the ClosedRange went through unspecialised index witnesses.
        var number = firstLine
        while number <= lastLine {
            let line = document.line(number)
            if line.bytes.count <= document.maxParsedLineLength { body(line) }
            number += 1
        }
    }

    /// Lines left out of `lines` for their length, as unparsed entries.
    public var overlongLines: [UnparsedLine] {
        guard let numbers = lineNumbers, document.longestLineLength > document.maxParsedLineLength else { return [] }
        return numbers.compactMap { number in
            let range = document.range(ofLine: number)
            guard range.count > document.maxParsedLineLength else { return nil }
            let text = String(decoding: document.bytes[range.prefix(UnparsedLine.maxKeptText)], as: UTF8.self)
            return UnparsedLine(line: number, text: text,
                                reason: "line is \(range.count) bytes long; lines over \(document.maxParsedLineLength) bytes are not parsed (raise with --max-line-bytes)")
        }
    }

    public func provenance(_ first: Int, _ last: Int) -> Provenance {
        Provenance(source: source, firstLine: first, lastLine: last)
    }

    /// The lines `first...last` of this section as a section of their own (for parallel parsing).
    func slice(from first: Int, to last: Int, isFirst: Bool) -> Section {
        Section(document: document, firstLine: first, lastLine: last, promptLine: isFirst ? promptLine : nil,
                command: isFirst ? command : nil, promptHost: promptHost, format: format,
                formatEvidence: formatEvidence)
    }

    /// The first and last line the section covers, prompt included.
    public var span: (first: Int, last: Int) {
        let first = promptLine ?? firstLine
        return (first, max(first, lastLine))
    }
}
