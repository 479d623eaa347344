import Foundation

/// The output formats of `vnetdiag grade`.
public enum GradeFormat: String, Sendable, CaseIterable {
    case text, csv, json, junit, sarif, gradescope, html
}

/// Every report of a graded class, as text: one format for standard output, or the whole set of
/// files `--output` writes (gradebook, JSON, JUnit, SARIF, Gradescope, feedback pages, summary).
public enum GradeReports {
    public static func render(_ format: GradeFormat, _ grades: [SubmissionGrade], profile: LabProfile, catalog: RuleCatalog,
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

    /// The files of `--output`, by path relative to the output folder.
    public static func files(_ grades: [SubmissionGrade], profile: LabProfile, catalog: RuleCatalog,
                             language: ReportLanguage) -> [(path: String, text: String)] {
        var files: [(String, String)] = [GradeFormat.csv, .json, .junit, .sarif].map { format in
            let name = ["csv": "gradebook.csv", "json": "grades.json", "junit": "junit.xml", "sarif": "results.sarif"][format.rawValue]!
            return (name, render(format, grades, profile: profile, catalog: catalog, language: language))
        }
        let summary = Feedback.classPage(grades, profile: profile, language: language)
        files += [("summary.md", summary.markdown), ("summary.html", summary.html)]
        for (grade, page) in zip(grades, Feedback.studentPages(grades, profile: profile)) {
            let name = safeName(grade.name)
            var stream = JSONStream(pretty: true)
            GradescopeJSON.write(grade, to: &stream)
            files += [("feedback/\(name).md", page.markdown), ("feedback/\(name).html", page.html),
                      ("gradescope/\(name)/results.json", String(decoding: stream.bytes, as: UTF8.self) + "\n")]
        }
        return files
    }

    /// A submission name as a file name: no separators, no leading dot.
    static func safeName(_ name: String) -> String {
        var safe = String(name.map { $0 == "/" || $0 == "\\" || $0 == ":" || $0 == "\0" ? "_" : $0 })
        while safe.hasPrefix(".") { safe.removeFirst() }
        return safe.isEmpty ? "_" : safe
    }
}
