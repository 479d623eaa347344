import ArgumentParser
import VNetDiagKit

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Why a check did or did not fire: scope, missing inputs, each sub-expression's value, the lines.")

    @Argument(help: "The check id (see `vnetdiag rules list`).") var id: String
    @OptionGroup var input: InputOptions
    @OptionGroup var rules: RuleOptions
    @Option(help: "Report language (default: Spanish when LANG starts with es, else English).") var lang: ReportLanguage?
    @Option(help: "Assume this mode id instead of the classifier's answer.") var mode: String?

    func run() throws {
        try reportingFailures {
            guard let rule = try rules.catalog().checks.first(where: { $0.id == id }) else {
                throw UsageFailure(message: "no check named '\(id)' (see `vnetdiag rules list`)")
            }
            let diagnosis = try diagnose(input, rules, assumingMode: mode, onlyChecks: [id])
            let explanation = CheckExplanation.explain(rule, in: diagnosis)
            writeStandardOutput(ExplainText.render(explanation, quoter: diagnosis.quoter, language: lang ?? .fromEnvironment))
        }
        exitWithoutTeardown()
    }
}
