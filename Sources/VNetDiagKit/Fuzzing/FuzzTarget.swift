import Foundation

/// The fuzz targets of `Fuzz/` (run by `scripts/fuzz`). The fuzzer and the regression tests that
/// replay what it found call these same functions, so an input that broke one breaks the other.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Normalisation, prompt splitting and format recognition over arbitrary bytes.
    case sections
    /// Every registered parser forced on the text (the first byte picks it), then the unforced pipeline.
    case parsers
    /// Log envelopes and the built-in extractor rules.
    case syslog
    /// The rule loader given the bytes as an extractor, a mode and a check rule file.
    case rules
    /// The condition language: parse, type-check, and evaluate on a model of a fixture.
    case expressions
}

/// Runs one fuzz target on one input and says which of the target's invariants the input broke
/// (empty when none). Crashes, hangs and memory errors are found by the fuzzer itself; the
/// invariants catch wrong answers that do not crash (a record pointing outside its section,
/// JSON that does not parse back).
public struct FuzzHarness {
    public let target: FuzzTarget
    let model: ExpressionFuzzModel?

    /// `modelFixture` is the fixture folder whose machines `expressions` evaluates on; the other
    /// targets ignore it.
    public init(target: FuzzTarget, modelFixture: String) throws {
        self.target = target
        model = target == .expressions ? try ExpressionFuzzModel(fixture: modelFixture) : nil
    }

    public func run(_ bytes: [UInt8]) -> [String] {
        switch target {
        case .sections: return FuzzTargets.sections(bytes)
        case .parsers: return FuzzTargets.parsers(bytes)
        case .syslog: return FuzzTargets.syslog(bytes)
        case .rules: return FuzzTargets.rules(bytes)
        case .expressions: return model!.expression(bytes)
        }
    }
}

enum FuzzTargets {
    /// Built once: it compiles every parser's markers into one pattern.
    static let sniffer = FormatSniffer()
    static let inputName = "fuzz.txt"

    static func document(_ bytes: [UInt8]) -> TextDocument {
        TextDocument(InputDocument(name: inputName, bytes: bytes, truncated: false, wasCompressed: false))
    }

    static func sections(_ bytes: [UInt8]) -> [String] {
        let document = document(bytes)
        return documentProblems(document) + sectionProblems(sniffer.sniff(PromptSplitter.split(document)), in: document)
    }

    static func parsers(_ bytes: [UInt8]) -> [String] {
        guard let selector = bytes.first else { return [] }
        let names = ParserRegistry.formatNames
        let forced = names[Int(selector) % names.count]
        let document = document(Array(bytes.dropFirst()))
        // The reference: one worker, so no section is cut into chunks.
        var pipeline = ParsePipeline(sniffer: sniffer)
        pipeline.parallelism = 1
        // Cut into small chunks on two workers, as sections of thousands of lines are: where the cuts
        // fall must not change what is read.
        var chunked = pipeline
        chunked.parallelism = 2
        chunked.chunkLines = 16
        var problems: [String] = []
        for format in [forced, nil] {
            let results = pipeline.parse(document, forcedFormat: format)
            problems += sectionProblems(results.map(\.section), in: document)
            if let format, let other = results.first(where: { $0.section.format != format }) {
                problems.append("forced \(format) but a section is \(other.section.format)")
            }
            problems += resultProblems(results, in: document)
            let whole = results.map(\.linesRead), pieces = chunked.parse(document, forcedFormat: format).map(\.linesRead)
            if whole != pieces {
                problems.append("\(format?.rawValue ?? "unforced"): records and unparsed lines differ when parsed in chunks")
            }
        }
        return problems
    }

    /// The normalised text is what every later stage assumes: UTF-8, LF line ends, no NUL or ESC.
    static func documentProblems(_ document: TextDocument) -> [String] {
        var problems: [String] = []
        if String(validating: document.bytes, as: UTF8.self) == nil { problems.append("normalised text is not UTF-8") }
        for (byte, name) in [(0x0D, "CR"), (0x00, "NUL"), (0x1B, "ESC")] where document.bytes.contains(UInt8(byte)) {
            problems.append("normalised text holds a \(name) byte")
        }
        var previous = -1
        for start in document.lineStarts {
            if start <= previous || start >= document.bytes.count {
                problems.append("line start \(start) out of order or past the end")
                break
            }
            previous = start
        }
        return problems
    }

    /// Sections lie inside the document, in order, without overlapping, with a known format.
    static func sectionProblems(_ sections: [Section], in document: TextDocument) -> [String] {
        let known = Set(ParserRegistry.formatNames + [.unknown])
        var problems: [String] = []
        var lastUsed = 0
        for section in sections {
            let (first, last) = section.span
            if first <= lastUsed || first < 1 || last > document.lineCount || section.lastLine > document.lineCount {
                problems.append("section \(first)-\(last) overlaps line \(lastUsed) or leaves 1-\(document.lineCount)")
            }
            if let prompt = section.promptLine, prompt != section.firstLine - 1 {
                problems.append("prompt line \(prompt) is not right above content line \(section.firstLine)")
            }
            if !known.contains(section.format) { problems.append("unregistered format \(section.format)") }
            lastUsed = max(last, section.lastLine)
        }
        return problems
    }

    /// Records and unparsed lines point into their own section, and both JSON schemas parse back.
    static func resultProblems(_ results: [SectionResult], in document: TextDocument) -> [String] {
        var problems: [String] = []
        for result in results {
            let (first, last) = result.section.span
            for record in result.parsed.records {
                let origin = record.origin
                if origin.source != document.name || origin.firstLine < first || origin.lastLine > last
                    || origin.firstLine > origin.lastLine {
                    problems.append("\(result.section.format) record at \(origin.firstLine)-\(origin.lastLine) outside its section \(first)-\(last)")
                }
            }
            for unparsed in result.parsed.unparsed where unparsed.line < first || unparsed.line > last {
                problems.append("\(result.section.format) unparsed line \(unparsed.line) outside its section \(first)-\(last)")
            }
        }
        var native = JSONStream(pretty: false)
        NativeParseReport.write(results, inputs: [document], to: &native)
        for (schema, bytes) in [("native", native.bytes), ("jc", JCSchema.bytes(results))] {
            if (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) == nil {
                problems.append("\(schema) JSON does not parse back")
            }
        }
        return problems
    }
}

extension SectionResult {
    /// Which lines became which kind of record and which were unparsed, in order.
    var linesRead: [String] {
        parsed.records.map { record in
            // The enum case's name (`interface`, `route`...).
            let kind = Mirror(reflecting: record).children.first?.label ?? "record"
            return "\(kind) \(record.origin.firstLine)-\(record.origin.lastLine)"
        } + parsed.unparsed.map { "unparsed \($0.line)" }
    }
}
