import ArgumentParser
import Foundation
import VNetDiagKit

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, show, lint and test the rules (built in, plus --rules folders).",
        subcommands: [List.self, Show.self, Lint.self, Test.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Every check: id, severity, catalogue entries, title.")
        @OptionGroup var rules: RuleOptions
        @Option(help: "Language of the titles.") var lang: ReportLanguage?

        func run() throws {
            try reportingFailures {
                writeStandardOutput(RulesText.list(try rules.catalog(), language: lang ?? .fromEnvironment))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "One check in full: scope, condition, explanation, fix, examples.")
        @Argument(help: "The check id.") var id: String
        @OptionGroup var rules: RuleOptions
        @Option(help: "Language of the texts.") var lang: ReportLanguage?

        func run() throws {
            try reportingFailures {
                let catalog = try rules.catalog()
                guard let rule = catalog.checks.first(where: { $0.id == id }) else {
                    throw UsageFailure(message: "no check named '\(id)' (see `vnetdiag rules list`)")
                }
                writeStandardOutput(RulesText.show(rule, language: lang ?? .fromEnvironment))
            }
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Load every rule and report every broken one (file:line: what is wrong). Exit 2 when any is broken.")
        @OptionGroup var rules: RuleOptions

        func run() throws {
            let (catalog, errors) = rules.catalogCollectingErrors()
            for error in errors { FileHandle.standardError.write(Data("\(error.description)\n".utf8)) }
            let summary = "\(catalog.checks.count) checks, \(catalog.modes.count) modes, \(catalog.extractors.count) extractors loaded; \(errors.count) broken"
            writeStandardOutput(summary)
            if !errors.isEmpty { throw ExitCode(2) }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Run every check's examples (its tests). Exit 1 when one gives the wrong answer.")
        @OptionGroup var rules: RuleOptions
        @Option(help: "Folder that example `fixture:` paths are relative to.") var root: String = "."
        @Option(help: "Only this check.") var only: String?

        func run() throws {
            try reportingFailures {
                let catalog = try rules.catalog()
                let runner = CheckExampleRunner(catalog: catalog, root: root)
                var failed = 0, passed = 0
                for rule in catalog.checks where only == nil || rule.id == only {
                    for outcome in runner.run(rule) {
                        switch outcome.verdict {
                        case .passed: passed += 1
                        case .failed(let detail):
                            failed += 1
                            writeStandardOutput("FAIL \(rule.file):\(outcome.line ?? 0): \(rule.id) — \(outcome.example): \(detail)")
                        }
                    }
                }
                writeStandardOutput("\(passed) examples passed, \(failed) failed")
                if failed > 0 { throw ExitCode(1) }
            }
        }
    }
}
