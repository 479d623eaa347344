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
        var seen: Set<String> = []
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--as", "--schema":
                guard index + 1 < arguments.count, seen.insert(argument).inserted else { return nil }
                let value = arguments[index + 1]
                if argument == "--as" {
                    guard ParserRegistry.parser(for: FormatName(rawValue: value)) != nil else { return nil }
                    job.format = value
                } else {
                    guard let schema = ParseCommand.Schema(rawValue: value) else { return nil }
                    job.schema = schema
                }
                index += 2
            case "--pretty":
                guard seen.insert(argument).inserted else { return nil }
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
