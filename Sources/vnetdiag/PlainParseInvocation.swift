import VNetDiagKit

/// `vnetdiag parse` in the shapes scripts use, `parse [--as FORMAT] [--schema native|jc] [--pretty]
/// [- | PATH ...]`, read without swift-argument-parser: building its command tree took 15 M
/// instructions, about 3 ms, on every run (a tenth of parsing a 2.5 MB paste). Anything else (any
/// other option, `--option=value`, an option given twice, an unknown format or schema, help)
/// is nil and goes to the full parser, which also words every error. Tests check that both read
/// the same job from the same arguments.
struct PlainParseInvocation {
    let job: ParseJob

    init?(arguments: [String]) {
        guard arguments.first == "parse" else { return nil }
        var job = ParseJob()
        // Flags seen, as Booleans: a Set<String> here cost more at start-up than reading it.
        var sawFormat = false, sawSchema = false, sawPretty = false
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--as":
                guard index + 1 < arguments.count, !sawFormat,
                      ParserRegistry.parser(for: FormatName(rawValue: arguments[index + 1])) != nil else { return nil }
                sawFormat = true
                job.format = arguments[index + 1]
                index += 2
            case "--schema":
                guard index + 1 < arguments.count, !sawSchema,
                      let schema = ParseCommand.Schema(rawValue: arguments[index + 1]) else { return nil }
                sawSchema = true
                job.schema = schema
                index += 2
            case "--pretty":
                guard !sawPretty else { return nil }
                sawPretty = true
                job.pretty = true
                index += 1
            default:
                // A lone dash is standard input; anything else that starts with one is an option.
                guard argument == "-" || (!argument.isEmpty && !argument.hasPrefix("-")) else { return nil }
                job.input.paths.append(argument)
                index += 1
            }
        }
        self.job = job
    }
}
