/// `vnetdiag.parse/1`: every section with its format, records and unparsed lines (DESIGN.md).
public enum NativeParseReport {
    public static let schema = "vnetdiag.parse/1"

    public static func json(_ results: [SectionResult], inputs: [TextDocument]) -> JSONValue {
        var root = JSONObjectBuilder()
        root.set("schema", .string(schema))
        root.set("inputs", .array(inputs.map(inputJSON)))
        root.set("sections", .array(results.map(sectionJSON)))
        return root.value
    }

    static func inputJSON(_ document: TextDocument) -> JSONValue {
        var object = JSONObjectBuilder()
        object.set("source", document.name)
        object.set("lines", document.lineCount)
        let repairs = document.repairs
        var repaired: [String] = []
        if repairs.removedByteOrderMark { repaired.append("byte-order-mark") }
        if repairs.carriageReturns > 0 { repaired.append("carriage-returns") }
        if repairs.ansiSequences > 0 { repaired.append("ansi-colour") }
        if repairs.repairedLines > 0 { repaired.append("encoding") }
        if repairs.noBreakSpaces > 0 { repaired.append("no-break-spaces") }
        if repairs.nulBytes > 0 { repaired.append("nul-bytes") }
        object.set("repairs", repaired)
        return object.value
    }

    public static func sectionJSON(_ result: SectionResult) -> JSONValue {
        let section = result.section
        var object = JSONObjectBuilder()
        object.set("source", section.source)
        let span = section.span
        object.set("lines", .array([.int(span.first), .int(span.last)]))
        object.set("format", .string(section.format.rawValue))
        object.set("formatEvidence", .string(section.formatEvidence.rawValue))
        object.set("variant", result.parsed.variant.map { .string($0) } ?? .null)
        object.set("locale", result.parsed.locale.map { .string($0) } ?? .null)
        object.set("machine", result.machine.map { .string($0) } ?? .null)
        object.set("command", section.command.map { .string($0) } ?? .null)
        object.set("records", .array(result.parsed.records.map(RecordJSON.native)))
        object.set("unparsed", .array(result.parsed.unparsed.map { line in
            var item = JSONObjectBuilder()
            item.set("line", line.line)
            item.set("text", line.text)
            item.set("reason", line.reason)
            return item.value
        }))
        return object.value
    }
}
