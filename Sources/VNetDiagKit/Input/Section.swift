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

    /// Content lines in order (blank lines included; parsers decide what a blank means).
    public var lines: [SourceLine] {
        guard let numbers = lineNumbers else { return [] }
        return numbers.map { document.line($0) }
    }

    public func provenance(_ first: Int, _ last: Int) -> Provenance {
        Provenance(source: source, firstLine: first, lastLine: last)
    }

    /// The first and last line the section covers, prompt included.
    public var span: (first: Int, last: Int) {
        let first = promptLine ?? firstLine
        return (first, max(first, lastLine))
    }
}
