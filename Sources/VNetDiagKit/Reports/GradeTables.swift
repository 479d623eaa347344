/// The gradebook CSV (Moodle imports it) and JUnit XML.
public enum GradebookCSV {
    public static func render(_ grades: [SubmissionGrade], profile: LabProfile) -> String {
        let columns = graded(profile)
        var lines = [(["submission", "detected_mode", "confidence", "expected_mode", "score", "max_score"] + columns + ["warnings"]).map(field).joined(separator: ",")]
        for grade in grades {
            var row = [grade.name, grade.detectedMode, String(twoDecimals: grade.confidence), grade.expectedMode, String(grade.score), String(grade.maxScore)]
            for column in columns { row.append(grade.items.first { $0.id == column }.map { String($0.earned) } ?? "") }
            row.append(grade.warnings.map { $0.text(grade.language) }.joined(separator: "; "))
            lines.append(row.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The graded rule columns: expectations then checks, in the profile's order.
    static func graded(_ profile: LabProfile) -> [String] {
        profile.expectations.map { "expect:\($0.id)" } + profile.checks.map(\.rule)
    }

    /// RFC 4180: quote when needed, double the quotes; a leading = + - @ is prefixed with ' so that
    /// a spreadsheet never runs a submission's text as a formula.
    static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    init(twoDecimals value: Double) {
        let scaled = (value * 100).rounded()
        self = "\(Int(scaled) / 100).\(String(Int(abs(scaled)) % 100).leftPadded(2))"
    }

    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

public enum GradeJUnit {
    public static func render(_ grades: [SubmissionGrade], profile: LabProfile) -> String {
        var out = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        let failures = grades.reduce(0) { $0 + $1.items.filter { $0.status == "fail" }.count }
        let tests = grades.reduce(0) { $0 + $1.items.count }
        out.append("<testsuites name=\"\(MarkupText.escaped("vnetdiag grade " + profile.id))\" tests=\"\(tests)\" failures=\"\(failures)\">")
        for grade in grades {
            let count = { (status: String) in grade.items.filter { $0.status == status }.count }
            out.append("  <testsuite name=\"\(MarkupText.escaped(grade.name))\" tests=\"\(grade.items.count)\" failures=\"\(count("fail"))\" errors=\"\(count("error"))\" skipped=\"\(count("skip"))\">")
            for item in grade.items {
                let open = "    <testcase classname=\"\(MarkupText.escaped(grade.name))\" name=\"\(MarkupText.escaped(item.id))\">"
                let message = MarkupText.escaped(item.message.text(grade.language))
                switch item.status {
                case "pass": out.append(open.replacingOccurrences(of: "\">", with: "\"/>", options: .backwards))
                case "fail":
                    out.append(open)
                    out.append("      <failure message=\"\(message)\" type=\"\(MarkupText.escaped(item.severity?.rawValue ?? "error"))\">\(MarkupText.escaped(item.fix?.text(grade.language) ?? ""))</failure>")
                    out.append("    </testcase>")
                case "skip":
                    out.append(open)
                    out.append("      <skipped message=\"\(MarkupText.escaped(item.reason?.rawValue ?? "skip")): \(message)\"/>")
                    out.append("    </testcase>")
                default:
                    out.append(open)
                    out.append("      <error message=\"\(message)\"/>")
                    out.append("    </testcase>")
                }
            }
            out.append("  </testsuite>")
        }
        out.append("</testsuites>")
        return out.joined(separator: "\n") + "\n"
    }
}
