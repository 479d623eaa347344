/// Everything a check can read about one input, built once and shared by every rule (objects
/// cache their fields, so a machine's routes become values once however many rules read them).
public final class CheckContext {
    public let machines: [Machine]
    public let mode: CheckMode
    let globals: [String: CheckValue]
    let machineValues: [String: CheckValue]
    /// What each machine shows (`CheckInputs.present`), by name, and what the whole input shows:
    /// asked once per rule and machine, so worked out once.
    let inputsByMachine: [String: Set<String>]
    let inputsOfAll: Set<String>
    let roles: Set<MachineRole>
    /// `CheckScope.subjects` for every scope role, filtered once instead of per rule.
    private let subjectsByRole: [String: [Machine]]

    func subjects(_ role: String) -> [Machine] {
        subjectsByRole[role] ?? CheckScope.subjects(role, in: machines)
    }

    public init(machines: [Machine], mode: CheckMode) {
        self.machines = machines
        self.mode = mode
        var inputs: [String: Set<String>] = [:]
        for machine in machines { inputs[machine.name] = CheckInputs.present(in: machine) }
        inputsByMachine = inputs
        inputsOfAll = inputs.values.reduce(into: []) { $0.formUnion($1) }
        roles = Set(machines.map(\.role))
        subjectsByRole = Dictionary(uniqueKeysWithValues: ["any", "host", "guest", "observer", "unknown"].map {
            ($0, CheckScope.subjects($0, in: machines))
        })
        var values: [String: CheckValue] = [:]
        for machine in machines { values[machine.name] = CheckModel.machine(machine) }
        machineValues = values
        func list(_ role: MachineRole?) -> CheckValue {
            .list(machines.filter { role == nil || $0.role == role }.compactMap { values[$0.name] })
        }
        globals = [
            "mode": CheckModel.mode(mode), "machines": list(nil), "hosts": list(.host), "guests": list(.guest),
            "observers": list(.observer),
            "addresses": .list(machines.flatMap { CheckModel.addresses(of: $0) }),
            "interfaces": .list(machines.flatMap { machine in machine.distinctInterfaces.map { CheckModel.interface($0, machine: machine.name) } }),
            "neighbors": .list(machines.flatMap { machine in machine.neighbors.map { CheckModel.neighbor($0, machine: machine.name) } }),
        ]
    }
}

/// One run of a condition, for `explain`: on which machine and item, each sub-expression's value,
/// and whether it fired (nil: the facts were not there to tell).
public struct CheckEvaluation {
    public let machine: String?
    public let item: String?
    public let steps: [(name: String, steps: [ExpressionEvaluator.Step])]
    public let fired: Bool?
    public let evidence: [Provenance]
}

/// Runs check rules: scope, required inputs, then the condition per machine and per item.
public struct CheckRunner {
    public let context: CheckContext
    public var tracing = false
    public private(set) var evaluations: [CheckEvaluation] = []
    /// Per machine, the inputs a rule needed and did not find (for `explain`).
    public private(set) var missing: [(machine: String, inputs: [String])] = []

    public init(context: CheckContext) {
        self.context = context
    }

    public mutating func run(_ rule: CheckRule) -> CheckResult {
        evaluations = []
        missing = []
        if !rule.enabled {
            return CheckResult(rule: rule, outcome: .skip(.disabled, LocalizedText(en: "disabled", es: "desactivada")))
        }
        if let waiver = rule.waiver {
            return CheckResult(rule: rule, outcome: .skip(.waived, LocalizedText(en: "waived: \(waiver)", es: "dispensada: \(waiver)")))
        }
        if let why = CheckScope.modeMismatch(rule.scope, context.mode) {
            return CheckResult(rule: rule, outcome: .skip(.notApplicable, why))
        }
        let subjects: [Machine?]
        if let role = rule.scope.role {
            let machines = context.subjects(role)
            guard !machines.isEmpty else {
                return CheckResult(rule: rule, outcome: .skip(.notApplicable, LocalizedText(
                    en: "no \(role) machine in the input", es: "no hay ninguna máquina con papel \(CheckScope.roleName(role)) en la entrada")),
                    missing: ["host", "guest"].contains(role) ? [role] : [])
            }
            subjects = machines
        } else {
            subjects = [nil]
        }
        var failures: [CheckFailure] = []
        var ranOnAny = false
        for subject in subjects {
            let lacking = CheckInputs.missing(rule.requires, machine: subject, in: context)
            if !lacking.isEmpty {
                missing.append((subject?.name ?? "input", lacking))
                continue
            }
            ranOnAny = true
            do {
                failures += try evaluate(rule, on: subject)
            } catch {
                return CheckResult(rule: rule, outcome: .error("\(rule.file): \(error.message)"))
            }
        }
        if !ranOnAny {
            let list = missing.map { "\($0.machine): \($0.inputs.joined(separator: ", "))" }.joined(separator: "; ")
            var inputs: [String] = []
            for (_, lacking) in missing { for input in lacking where !inputs.contains(input) { inputs.append(input) } }
            return CheckResult(rule: rule, outcome: .skip(.missingInput, LocalizedText(en: "needs \(list)", es: "necesita \(list)")), missing: inputs)
        }
        return CheckResult(rule: rule, outcome: failures.isEmpty ? .pass : .fail(failures))
    }

    mutating func evaluate(_ rule: CheckRule, on subject: Machine?) throws(EvaluationError) -> [CheckFailure] {
        var variables = context.globals
        if let subject { variables["machine"] = context.machineValues[subject.name] }
        let memo = EvaluationMemo(invariant: rule.invariantNames)
        var items: [CheckValue?] = [nil]
        if let each = rule.each {
            var evaluator = ExpressionEvaluator(each, variables: variables, memo: memo, expressionIndex: 0)
            items = (try evaluator.run().asList ?? []).map { $0 }
        }
        var failures: [CheckFailure] = []
        for item in items {
            var scope = variables
            if let item { scope["item"] = item }
            var steps: [(String, [ExpressionEvaluator.Step])] = []
            for (position, (name, expression)) in rule.lets.enumerated() {
                var evaluator = ExpressionEvaluator(expression, variables: scope, tracing: tracing, memo: memo, expressionIndex: position + 1)
                scope[name] = try evaluator.run()
                steps.append((name, evaluator.trace))
            }
            var evaluator = ExpressionEvaluator(rule.fail, variables: scope, tracing: tracing, memo: memo, expressionIndex: rule.lets.count + 1)
            let fired = try evaluator.run().asBool
            steps.append(("fail", evaluator.trace))
            var evidence: [Provenance] = []
            if fired == true {
                evidence = item?.origins ?? []
                for (position, expression) in rule.evidence.enumerated() {
                    var evidenceEvaluator = ExpressionEvaluator(expression, variables: scope, memo: memo, expressionIndex: rule.lets.count + 2 + position)
                    evidence += try evidenceEvaluator.run().origins
                }
                var seen: Set<Provenance> = []
                evidence = evidence.filter { seen.insert($0).inserted }
                let message = LocalizedText(en: try render(rule.message.en, scope, memo: memo, firstIndex: 1000),
                                            es: try render(rule.message.es, scope, memo: memo, firstIndex: 2000))
                failures.append(CheckFailure(machine: subject?.name, message: message, evidence: evidence))
            }
            if tracing {
                evaluations.append(CheckEvaluation(machine: subject?.name, item: item.map(\.literal), steps: steps, fired: fired, evidence: evidence))
            }
        }
        return failures
    }

    func render(_ template: MessageTemplate, _ variables: [String: CheckValue], memo: EvaluationMemo,
                firstIndex: Int) throws(EvaluationError) -> String {
        var text = ""
        for (position, part) in template.parts.enumerated() {
            switch part {
            case .text(let piece): text += piece
            case .value(let expression):
                var evaluator = ExpressionEvaluator(expression, variables: variables, memo: memo, expressionIndex: firstIndex + position)
                text += try evaluator.run().text
            }
        }
        return text
    }
}
