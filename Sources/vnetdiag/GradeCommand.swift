import ArgumentParser
import Foundation
import VNetDiagKit

struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade every submission of a class against a lab profile.",
        discussion: "Each sub-folder (or archive, or file) of SUBMISSIONS-DIR is one student's submission. Exit 1 when some submission could not be read.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, csv, json, junit, sarif, gradescope, html
    }

    @Option(help: "The lab profile: a file, or a built-in id (xen.bridge, xen.route, xen.nat, vmware.bridged, vmware.hostonly, vmware.nat).")
    var profile: String

    @Option(help: "text, csv (gradebook), json, junit, sarif, gradescope or html (the class page).")
    var format: Format = .text

    @Option(help: "Write every format, one feedback page per student (Markdown and HTML) and the class summary into this folder.")
    var output: String?

    @Option(help: "Submissions graded at once (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Language of the class pages and of students whose outputs are not Spanish (default from LANG).")
    var lang: ReportLanguage?

    @OptionGroup var rules: RuleOptions

    @Argument(help: "The class folder.")
    var submissions: String

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        var anyUnreadable = false
        try reportingFailures {
            let catalog = try rules.catalog()
            let labProfile: LabProfile
            do {
                labProfile = try catalog.profile(profile) { path in FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } }
            } catch {
                throw UsageFailure(message: "\(error)")
            }
            let names: [String]
            do { names = try SubmissionReader.submissionNames(in: submissions) } catch { throw UsageFailure(message: "\(error)") }
            let language = lang ?? .fromEnvironment
            let grader = Grader(profile: labProfile, catalog: catalog, defaultLanguage: language)
            let bar = ProgressBar(total: names.count)
            let grades = grader.gradeAll(root: submissions, names: names, jobs: jobs) { done in bar.update(done) }
            bar.finish()
            anyUnreadable = grades.contains { !$0.readable }
            if let output {
                try GradeOutput.writeAll(grades, profile: labProfile, catalog: catalog, language: language, to: output)
                FileHandle.standardError.write(Data("vnetdiag: \(grades.count) submissions graded; reports in \(output)\n".utf8))
            } else {
                writeStandardOutput(GradeOutput.render(format, grades, profile: labProfile, catalog: catalog, language: language))
            }
        }
        if anyUnreadable { throw ExitCode(1) }
    }
}

/// A one-line progress bar on stderr, only when stderr is a terminal.
final class ProgressBar: @unchecked Sendable {
    let total: Int
    let enabled = isatty(2) == 1
    let lock = NSLock()

    init(total: Int) { self.total = total }

    func update(_ done: Int) {
        guard enabled, total > 0 else { return }
        lock.lock(); defer { lock.unlock() }
        let width = 30, filled = done * width / total
        FileHandle.standardError.write(Data("\r[\(String(repeating: "#", count: filled))\(String(repeating: " ", count: width - filled))] \(done)/\(total)".utf8))
    }

    func finish() {
        if enabled, total > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

enum GradeOutput {
    static func render(_ format: GradeCommand.Format, _ grades: [SubmissionGrade], profile: LabProfile, catalog: RuleCatalog,
                       language: ReportLanguage) -> String {
        switch format {
        case .csv: return GradebookCSV.render(grades, profile: profile)
        case .junit: return GradeJUnit.render(grades, profile: profile)
        case .html: return Feedback.classPage(grades, profile: profile, language: language).html
        case .json, .sarif, .gradescope:
            var stream = JSONStream(pretty: true)
            switch format {
            case .json: GradeJSON.write(grades, profile: profile, language: language, to: &stream)
            case .sarif: GradeSARIF.write(grades, profile: profile, catalog: catalog, language: language, to: &stream)
            default:
                // Gradescope reads one results.json per submission: a class is a list of them, by name.
                stream.array(grades) { sink, grade in
                    sink.object { sink in
                        sink.field("submission", grade.name)
                        sink.key("results")
                        GradescopeJSON.write(grade, to: &sink)
                    }
                }
            }
            return String(decoding: stream.bytes, as: UTF8.self) + "\n"
        case .text:
            let width = max(10, grades.map(\.name.count).max() ?? 10)
            var lines = grades.map { grade in
                "\(grade.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(grade.detectedMode.padding(toLength: 20, withPad: " ", startingAt: 0))  \(grade.score)/\(grade.maxScore)"
                    + (grade.warnings.isEmpty ? "" : "  ⚠ " + grade.warnings.map { $0.text(language) }.joined(separator: "; "))
            }
            let summary = ClassSummary(grades)
            lines.append("\(summary.count) submissions, mean \(String(format: "%.1f", summary.meanPercent)) %")
            return lines.joined(separator: "\n") + "\n"
        }
    }

    static func writeAll(_ grades: [SubmissionGrade], profile: LabProfile, catalog: RuleCatalog, language: ReportLanguage, to folder: String) throws {
        let root = URL(fileURLWithPath: folder)
        func write(_ text: String, _ path: String) throws {
            let url = root.appendingPathComponent(path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            } catch {
                throw UsageFailure(message: "\(url.path): cannot write (\(error.localizedDescription))")
            }
        }
        try write(render(.csv, grades, profile: profile, catalog: catalog, language: language), "gradebook.csv")
        try write(render(.json, grades, profile: profile, catalog: catalog, language: language), "grades.json")
        try write(render(.junit, grades, profile: profile, catalog: catalog, language: language), "junit.xml")
        try write(render(.sarif, grades, profile: profile, catalog: catalog, language: language), "results.sarif")
        let summary = Feedback.classPage(grades, profile: profile, language: language)
        try write(summary.markdown, "summary.md")
        try write(summary.html, "summary.html")
        for (grade, page) in zip(grades, Feedback.studentPages(grades, profile: profile)) {
            let name = safeName(grade.name)
            try write(page.markdown, "feedback/\(name).md")
            try write(page.html, "feedback/\(name).html")
            var stream = JSONStream(pretty: true)
            GradescopeJSON.write(grade, to: &stream)
            try write(String(decoding: stream.bytes, as: UTF8.self) + "\n", "gradescope/\(name)/results.json")
        }
    }

    /// A submission name as a file name: no separators, no leading dot.
    static func safeName(_ name: String) -> String {
        var safe = String(name.map { $0 == "/" || $0 == "\\" || $0 == ":" || $0 == "\0" ? "_" : $0 })
        while safe.hasPrefix(".") { safe.removeFirst() }
        return safe.isEmpty ? "_" : safe
    }
}
