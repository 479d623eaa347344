/// The human report of `diagnose`, as plain text or Markdown, in English or Spanish.
public enum DiagnosisText {
    public enum Style: Sendable { case text, markdown }

    public static func render(_ diagnosis: Diagnosis, language: ReportLanguage, style: Style) -> String {
        let say = ReportPhrases.of(language)
        let quoter = diagnosis.quoter
        var out: [String] = []
        func heading(_ title: String) {
            out.append(style == .markdown ? "\n## \(title)\n" : "\n\(title)\n" + String(repeating: "=", count: title.count))
        }
        let verdict = diagnosis.verdict
        out.append(style == .markdown ? "# vnetdiag" : "vnetdiag")
        heading(say.mode)
        switch verdict.id {
        case "ambiguous":
            out.append("\(say.ambiguous): \(say.candidates) " + verdict.candidates.map { "\($0.rule.id) (\($0.score))" }.joined(separator: ", "))
        case "none": out.append(say.none)
        case "unknown": out.append(say.unknown)
        default:
            out.append("\(verdict.winner?.rule.title.text(language) ?? verdict.id) [\(verdict.id)]")
        }
        var numbers = ["\(say.confidence) \(verdict.confidence)", "\(say.margin) \(verdict.margin)"]
        if let runnerUp = verdict.runnerUp { numbers.append("\(say.runnerUp) \(runnerUp.rule.id) (\(runnerUp.score))") }
        out.append(numbers.joined(separator: ", "))
        if let missing = verdict.missing { out.append("\(say.missing): \(missing)") }
        let matched = verdict.winner?.matched ?? verdict.candidates.first?.matched ?? []
        if !matched.isEmpty {
            heading(say.why)
            for (evidence, facts) in matched {
                out.append("\(style == .markdown ? "- " : "")\(evidence.weight > 0 ? "+" : "")\(evidence.weight) \(evidence.why.text(language))")
                for fact in facts.prefix(3) {
                    for line in quoter.quote(fact.origin, limit: 1) {
                        out.append(style == .markdown ? "  - `\(line.file):\(line.line)` `\(line.text)`" : "    \(line.file):\(line.line)  \(line.text)")
                    }
                }
            }
        }
        heading(say.machines)
        for machine in diagnosis.machines {
            out.append("\(style == .markdown ? "- **\(machine.name)**" : machine.name): \(say.roleName(machine.role, language))")
            for reason in machine.roleReasons where reason.role == machine.role {
                out.append("    \(reason.message.text(language))")
            }
        }
        out.append("\(say.sidesSeen): \(diagnosis.topology.sidesSeen.joined(separator: ", "))")
        heading(say.topology)
        out.append(style == .markdown ? "```\n\(TopologyRenderer.text(diagnosis.topology, language: language))\n```" : TopologyRenderer.text(diagnosis.topology, language: language))
        heading(say.findings)
        if diagnosis.checkMode.id != verdict.id {
            out.append(language == .es ? "Comprobaciones para el modo indicado \(diagnosis.checkMode.id) (--mode)."
                                       : "Checks run for the given mode \(diagnosis.checkMode.id) (--mode).")
        }
        out += FindingsText.render(diagnosis.checks, language: language, quoter: quoter, markdown: style == .markdown)
        heading(say.coverage)
        for result in diagnosis.results {
            let span = result.section.span
            let state = result.section.format == .unknown ? say.notRead : "\(say.read) (\(result.section.format.rawValue), \(result.parsed.records.count))"
            out.append("\(style == .markdown ? "- " : "")\(result.section.source):\(span.first)-\(span.last) \(state)\(result.machine.map { " — \($0)" } ?? "")")
        }
        return out.joined(separator: "\n") + "\n"
    }
}
