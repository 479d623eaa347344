import PCRE2

/// Something went wrong while a condition ran (a pattern hit its match limit): the check's result is `error`.
public struct EvaluationError: Error, Sendable {
    public let message: String
}

/// Values of sub-expressions that do not depend on the item being checked, and equality indexes
/// of lists, kept while one rule runs on one machine. `invariant` names what stays fixed meanwhile:
/// the globals, `machine`, and the `let`s built from them.
public final class EvaluationMemo {
    struct Key: Hashable {
        let expression: Int, lower: Int, upper: Int
        let field: String
    }

    let invariant: Set<String>
    var values: [Key: CheckValue] = [:]
    var indexes: [Key: [String: [Int]]] = [:]

    public init(invariant: Set<String>) {
        self.invariant = invariant
    }
}

/// Runs a compiled condition over model values. Logic is three-valued: a `null` (a fact the input
/// does not show) is neither true nor false, so a missing field never makes a check fire by itself.
/// With tracing on, every sub-expression outside comprehension bodies records its value, for `explain`.
public struct ExpressionEvaluator {
    public struct Step {
        public let text: String
        public let value: CheckValue
        public let depth: Int
    }

    let compiled: CompiledExpression
    var variables: [String: CheckValue]
    let tracing: Bool
    public private(set) var trace: [Step] = []
    var depth = 0
    var insideComprehension = 0
    let memo: EvaluationMemo?
    /// Which of the rule's expressions this is, for the memo's keys.
    let expressionIndex: Int

    public init(_ compiled: CompiledExpression, variables: [String: CheckValue], tracing: Bool = false,
                memo: EvaluationMemo? = nil, expressionIndex: Int = 0) {
        self.compiled = compiled
        self.variables = variables
        self.tracing = tracing
        self.memo = memo
        self.expressionIndex = expressionIndex
    }

    func memoKey(_ expression: Expression, field: String = "") -> EvaluationMemo.Key? {
        guard let memo else { return nil }
        if case .identifier(let name) = expression.kind {
            guard memo.invariant.contains(name) else { return nil }
        } else {
            guard let free = compiled.freeVariables.of(expression), free.isSubset(of: memo.invariant) else { return nil }
        }
        return EvaluationMemo.Key(expression: expressionIndex, lower: expression.span.lowerBound, upper: expression.span.upperBound, field: field)
    }

    public mutating func run() throws(EvaluationError) -> CheckValue {
        try evaluate(compiled.root)
    }

    mutating func evaluate(_ expression: Expression) throws(EvaluationError) -> CheckValue {
        depth += 1
        defer { depth -= 1 }
        var slot: Int? = nil
        if tracing, insideComprehension == 0 {
            if case .literal = expression.kind {} else {
                // Reserved before the children run, so the trace reads top-down (outermost first).
                slot = trace.count
                trace.append(Step(text: compiled.text(of: expression), value: .null, depth: depth - 1))
            }
        }
        var key: EvaluationMemo.Key? = nil
        switch expression.kind {
        case .call, .comprehension, .member, .index: key = memoKey(expression)
        default: break
        }
        let value: CheckValue
        if let key, let known = memo?.values[key] {
            value = known
        } else {
            value = try compute(expression)
            if let key { memo?.values[key] = value }
        }
        if let slot { trace[slot] = Step(text: trace[slot].text, value: value, depth: trace[slot].depth) }
        return value
    }

    mutating func compute(_ expression: Expression) throws(EvaluationError) -> CheckValue {
        switch expression.kind {
        case .literal(let literal):
            switch literal {
            case .bool(let value): return .bool(value)
            case .int(let value): return .int(value)
            case .string(let value): return .string(value)
            case .null: return .null
            }
        case .identifier(let name):
            return variables[name] ?? .null
        case .member(let base, let field):
            guard case .object(let object) = try evaluate(base) else { return .null }
            return object.field(field)
        case .index(let base, let index):
            guard case .list(let items) = try evaluate(base), case .int(let position) = try evaluate(index),
                  items.indices.contains(position) else { return .null }
            return items[position]
        case .call(let name, let receiver, let arguments):
            var values: [CheckValue] = []
            var receiverValue: CheckValue? = nil
            if let receiver { receiverValue = try evaluate(receiver) }
            for argument in arguments { values.append(try evaluate(argument)) }
            if let receiverValue { return CheckFunctions.method(name, on: receiverValue, values) }
            return CheckFunctions.call(name, values)
        case .comprehension(let kind, let list, let variable, let body):
            return try comprehend(kind, list: list, variable: variable, body: body)
        case .unary(let op, let operand):
            let value = try evaluate(operand)
            switch (op, value) {
            case (.not, .bool(let flag)): return .bool(!flag)
            case (.negate, .int(let number)): return .int(-number)
            default: return .null
            }
        case .binary(let op, let left, let right):
            return try binary(op, left, right)
        case .conditional(let test, let then, let otherwise):
            switch try evaluate(test) {
            case .bool(true): return try evaluate(then)
            case .bool(false): return try evaluate(otherwise)
            default: return .null
            }
        case .list(let items):
            var values: [CheckValue] = []
            for item in items { values.append(try evaluate(item)) }
            return .list(values)
        }
    }

    mutating func comprehend(_ kind: Expression.Comprehension, list: Expression, variable: String, body: Expression) throws(EvaluationError) -> CheckValue {
        guard case .list(let items) = try evaluate(list) else { return .null }
        insideComprehension += 1
        defer { insideComprehension -= 1; variables[variable] = nil }
        var kept: [CheckValue] = []
        var unknown = false
        let candidates = try indexedCandidates(kind, list: list, items: items, variable: variable, body: body)
        for position in candidates ?? Array(items.indices) {
            let item = items[position]
            variables[variable] = item
            let value = try evaluate(body)
            switch kind {
            case .map: kept.append(value)
            case .exists: if value.asBool == true { return .bool(true) } else if value.isNull { unknown = true }
            case .all: if value.asBool == false { return .bool(false) } else if value.isNull { unknown = true }
            case .count, .filter: if value.asBool == true { kept.append(item) }
            }
        }
        switch kind {
        case .map, .filter: return .list(kept)
        case .count: return .int(kept.count)
        case .exists: return unknown ? .null : .bool(false)
        case .all: return unknown ? .null : .bool(true)
        }
    }

    /// For `filter`, `exists` and `count` over a list that does not depend on the item, whose
    /// condition includes `x.field == value` at its top level: the positions where the field has
    /// that value, from an index built once. The other elements cannot satisfy the condition.
    /// With several such terms, the one that leaves fewest positions is used.
    mutating func indexedCandidates(_ kind: Expression.Comprehension, list: Expression, items: [CheckValue],
                                    variable: String, body: Expression) throws(EvaluationError) -> [Int]? {
        guard [.filter, .exists, .count].contains(kind), items.count > 8, let memo else { return nil }
        var best: [Int]? = nil
        for term in Self.conjuncts(body) {
            guard case .binary(.equal, let left, let right) = term.kind else { continue }
            for (side, other) in [(left, right), (right, left)] {
                guard case .member(let base, let field) = side.kind, case .identifier(variable) = base.kind,
                      !Self.mentions(other, variable), let key = memoKey(list, field: field) else { continue }
                let index: [String: [Int]]
                if let built = memo.indexes[key] {
                    index = built
                } else {
                    var built: [String: [Int]] = [:]
                    for (position, item) in items.enumerated() {
                        guard case .object(let object) = item else { return nil }
                        built[object.field(field).hashKey, default: []].append(position)
                    }
                    memo.indexes[key] = built
                    index = built
                }
                let positions = index[try evaluate(other).hashKey] ?? []
                if positions.count < best?.count ?? Int.max { best = positions }
                break
            }
        }
        return best
    }

    static func conjuncts(_ expression: Expression) -> [Expression] {
        if case .binary(.and, let left, let right) = expression.kind { return conjuncts(left) + conjuncts(right) }
        return [expression]
    }

    static func mentions(_ expression: Expression, _ name: String) -> Bool {
        if case .identifier(name) = expression.kind { return true }
        return expression.children.contains { mentions($0, name) }
    }

    mutating func binary(_ op: Expression.BinaryOperator, _ left: Expression, _ right: Expression) throws(EvaluationError) -> CheckValue {
        switch op {
        case .and:
            let a = try evaluate(left)
            if a.asBool == false { return .bool(false) }
            let b = try evaluate(right)
            if b.asBool == false { return .bool(false) }
            return a.isNull || b.isNull ? .null : .bool(true)
        case .or:
            let a = try evaluate(left)
            if a.asBool == true { return .bool(true) }
            let b = try evaluate(right)
            if b.asBool == true { return .bool(true) }
            return a.isNull || b.isNull ? .null : .bool(false)
        default:
            break
        }
        let a = try evaluate(left), b = try evaluate(right)
        switch op {
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(!(a == b))
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let order = Self.order(a, b) else { return .null }
            switch op {
            case .less: return .bool(order < 0)
            case .lessOrEqual: return .bool(order <= 0)
            case .greater: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case .contains:
            guard case .list(let items) = b, !a.isNull else { return .null }
            return .bool(items.contains { $0 == a })
        case .matches:
            guard case .string(let text) = a, let regex = compiled.patterns[right.span.lowerBound] else { return .null }
            do {
                return .bool(try regex.firstMatch(in: text) != nil)
            } catch {
                throw EvaluationError(message: "pattern \(regex.pattern) failed on \"\(text.prefix(80))\": \(error.description)")
            }
        case .plus, .minus:
            switch (a, b) {
            case (.int(let x), .int(let y)): return .int(op == .plus ? x &+ y : x &- y)
            case (.string(let x), .string(let y)): return .string(x + y)
            case (.list(let x), .list(let y)) where op == .plus: return .list(x + y)
            default: return .null
            }
        case .and, .or:
            return .null
        }
    }

    static func order(_ a: CheckValue, _ b: CheckValue) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.string(let x), .string(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.ip(let x), .ip(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        default: return nil
        }
    }
}
