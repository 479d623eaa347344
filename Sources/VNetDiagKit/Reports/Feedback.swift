/// One student's feedback page and the class summary page, in the reader's language.
public enum Feedback {
    public static func student(_ grade: SubmissionGrade, profile: LabProfile) -> ReportDocument {
        let language = grade.language
        let es = language == .es
        var page = ReportDocument(title: "\(profile.title.text(language)) — \(grade.name)", language: language)
        page.blocks.append(.paragraph((es ? "Puntuación: " : "Score: ") + "\(grade.score) / \(grade.maxScore)"))
        page.blocks.append(.paragraph((es ? "Modo reconocido: " : "Mode recognised: ") + "\(grade.detectedMode)"
                                      + (es ? " (se esperaba \(grade.expectedMode))" : " (expected \(grade.expectedMode))")))
        if let description = profile.description { page.blocks.append(.paragraph(description.text(language))) }
        page.blocks.append(.heading(1, es ? "Resultados" : "Results"))
        page.blocks.append(.table(header: es ? ["", "Apartado", "Puntos"] : ["", "Item", "Points"], rows: grade.items.map { item in
            ["\(ReportDocument.symbol(item.status)) \(statusWord(item, es))", item.title.text(language), "\(item.earned) / \(item.points)"]
        }))
        let quoter = grade.diagnosis?.quoter ?? EvidenceQuoter([])
        let failing = grade.items.filter { $0.status == "fail" || $0.status == "error" }
        if !failing.isEmpty {
            page.blocks.append(.heading(1, es ? "Qué hay que corregir" : "What to fix"))
            for item in failing {
                page.blocks.append(.status(item.status, "\(item.title.text(language)): \(item.message.text(language))"))
                let lines = item.evidence.flatMap { quoter.quote($0) }.prefix(8).map { "\($0.file):\($0.line)  \($0.text)" }
                if !lines.isEmpty { page.blocks.append(.code(Array(lines))) }
                if let fix = item.fix { page.blocks.append(.paragraph((es ? "Solución: " : "Fix: ") + fix.text(language))) }
            }
        }
        let missing = grade.items.filter { $0.reason == .missingInput || !$0.needs.isEmpty }
        if !missing.isEmpty {
            page.blocks.append(.heading(1, es ? "Qué falta en la entrega" : "What the submission lacks"))
            page.blocks.append(.list(missing.map { "\($0.title.text(language)): \($0.message.text(language))" }))
        }
        if !grade.warnings.isEmpty {
            page.blocks.append(.heading(1, es ? "Avisos" : "Warnings"))
            page.blocks.append(.list(grade.warnings.map { $0.text(language) }))
        }
        if let diagnosis = grade.diagnosis, !diagnosis.topology.nodes.isEmpty {
            page.blocks.append(.heading(1, es ? "Topología reconstruida" : "Topology rebuilt"))
            page.blocks.append(.svg(TopologySVG.render(diagnosis.topology)))
            page.blocks.append(.code(TopologyRenderer.text(diagnosis.topology, language: language).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)))
        }
        return page
    }

    /// Every student's page as Markdown and HTML, rendered on all cores, in the grades' order.
    public static func studentPages(_ grades: [SubmissionGrade], profile: LabProfile) -> [(markdown: String, html: String)] {
        ParallelMap.map(grades) { grade in
            let page = student(grade, profile: profile)
            return (page.markdown, page.html)
        }
    }

    static func statusWord(_ item: GradedItem, _ es: Bool) -> String {
        switch item.status {
        case "pass": return es ? "correcto" : "pass"
        case "fail": return es ? "falla" : "fail"
        case "skip": return es ? "sin datos" : "skipped"
        default: return "error"
        }
    }

    public static func classPage(_ grades: [SubmissionGrade], profile: LabProfile, language: ReportLanguage) -> ReportDocument {
        let es = language == .es
        let summary = ClassSummary(grades)
        var page = ReportDocument(title: (es ? "Resumen de la clase — " : "Class summary — ") + profile.title.text(language), language: language)
        page.blocks.append(.paragraph(es ? "\(summary.count) entregas, media \(String(twoDecimals: summary.meanPercent)) %."
                                         : "\(summary.count) submissions, mean \(String(twoDecimals: summary.meanPercent)) %."))
        page.blocks.append(.heading(1, es ? "Distribución de notas" : "Score distribution"))
        page.blocks.append(.table(header: es ? ["Tramo", "Entregas", ""] : ["Range", "Submissions", ""], rows: summary.distribution.enumerated().map { index, count in
            [index == 10 ? "100 %" : "\(index * 10)–\(index * 10 + 9) %", String(count), String(repeating: "█", count: min(count, 60))]
        }))
        page.blocks.append(.heading(1, es ? "Modos reconocidos" : "Modes recognised"))
        page.blocks.append(.table(header: es ? ["Modo", "Entregas"] : ["Mode", "Submissions"], rows: summary.modes.map { [$0.mode, String($0.count)] }))
        page.blocks.append(.heading(1, es ? "Problemas más frecuentes" : "Most common problems"))
        page.blocks.append(summary.commonProblems.isEmpty ? .paragraph(es ? "Ninguno." : "None.")
            : .table(header: es ? ["Apartado", "Id", "Entregas"] : ["Item", "Id", "Submissions"],
                     rows: summary.commonProblems.prefix(15).map { [$0.title.text(language), $0.id, String($0.count)] }))
        page.blocks.append(.heading(1, es ? "Entregas que no se pudieron leer" : "Submissions that could not be read"))
        page.blocks.append(summary.unreadable.isEmpty ? .paragraph(es ? "Ninguna." : "None.")
                                                      : .list(summary.unreadable.map { "\($0.name): \($0.why.text(language))" }))
        if !summary.identical.isEmpty {
            page.blocks.append(.heading(1, es ? "Entregas idénticas" : "Identical submissions"))
            page.blocks.append(.list(summary.identical.map { $0.joined(separator: " = ") }))
        }
        page.blocks.append(.heading(1, es ? "Notas" : "Grades"))
        page.blocks.append(.table(header: es ? ["Entrega", "Modo", "Nota", "Avisos"] : ["Submission", "Mode", "Score", "Warnings"], rows: grades.map {
            [$0.name, $0.detectedMode, "\($0.score) / \($0.maxScore)", $0.warnings.map { $0.text(language) }.joined(separator: "; ")]
        }))
        return page
    }
}
