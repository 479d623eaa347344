import ArgumentParser
import VNetDiagKit

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Split input into sections, recognise each format, and print the records as JSON.")

    enum Schema: String, ExpressibleByArgument, CaseIterable {
        case native, jc
    }

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("as"),
            help: ArgumentHelp("Read every section as this format instead of recognising it.",
                               valueName: "FORMAT"))
    var format: String?

    @Option(help: "native: vnetdiag.parse/1; jc: exactly what the jc tool prints for each format it knows.")
    var schema: Schema = .native

    @Flag(help: "Indent the JSON.")
    var pretty = false

    func validate() throws {
        if let format, ParserRegistry.parser(for: FormatName(rawValue: format)) == nil {
            let known = ParserRegistry.formatNames.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown format '\(format)'; known formats: \(known)")
        }
    }

    func run() throws {
        try reportingFailures {
            let documents = try input.readDocuments()
            let pipeline = ParsePipeline()
            let results = pipeline.parse(documents, forcedFormat: format.map { FormatName(rawValue: $0) })
            let json: JSONValue
            switch schema {
            case .native: json = NativeParseReport.json(results, inputs: documents)
            case .jc: json = JCSchema.json(results)
            }
            var bytes = JSONWriter.bytes(json, pretty: pretty)
            bytes.append(0x0A)
            writeStandardOutput(bytes)
        }
    }
}
