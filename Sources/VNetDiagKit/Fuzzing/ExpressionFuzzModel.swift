import Foundation

/// The `expressions` fuzz target: conditions parsed and type-checked with the names a check scoped
/// to a role sees (the globals and `machine`), then evaluated on the machines of a fixture.
struct ExpressionFuzzModel {
    let context: CheckContext
    let variables: [String: CheckValue]
    static let scope = CheckRule.scope(role: "any", each: nil, lets: [])

    init(fixture: String) throws {
        let documents = try InputReader().read(paths: [fixture]).map(TextDocument.init)
        var pipeline = ParsePipeline()
        pipeline.parallelism = 1
        var catalog = FuzzTargets.catalog
        catalog.checks = []
        let diagnosis = Diagnosis.run(pipeline.parse(documents), catalog: catalog)
        guard let machine = diagnosis.machines.first else {
            throw RuleError(file: fixture, line: nil, message: "the fixture has no machine to evaluate conditions on")
        }
        context = CheckContext(machines: diagnosis.machines, mode: diagnosis.checkMode)
        var variables = context.globals
        variables["machine"] = context.machineValues[machine.name]
        self.variables = variables
    }

    func expression(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        let compiled: CompiledExpression
        do {
            compiled = try ExpressionChecker.compile(text, scope: Self.scope)
        } catch {
            let length = text.utf8.count
            return error.offset < 0 || error.offset > length ? ["error offset \(error.offset) outside \(length) bytes"] : []
        }
        // Traced with the per-machine memo, as `explain` runs it, and plain: the memo must not change the answer.
        var traced = ExpressionEvaluator(compiled, variables: variables, tracing: true,
                                         memo: EvaluationMemo(invariant: Set(variables.keys)))
        var plain = ExpressionEvaluator(compiled, variables: variables)
        let values = (try? traced.run(), try? plain.run())
        switch values {
        case (nil, nil): return []
        case (let tracedValue?, let plainValue?):
            var problems: [String] = []
            if !(tracedValue == plainValue) { problems.append("memoised \(tracedValue.literal) but plain \(plainValue.literal)") }
            if !Self.conforms(plainValue, to: compiled.type) {
                problems.append("typed \(compiled.type) but evaluated to \(plainValue.literal)")
            }
            return problems
        default: return ["one evaluation failed and the other did not"]
        }
    }

    /// Whether a value is one the checker's type promised (`null` stands for any missing fact).
    static func conforms(_ value: CheckValue, to type: ValueType) -> Bool {
        switch (value, type) {
        case (.null, _), (_, .any): return true
        case (.bool, .bool), (.int, .int), (.string, .string), (.ip, .ip), (.cidr, .cidr), (.mac, .mac): return true
        case (.list(let items), .list(let element)): return items.allSatisfy { conforms($0, to: element) }
        case (.object(let object), .object(let name)): return object.type == name
        default: return false
        }
    }
}
