import ArgumentParser
import Foundation
import VNetDiagKit

/// `--rules`, `.vnetdiag.yaml` and the rule catalogue, shared by every command that uses rules.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: "A folder of extra rules (repeatable); a rule with an existing id replaces it.")
    var ruleFolders: [String] = []

    @Option(help: "Settings that enable, disable, waive or re-grade checks (default: ./.vnetdiag.yaml when present).")
    var config: String?

    var folders: [String] {
        (ProcessInfo.processInfo.environment["VNETDIAG_RULES"].map { [$0] } ?? []) + ruleFolders
    }

    func catalog(kinds: Set<RuleCatalog.Kind> = Set(RuleCatalog.Kind.allCases)) throws -> RuleCatalog {
        do {
            var catalog = try RuleCatalog.load(extraFolders: folders, kinds: kinds)
            // Settings enable, waive and re-grade checks: nothing to apply without them.
            if kinds.contains(.checks), let settings = try settings() { try catalog.apply(settings) }
            return catalog
        } catch {
            throw UsageFailure(message: error.description)
        }
    }

    func settings() throws(RuleError) -> ProjectSettings? {
        let path = config ?? ".vnetdiag.yaml"
        guard let data = FileManager.default.contents(atPath: path) else {
            if config != nil { throw RuleError(file: path, line: nil, message: "cannot read the settings file") }
            return nil
        }
        return try ProjectSettings.load(file: path, text: String(decoding: data, as: UTF8.self))
    }

    /// Every rule that loads, and the errors of every one that does not (`rules lint`).
    func catalogCollectingErrors() -> (RuleCatalog, [RuleError]) {
        var (catalog, errors) = RuleCatalog.loadCollectingErrors(extraFolders: folders)
        do throws(RuleError) {
            if let settings = try settings() { try catalog.apply(settings) }
        } catch {
            errors.append(error)
        }
        return (catalog, errors)
    }
}

extension Severity: ExpressibleByArgument {}

extension ReportLanguage: ExpressibleByArgument {
    /// Spanish when LANG (or LC_ALL, LC_MESSAGES) starts with `es`, else English.
    static var fromEnvironment: ReportLanguage {
        let environment = ProcessInfo.processInfo.environment
        let locale = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LC_MESSAGES"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LANG"] ?? ""
        return locale.hasPrefix("es") ? .es : .en
    }
}

/// Reads captures, then runs sections → machines → mode → topology → checks.
func diagnose(_ input: InputOptions, _ rules: RuleOptions, assumingMode: String? = nil, onlyChecks: Set<String>? = nil) throws -> Diagnosis {
    let catalog = try rules.catalog()
    if let assumingMode, !catalog.modes.contains(where: { $0.id == assumingMode }), !["none", "unknown"].contains(assumingMode) {
        throw UsageFailure(message: "--mode \(assumingMode): not a mode id; expected one of: \(catalog.modes.map(\.id).joined(separator: ", "))")
    }
    let documents = try input.readDocuments()
    return Diagnosis.run(ParsePipeline().parse(documents), catalog: catalog, assumingMode: assumingMode, onlyChecks: onlyChecks)
}

func writeStandardOutput(_ text: String) {
    var buffer = ByteBuffer(capacity: text.utf8.count + 1)
    buffer.append(Array(text.utf8))
    if text.utf8.last != 0x0A { buffer.append(0x0A) }
    writeStandardOutput(buffer)
}

struct DiagnoseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnose",
        abstract: "Name the virtualization mode with its evidence, run the misconfiguration checks, sketch the topology, and report what was read.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    @OptionGroup var input: InputOptions
    @OptionGroup var rules: RuleOptions

    @Option(help: "Report language (default: Spanish when LANG starts with es, else English).")
    var lang: ReportLanguage?

    @Option(help: "text, json (vnetdiag.report/1) or markdown.")
    var format: Format = .text

    @Flag(help: "Indent the JSON.")
    var pretty = false

    @Option(help: "Run the checks for this mode (the lab's intended one) instead of the mode the classifier names.")
    var mode: String?

    @Option(help: "Exit 1 when a check fails at this severity or above: info, warning, error (default), or none.")
    var failOn: String = "error"

    func validate() throws {
        guard failOn == "none" || Severity(rawValue: failOn) != nil else {
            throw ValidationError("--fail-on must be info, warning, error or none")
        }
    }

    var threshold: Severity? { Severity(rawValue: failOn) }

    func run() throws {
        try reportingFailures {
            let diagnosis = try diagnose(input, rules, assumingMode: mode)
            let language = lang ?? .fromEnvironment
            switch format {
            case .json:
                var stream = JSONStream(pretty: pretty, capacity: 1 << 16)
                DiagnosisJSON.write(diagnosis, language: language, to: &stream)
                stream.buffer.append(0x0A)
                writeStandardOutput(stream)
            case .text: writeStandardOutput(DiagnosisText.render(diagnosis, language: language, style: .text))
            case .markdown: writeStandardOutput(DiagnosisText.render(diagnosis, language: language, style: .markdown))
            }
            if let threshold, diagnosis.tally.reaches(threshold) { exitWithoutTeardown(1) }
        }
        exitWithoutTeardown()
    }
}
