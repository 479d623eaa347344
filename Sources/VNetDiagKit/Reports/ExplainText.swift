/// `vnetdiag explain`: the scope decision, missing inputs, each sub-expression's value and the
/// matched lines, in English or Spanish.
public enum ExplainText {
    public static func render(_ explanation: CheckExplanation, quoter: EvidenceQuoter, language: ReportLanguage) -> String {
        let es = language == .es
        let rule = explanation.rule
        var out: [String] = []
        out.append("\(rule.id) — \(rule.title.text(language)) [\(rule.severity.rawValue)]\(rule.catalogue.isEmpty ? "" : " (\(rule.catalogue.joined(separator: ", ")))")")
        out.append("\(es ? "Resultado" : "Result"): \(explanation.result.outcome.status)\(explanation.result.skipReason.map { " (\($0.rawValue))" } ?? "") — \(explanation.result.message(language))")
        out.append("")
        out.append(es ? "Alcance" : "Scope")
        out.append("  \(explanation.scopeDecision.text(language))")
        if let role = rule.scope.role {
            let machines = explanation.subjects.isEmpty ? (es ? "ninguna" : "none") : explanation.subjects.joined(separator: ", ")
            out.append("  \(es ? "papel" : "role") \(role): \(machines)")
        } else {
            out.append(es ? "  se evalúa una vez sobre toda la entrada" : "  evaluated once over the whole input")
        }
        if !rule.requires.isEmpty {
            out.append("  \(es ? "necesita" : "requires"): \(rule.requires.joined(separator: ", "))")
        }
        for (machine, inputs) in explanation.missing {
            out.append("  \(es ? "falta en" : "missing on") \(machine): \(inputs.joined(separator: ", "))")
        }
        out.append("")
        out.append(es ? "Condición" : "Condition")
        if let each = rule.each { out.append("  each: \(each.source)") }
        for (name, expression) in rule.lets { out.append("  let \(name): \(expression.source)") }
        out.append("  fail: \(rule.fail.source)")
        if explanation.evaluations.isEmpty {
            out.append(es ? "  (no se evaluó: ver el alcance)" : "  (not evaluated: see the scope)")
        }
        for evaluation in explanation.evaluations {
            var subject = [evaluation.machine, evaluation.item].compactMap { $0 }.joined(separator: " · ")
            if subject.isEmpty { subject = es ? "entrada" : "input" }
            let verdict = evaluation.fired.map { $0 ? (es ? "FALLA" : "FIRES") : (es ? "no falla" : "does not fire") }
                ?? (es ? "desconocido (faltan datos)" : "unknown (facts missing)")
            out.append("")
            out.append("  \(subject): \(verdict)")
            for (name, steps) in evaluation.steps {
                out.append("    \(name):")
                for step in steps {
                    out.append("      " + String(repeating: "  ", count: min(step.depth, 6)) + "\(step.text) = \(step.value.literal)")
                }
            }
            for line in evaluation.evidence.flatMap({ quoter.quote($0) }).prefix(8) {
                out.append("    \(line.file):\(line.line)  \(line.text)")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
