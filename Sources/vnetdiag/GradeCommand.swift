import ArgumentParser
import Foundation
import VNetDiagKit

struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade every submission of a class against a lab profile.",
        discussion: "Each sub-folder (or archive, or file) of SUBMISSIONS-DIR is one student's submission. Exit 1 when some submission could not be read.")


    @Option(help: "The lab profile: a file, or a built-in id (xen.bridge, xen.route, xen.nat, vmware.bridged, vmware.hostonly, vmware.nat).")
    var profile: String

    @Option(help: "text, csv (gradebook), json, junit, sarif, gradescope or html (the class page).")
    var format: GradeFormat = .text

    @Option(help: "Write every format, one feedback page per student (Markdown and HTML) and the class summary into this folder.")
    var output: String?

    @Option(help: "Submissions graded at once (default: all cores).")
    var jobs: Int = ParallelMap.activeProcessorCount

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
                try write(GradeReports.files(grades, profile: labProfile, catalog: catalog, language: language), into: output)
                FileHandle.standardError.write(Data("vnetdiag: \(grades.count) submissions graded; reports in \(output)\n".utf8))
            } else {
                writeStandardOutput(GradeReports.render(format, grades, profile: labProfile, catalog: catalog, language: language))
            }
        }
        if anyUnreadable { throw ExitCode(1) }
    }
}

extension GradeFormat: ExpressibleByArgument {}

/// Writes report files (relative paths) under `folder`.
func write(_ files: [(path: String, text: String)], into folder: String) throws {
    let root = URL(fileURLWithPath: folder)
    for (path, text) in files {
        let url = root.appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        } catch {
            throw UsageFailure(message: "\(url.path): cannot write (\(error.localizedDescription))")
        }
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
