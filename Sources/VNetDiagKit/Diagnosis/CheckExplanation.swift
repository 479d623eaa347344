/// Why a check did or did not fire on an input: its scope decision, the inputs it lacked, and
/// every evaluation with each sub-expression's value (`vnetdiag explain`).
public struct CheckExplanation {
    public let rule: CheckRule
    public let mode: CheckMode
    public let result: CheckResult
    /// Why the mode is in scope, or why not.
    public let scopeDecision: LocalizedText
    /// The machines the role scope selected (empty for a rule over the whole input).
    public let subjects: [String]
    public let missing: [(machine: String, inputs: [String])]
    public let evaluations: [CheckEvaluation]

    public static func explain(_ rule: CheckRule, in diagnosis: Diagnosis) -> CheckExplanation {
        var runner = CheckRunner(context: CheckContext(machines: diagnosis.machines, mode: diagnosis.checkMode))
        runner.tracing = true
        var unconditional = rule
        unconditional.enabled = true
        unconditional.waiver = nil
        let result = runner.run(unconditional)
        let mode = diagnosis.checkMode
        let decision = CheckScope.modeMismatch(rule.scope, mode) ?? LocalizedText(
            en: "the mode here is \(mode.id), which the rule's scope includes", es: "el modo aquí es \(mode.id), que el alcance de la regla incluye")
        let subjects = rule.scope.role.map { role in
            CheckScope.subjects(role, in: diagnosis.machines).map { $0.role == .unknown ? "\($0.name) (role unknown, taken as a guest beside the host)" : $0.name }
        } ?? []
        // Disabled or waived rules are still explained, but their status stays what diagnose reports
        // (that answer comes before any evaluation).
        var plain = CheckRunner(context: runner.context)
        let reported = rule.enabled && rule.waiver == nil ? result : plain.run(rule)
        return CheckExplanation(rule: rule, mode: mode, result: reported, scopeDecision: decision, subjects: subjects,
                                missing: runner.missing, evaluations: runner.evaluations)
    }
}
