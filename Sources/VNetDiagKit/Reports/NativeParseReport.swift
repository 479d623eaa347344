/// `vnetdiag.parse/1`: every section with its format, records and unparsed lines (DESIGN.md).
public enum NativeParseReport {
    public static let schema = "vnetdiag.parse/1"

    public static func write<Sink: JSONSink>(_ results: [SectionResult], inputs: [TextDocument], to sink: inout Sink) {
        writing(results, inputs: inputs, to: &sink)
    }

    /// The command line's entry: concrete, so the whole writer is specialised for `JSONStream`
    /// (a generic call from another module runs every sink call through witness tables).
    public static func write(_ results: [SectionResult], inputs: [TextDocument], to stream: inout JSONStream) {
        writing(results, inputs: inputs, to: &stream)
    }

    private static func writing<Sink: JSONSink>(_ results: [SectionResult], inputs: [TextDocument], to sink: inout Sink) {
        sink.object { sink in
            sink.field("schema", schema)
            sink.key("inputs")
            sink.array(inputs) { sink, document in writeInput(document, to: &sink) }
            sink.key("sections")
            sink.array(results) { sink, result in writeSection(result, to: &sink) }
        }
    }

    public static func json(_ results: [SectionResult], inputs: [TextDocument]) -> JSONValue {
        JSONTreeBuilder.build { write(results, inputs: inputs, to: &$0) }
    }

    public static func sectionJSON(_ result: SectionResult) -> JSONValue {
        JSONTreeBuilder.build { writeSection(result, to: &$0) }
    }

    static func writeInput<Sink: JSONSink>(_ document: TextDocument, to sink: inout Sink) {
        sink.object { sink in
            sink.field("source", document.name)
            sink.field("lines", document.lineCount)
            let repairs = document.repairs
            var repaired: [String] = []
            if repairs.decodedUTF16 { repaired.append("utf-16") }
            if repairs.removedByteOrderMark { repaired.append("byte-order-mark") }
            if repairs.carriageReturns > 0 { repaired.append("carriage-returns") }
            if repairs.ansiSequences > 0 { repaired.append("ansi-colour") }
            if repairs.repairedLines > 0 { repaired.append("encoding") }
            if repairs.noBreakSpaces > 0 { repaired.append("no-break-spaces") }
            if repairs.nulBytes > 0 { repaired.append("nul-bytes") }
            sink.field("repairs", repaired)
        }
    }

    static func writeSection<Sink: JSONSink>(_ result: SectionResult, to sink: inout Sink) {
        let section = result.section
        sink.object { sink in
            sink.sectionLocation(section)
            sink.field("format", section.format.rawValue)
            sink.field("formatEvidence", section.formatEvidence.rawValue)
            sink.fieldOrNull("variant", result.parsed.variant)
            sink.fieldOrNull("locale", result.parsed.locale)
            sink.fieldOrNull("machine", result.machine)
            sink.fieldOrNull("command", section.command)
            sink.key("records")
            sink.beginArray()
            sink.elements(result.parsed.records) { sink, record in RecordJSON.write(record, to: &sink) }
            sink.endArray()
            sink.key("unparsed")
            sink.array(result.parsed.unparsed) { sink, line in
                sink.object { sink in
                    sink.field("line", line.line)
                    sink.field("text", line.text)
                    sink.field("reason", line.reason)
                }
            }
        }
    }
}
