/// The names an expression reads from outside (comprehension variables are bound inside, not free).
/// The evaluator uses them to compute a sub-expression once per machine when it does not depend on
/// the item being checked (DESIGN: one rule must not turn a 5,000-interface host into 25 million steps).
public struct FreeVariables: Sendable {
    /// Free names of every comprehension, call and member node, by span.
    let byNode: [SpanKey: Set<String>]
    public let root: Set<String>

    struct SpanKey: Hashable, Sendable {
        let lower: Int, upper: Int
        init(_ span: Range<Int>) { lower = span.lowerBound; upper = span.upperBound }
    }

    init(_ root: Expression) {
        var table: [SpanKey: Set<String>] = [:]
        self.root = Self.collect(root, into: &table)
        byNode = table
    }

    public func of(_ expression: Expression) -> Set<String>? { byNode[SpanKey(expression.span)] }

    static func collect(_ expression: Expression, into table: inout [SpanKey: Set<String>]) -> Set<String> {
        var names: Set<String>
        switch expression.kind {
        case .identifier(let name): return [name]
        case .comprehension(_, let list, let variable, let body):
            names = collect(list, into: &table).union(collect(body, into: &table).subtracting([variable]))
        default:
            names = []
            for child in expression.children { names.formUnion(collect(child, into: &table)) }
        }
        switch expression.kind {
        case .comprehension, .call, .member, .index: table[SpanKey(expression.span)] = names
        default: break
        }
        return names
    }
}
