/// The condition language of check rules: a small subset of CEL (DESIGN.md "Rules").
/// Every node keeps the byte range it was written at, so load errors point into the rule and
/// `explain` can print each sub-expression as the teacher wrote it.
public struct Expression: Sendable {
    public indirect enum Kind: Sendable {
        case literal(Literal)
        case identifier(String)
        case member(Expression, String)
        case index(Expression, Expression)
        /// A function call, `name(args)`, or a method call, `receiver.name(args)`.
        case call(String, receiver: Expression?, arguments: [Expression])
        /// `list.exists(x, body)`, `all`, `count`, `filter`, `map`: the variable is bound per element.
        case comprehension(Comprehension, list: Expression, variable: String, body: Expression)
        case unary(UnaryOperator, Expression)
        case binary(BinaryOperator, Expression, Expression)
        case conditional(Expression, Expression, Expression)
        case list([Expression])
    }

    public enum Literal: Sendable, Equatable {
        case bool(Bool), int(Int), string(String), null
    }

    public enum Comprehension: String, Sendable, CaseIterable {
        case exists, all, count, filter, map
    }

    public enum UnaryOperator: String, Sendable {
        case not = "!", negate = "-"
    }

    public enum BinaryOperator: String, Sendable {
        case or = "||", and = "&&"
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case contains = "in", matches = "=~"
        case plus = "+", minus = "-"
    }

    public let kind: Kind
    /// Byte offsets into the source text.
    public let span: Range<Int>
    /// Levels in this tree, 1 for a leaf: checking and evaluating recurse once per level, so the
    /// parser refuses trees deeper than `ExpressionParser.maxDepth` before they overflow the stack.
    public let depth: Int

    public init(_ kind: Kind, _ span: Range<Int>) {
        self.kind = kind
        self.span = span
        depth = 1 + (Self.children(of: kind).lazy.map(\.depth).max() ?? 0)
    }

    /// The children in evaluation order (for traces and walks).
    public var children: [Expression] { Self.children(of: kind) }

    static func children(of kind: Kind) -> [Expression] {
        switch kind {
        case .literal, .identifier: return []
        case .member(let base, _): return [base]
        case .index(let base, let index): return [base, index]
        case .call(_, let receiver, let arguments): return (receiver.map { [$0] } ?? []) + arguments
        case .comprehension(_, let list, _, let body): return [list, body]
        case .unary(_, let operand): return [operand]
        case .binary(_, let left, let right): return [left, right]
        case .conditional(let test, let then, let otherwise): return [test, then, otherwise]
        case .list(let items): return items
        }
    }
}

/// A syntax or type error at a byte offset of an expression's text.
public struct ExpressionError: Error, Sendable, Equatable {
    public let offset: Int
    public let message: String

    public init(_ offset: Int, _ message: String) {
        self.offset = offset
        self.message = message
    }
}
