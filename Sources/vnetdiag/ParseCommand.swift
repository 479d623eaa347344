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

    var job: ParseJob { ParseJob(input: input.settings, format: format, schema: schema, pretty: pretty) }

    func run() throws { try job.run() }
}

/// One `parse` run, however its arguments were read (`ParseCommand` or `PlainParseInvocation`).
struct ParseJob: Equatable {
    var input = InputSettings()
    var format: String? = nil
    var schema: ParseCommand.Schema = .native
    var pretty = false

    func run() throws {
        try reportingUsageFailures {
            let documents = try input.readDocuments()
            let pipeline = ParsePipeline()
            let results = MachineGrouping.labelled(pipeline.parse(documents, forcedFormat: format.map { FormatName(rawValue: $0) }))
            // Large arrays go out piece by piece as they are written; the rest at most a megabyte at a time.
            var stream = JSONStream(pretty: pretty, capacity: 1 << 16)
            stream.output = standardOutputJSON
            switch schema {
            case .native: NativeParseReport.write(results, inputs: documents, to: &stream)
            case .jc: JCSchema.write(results, to: &stream)
            }
            stream.buffer.append(0x0A)
            stream.flush()
            exitWithoutTeardown()
        }
    }
}
