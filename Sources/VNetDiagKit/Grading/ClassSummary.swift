/// What a teacher wants from a whole class at a glance.
public struct ClassSummary: Sendable {
    public let count: Int
    /// Submissions per tenth of the maximum score (0–9: [0 %, 10 %) … [90 %, 100 %), 10: full marks).
    public let distribution: [Int]
    public let meanPercent: Double
    public let modes: [(mode: String, count: Int)]
    /// Items that failed most often: id, title, how many submissions.
    public let commonProblems: [(id: String, title: LocalizedText, count: Int)]
    public let unreadable: [(name: String, why: LocalizedText)]
    public let identical: [[String]]

    public init(_ grades: [SubmissionGrade]) {
        count = grades.count
        var buckets = Array(repeating: 0, count: 11)
        var percents: [Double] = []
        for grade in grades {
            let percent = grade.maxScore > 0 ? Double(grade.score) / Double(grade.maxScore) : 0
            percents.append(percent)
            buckets[min(10, Int((percent * 10).rounded(.down)))] += 1
        }
        distribution = buckets
        meanPercent = percents.isEmpty ? 0 : percents.reduce(0, +) / Double(percents.count) * 100
        var modeCounts: [String: Int] = [:]
        for grade in grades { modeCounts[grade.detectedMode, default: 0] += 1 }
        modes = modeCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
        var failures: [String: (LocalizedText, Int)] = [:]
        for grade in grades {
            for item in grade.items where item.status == "fail" {
                failures[item.id] = (item.title, (failures[item.id]?.1 ?? 0) + 1)
            }
        }
        commonProblems = failures.sorted { $0.value.1 != $1.value.1 ? $0.value.1 > $1.value.1 : $0.key < $1.key }
            .map { ($0.key, $0.value.0, $0.value.1) }
        unreadable = grades.filter { !$0.readable }.map { grade in
            (grade.name, grade.fileCount == 0 ? LocalizedText(en: "no readable file", es: "ningún fichero legible")
                                              : LocalizedText(en: "no section in a known format", es: "ninguna sección en un formato conocido"))
        }
        var groups: [String: [String]] = [:]
        for grade in grades where !grade.identicalTo.isEmpty {
            let members = ([grade.name] + grade.identicalTo).sorted()
            groups[members.joined(separator: "\u{0}")] = members
        }
        identical = groups.values.sorted { $0[0] < $1[0] }
    }
}

extension ClassSummary {
    func writeJSON<Sink: JSONSink>(to sink: inout Sink) {
        sink.object { sink in
            sink.field("submissions", count)
            sink.key("meanPercent"); sink.double((meanPercent * 10).rounded() / 10)
            sink.key("distribution"); sink.array(distribution) { sink, value in sink.int(value) }
            sink.key("modes")
            sink.array(modes) { sink, entry in sink.object { $0.field("mode", entry.mode); $0.field("count", entry.count) } }
            sink.key("commonProblems")
            sink.array(commonProblems) { sink, entry in sink.object { $0.field("id", entry.id); $0.field("count", entry.count) } }
            sink.key("unreadable")
            sink.array(unreadable) { sink, entry in sink.object { $0.field("name", entry.name); $0.field("why", entry.why.en) } }
            sink.key("identical")
            sink.array(identical) { sink, group in sink.array(group) { sink, name in sink.string(name) } }
        }
    }
}
