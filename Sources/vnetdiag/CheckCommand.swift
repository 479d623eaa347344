import ArgumentParser
import Foundation
import VNetDiagKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Diagnose every fixture folder (one holding an expected.yaml) and compare it with its expectations.",
        discussion: "Exit 1 when a fixture disagrees. --update rewrites the mode and findings of the disagreeing expected.yaml files.")

    @Option(help: "Folders checked at once (default: all cores).")
    var jobs: Int = ParallelMap.activeProcessorCount

    @Flag(help: "Rewrite the disagreeing expectations (mode and findings) from what was found.")
    var update = false

    @OptionGroup var rules: RuleOptions

    @Argument(help: "Fixture folders, searched recursively.")
    var folders: [String]

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard !folders.isEmpty else { throw ValidationError("name at least one fixture folder") }
    }

    func run() throws {
        var disagreeing = 0
        try reportingFailures {
            let checker = FixtureCheck(catalog: try rules.catalog())
            let found = FixtureCheck.folders(under: folders)
            guard !found.isEmpty else { throw UsageFailure(message: "no expected.yaml under \(folders.joined(separator: ", "))") }
            let bar = ProgressBar(total: found.count)
            let outcomes = checker.checkAll(found, jobs: jobs) { bar.update($0) }
            bar.finish()
            var report: [String] = []
            for outcome in outcomes where !outcome.differences.isEmpty {
                disagreeing += 1
                report.append("✘ \(outcome.folder)")
                report += outcome.differences.map { "    " + $0 }
                if update, let updated = outcome.updated {
                    let path = URL(fileURLWithPath: outcome.folder).appendingPathComponent("expected.yaml")
                    do { try Data(updated.utf8).write(to: path) } catch { throw UsageFailure(message: "\(path.path): cannot write") }
                    report.append("    (expected.yaml updated)")
                }
            }
            report.append("\(found.count) fixtures: \(found.count - disagreeing) agree, \(disagreeing) disagree\(update && disagreeing > 0 ? " (updated)" : "")")
            writeStandardOutput(report.joined(separator: "\n"))
        }
        if disagreeing > 0 && !update { throw ExitCode(1) }
    }
}
