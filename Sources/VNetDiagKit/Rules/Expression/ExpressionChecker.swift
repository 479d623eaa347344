import PCRE2

/// A condition that parsed and type-checked, with its `=~` patterns compiled once.
public struct CompiledExpression: Sendable {
    public let source: String
    public let root: Expression
    public let type: ValueType
    /// Compiled patterns by the offset of their literal.
    public let patterns: [Int: Regex]
    public let freeVariables: FreeVariables

    public func text(of expression: Expression) -> String {
        let bytes = Array(source.utf8)
        let span = expression.span.clamped(to: 0..<bytes.count)
        return String(decoding: bytes[span], as: UTF8.self)
    }
}

/// Type-checks an expression against the names in scope (DESIGN.md: a broken rule fails at load).
public struct ExpressionChecker {
    public var scope: [String: ValueType]
    var patterns: [Int: Regex] = [:]

    public init(scope: [String: ValueType]) {
        self.scope = scope
    }

    public static func compile(_ source: String, scope: [String: ValueType], expecting expected: ValueType? = nil) throws(ExpressionError) -> CompiledExpression {
        let root = try ExpressionParser.parse(source)
        var checker = ExpressionChecker(scope: scope)
        let type = try checker.check(root)
        if let expected, !expected.accepts(type) || type == .null {
            throw ExpressionError(root.span.lowerBound, "expected a \(expected) expression, this one is \(type)")
        }
        return CompiledExpression(source: source, root: root, type: type, patterns: checker.patterns, freeVariables: FreeVariables(root))
    }

    mutating func check(_ expression: Expression) throws(ExpressionError) -> ValueType {
        let at = expression.span.lowerBound
        switch expression.kind {
        case .literal(let literal):
            switch literal {
            case .bool: return .bool
            case .int: return .int
            case .string: return .string
            case .null: return .null
            }
        case .identifier(let name):
            guard let type = scope[name] else {
                throw ExpressionError(at, "unknown name '\(name)'; in scope: \(scope.keys.sorted().joined(separator: ", "))")
            }
            return type
        case .member(let base, let field):
            let baseType = try check(base)
            guard case .object(let object) = baseType else {
                throw ExpressionError(expression.span.upperBound - field.utf8.count, "\(baseType) has no fields ('.\(field)')")
            }
            guard let type = CheckSchema.objects[object]?[field] else {
                let known = CheckSchema.objects[object]?.keys.sorted().joined(separator: ", ") ?? ""
                throw ExpressionError(expression.span.upperBound - field.utf8.count, "\(object) has no field '\(field)'; it has: \(known)")
            }
            return type
        case .index(let base, let index):
            let baseType = try check(base)
            guard case .list(let element) = baseType else { throw ExpressionError(at, "only lists can be indexed, not \(baseType)") }
            try require(.int, index, "a list index")
            return element
        case .call(let name, let receiver, let arguments):
            return try checkCall(name, receiver: receiver, arguments: arguments, at: at)
        case .comprehension(let kind, let list, let variable, let body):
            let listType = try check(list)
            guard case .list(let element) = listType else { throw ExpressionError(at, "\(kind.rawValue)() needs a list, not \(listType)") }
            guard scope[variable] == nil else { throw ExpressionError(at, "'\(variable)' is already a name in scope; pick another variable") }
            scope[variable] = element
            defer { scope[variable] = nil }
            if kind == .map { return .list(try check(body)) }
            try require(.bool, body, "the condition of \(kind.rawValue)()")
            switch kind {
            case .count: return .int
            case .filter: return listType
            default: return .bool
            }
        case .unary(let op, let operand):
            try require(op == .not ? .bool : .int, operand, "'\(op.rawValue)'")
            return op == .not ? .bool : .int
        case .binary(let op, let left, let right):
            return try checkBinary(op, left, right, at: at)
        case .conditional(let test, let then, let otherwise):
            try require(.bool, test, "the test of '?:'")
            let thenType = try check(then), otherwiseType = try check(otherwise)
            guard thenType.accepts(otherwiseType) else {
                throw ExpressionError(otherwise.span.lowerBound, "both branches of '?:' must have one type (\(thenType) vs \(otherwiseType))")
            }
            return thenType.joined(with: otherwiseType)
        case .list(let items):
            var element = ValueType.any
            for item in items {
                let type = try check(item)
                guard element.accepts(type) else { throw ExpressionError(item.span.lowerBound, "a list holds one type (\(element) vs \(type))") }
                element = element.joined(with: type)
            }
            return .list(element)
        }
    }

    mutating func require(_ expected: ValueType, _ expression: Expression, _ what: String) throws(ExpressionError) {
        let type = try check(expression)
        guard expected.accepts(type) else { throw ExpressionError(expression.span.lowerBound, "\(what) must be \(expected), not \(type)") }
    }

    mutating func checkBinary(_ op: Expression.BinaryOperator, _ left: Expression, _ right: Expression, at: Int) throws(ExpressionError) -> ValueType {
        switch op {
        case .and, .or:
            try require(.bool, left, "'\(op.rawValue)'")
            try require(.bool, right, "'\(op.rawValue)'")
            return .bool
        case .equal, .notEqual:
            let a = try check(left), b = try check(right)
            guard a.accepts(b) else { throw ExpressionError(right.span.lowerBound, "cannot compare \(a) with \(b)") }
            return .bool
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let a = try check(left), b = try check(right)
            guard [.int, .string, .ip].contains(a) || a == .any, a.accepts(b) else {
                throw ExpressionError(right.span.lowerBound, "'\(op.rawValue)' orders numbers, text or addresses, not \(a) and \(b)")
            }
            return .bool
        case .contains:
            let element = try check(left), list = try check(right)
            guard case .list(let member) = list else { throw ExpressionError(right.span.lowerBound, "'in' needs a list on its right, not \(list)") }
            guard member.accepts(element) else { throw ExpressionError(left.span.lowerBound, "\(element) cannot be in a \(list)") }
            return .bool
        case .matches:
            try require(.string, left, "the text before '=~'")
            guard case .literal(.string(let pattern)) = right.kind else {
                throw ExpressionError(right.span.lowerBound, "the pattern after '=~' must be a text literal (it is compiled when the rule loads)")
            }
            do {
                patterns[right.span.lowerBound] = try Regex(pattern)
            } catch {
                throw ExpressionError(right.span.lowerBound, "pattern does not compile: \(error.description)")
            }
            return .bool
        case .plus, .minus:
            let a = try check(left), b = try check(right)
            if a == .int, b == .int { return .int }
            if op == .plus, a == .string, b == .string { return .string }
            if op == .plus, case .list = a, case .list = b, a.accepts(b) { return a.joined(with: b) }
            throw ExpressionError(at, "'\(op.rawValue)' works on numbers (and '+' on text), not \(a) and \(b)")
        }
    }

    mutating func checkCall(_ name: String, receiver: Expression?, arguments: [Expression], at: Int) throws(ExpressionError) -> ValueType {
        if let receiver {
            let receiverType = try check(receiver)
            let typeName: String
            switch receiverType {
            case .object(let object): typeName = object
            case .string: typeName = "string"
            default: typeName = receiverType.description
            }
            guard let signature = CheckSchema.methods[typeName]?[name] else {
                throw ExpressionError(at, "\(receiverType) has no method '\(name)'")
            }
            try checkArguments(name, signature.arguments, arguments, at: at)
            return signature.result
        }
        switch name {
        case "size":
            guard arguments.count == 1 else { throw ExpressionError(at, "size() takes one list or text") }
            let type = try check(arguments[0])
            if case .list = type { return .int }
            guard type == .string else { throw ExpressionError(at, "size() takes a list or text, not \(type)") }
            return .int
        case "unique", "first":
            guard arguments.count == 1 else { throw ExpressionError(at, "\(name)() takes one list") }
            let type = try check(arguments[0])
            guard case .list(let element) = type else { throw ExpressionError(at, "\(name)() takes a list, not \(type)") }
            return name == "unique" ? type : element
        case "string":
            guard arguments.count == 1 else { throw ExpressionError(at, "string() takes one value") }
            _ = try check(arguments[0])
            return .string
        default:
            guard let signature = CheckSchema.functions[name] else {
                throw ExpressionError(at, "unknown function '\(name)'; known: \((CheckSchema.functions.keys + ["size", "unique", "first", "string"]).sorted().joined(separator: ", "))")
            }
            try checkArguments(name, signature.arguments, arguments, at: at)
            return signature.result
        }
    }

    mutating func checkArguments(_ name: String, _ expected: [ValueType], _ arguments: [Expression], at: Int) throws(ExpressionError) {
        guard expected.count == arguments.count else {
            throw ExpressionError(at, "\(name)() takes \(expected.count) argument(s) (\(expected.map(\.description).joined(separator: ", "))), not \(arguments.count)")
        }
        for (type, argument) in zip(expected, arguments) { try require(type, argument, "argument of \(name)()") }
    }
}
