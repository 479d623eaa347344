/// `vnetdiag rules list` and `rules show`: the catalogue as teachers read it.
public enum RulesText {
    public static func list(_ catalog: RuleCatalog, language: ReportLanguage) -> String {
        var out: [String] = []
        let width = catalog.checks.map(\.id.count).max() ?? 10
        for rule in catalog.checks.sorted(by: { $0.id < $1.id }) {
            let state = !rule.enabled ? " (off)" : (rule.waiver != nil ? " (waived)" : "")
            out.append("\(rule.id.padding(toLength: width, withPad: " ", startingAt: 0))  \(rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \(rule.catalogue.joined(separator: ",").padding(toLength: 7, withPad: " ", startingAt: 0))  \(rule.title.text(language))\(state)")
        }
        out.append("")
        out.append("\(catalog.checks.count) checks, \(catalog.modes.count) modes, \(catalog.extractors.count) extractors")
        return out.joined(separator: "\n") + "\n"
    }

    public static func show(_ rule: CheckRule, language: ReportLanguage) -> String {
        let es = language == .es
        var out = ["\(rule.id) — \(rule.title.text(language))", "  file: \(rule.file)",
                   "  severity: \(rule.severity.rawValue)\(rule.enabled ? "" : " (disabled)")", "  points: \(rule.points)"]
        if !rule.catalogue.isEmpty { out.append("  catalogue: \(rule.catalogue.joined(separator: ", "))") }
        var scope: [String] = []
        if !rule.scope.hypervisors.isEmpty { scope.append("hypervisor \(rule.scope.hypervisors.joined(separator: ", "))") }
        if !rule.scope.modes.isEmpty { scope.append("mode \(rule.scope.modes.joined(separator: ", "))") }
        if !rule.scope.exceptModes.isEmpty { scope.append("except \(rule.scope.exceptModes.joined(separator: ", "))") }
        scope.append("role \(rule.scope.role ?? "(whole input)")")
        out.append("  scope: \(scope.joined(separator: "; "))")
        if !rule.requires.isEmpty { out.append("  requires: \(rule.requires.joined(separator: ", "))") }
        if let each = rule.each { out.append("  each: \(each.source)") }
        for (name, expression) in rule.lets { out.append("  let \(name): \(expression.source)") }
        out.append("  fail: \(rule.fail.source)")
        out.append("")
        out.append(rule.explanation.text(language))
        out.append("")
        out.append("\(es ? "Solución" : "Fix"): \(rule.fix.text(language))")
        if !rule.references.isEmpty { out.append("\(es ? "Referencias" : "References"): \(rule.references.joined(separator: "; "))") }
        out.append("")
        out.append(es ? "Ejemplos:" : "Examples:")
        for example in rule.examples {
            out.append("  \(example.fires ? (es ? "falla" : "fires") : (es ? "no falla" : "passes")): \(example.name)\(example.mode.map { " [\($0)]" } ?? "")")
        }
        return out.joined(separator: "\n") + "\n"
    }
}
