/// Recursive-descent parser for the condition language. Precedence, lowest first:
/// `?:`, `||`, `&&`, comparisons (`== != < <= > >= in =~`), `+ -`, unary `! -`, then member
/// access, calls and indexing.
public struct ExpressionParser {
    enum Token: Equatable {
        case identifier(String), int(Int), string(String), symbol(String), end
    }

    let bytes: [UInt8]
    var tokens: [(token: Token, span: Range<Int>)] = []
    var position = 0
    /// Sub-expressions being parsed inside one another (parentheses, `!`, arguments...).
    var nesting = 0

    /// Deepest expression accepted. Parsing, checking and evaluating recurse once per level: without
    /// a bound, a few kilobytes of `(((` or `!!!` overflow the stack. Rules nest a handful of levels.
    public static let maxDepth = 100

    public static func parse(_ text: String) throws(ExpressionError) -> Expression {
        var parser = ExpressionParser(bytes: Array(text.utf8))
        try parser.tokenize()
        let expression = try parser.parseConditional()
        guard case .end = parser.current.token else {
            throw ExpressionError(parser.current.span.lowerBound, "unexpected \(parser.describe(parser.current.token))")
        }
        return expression
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    // MARK: tokens

    static let symbols = ["==", "!=", "<=", ">=", "&&", "||", "=~", "<", ">", "!", "+", "-", "?", ":", ".", ",", "(", ")", "[", "]"]

    mutating func tokenize() throws(ExpressionError) {
        var index = 0
        outer: while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x0a || byte == 0x09 || byte == 0x0d { index += 1; continue }
            let start = index
            if isIdentifierStart(byte) {
                while index < bytes.count, isIdentifierStart(bytes[index]) || isDigit(bytes[index]) { index += 1 }
                tokens.append((.identifier(String(decoding: bytes[start..<index], as: UTF8.self)), start..<index))
                continue
            }
            if isDigit(byte) {
                var value = 0
                while index < bytes.count, isDigit(bytes[index]) {
                    let (next, overflow) = value.multipliedReportingOverflow(by: 10)
                    guard !overflow else { throw ExpressionError(start, "number too large") }
                    let (sum, carry) = next.addingReportingOverflow(Int(bytes[index] - 0x30))
                    guard !carry else { throw ExpressionError(start, "number too large") }
                    value = sum
                    index += 1
                }
                tokens.append((.int(value), start..<index))
                continue
            }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                tokens.append((.string(try readString(from: &index, quote: byte)), start..<index))
                continue
            }
            for symbol in Self.symbols where matches(symbol, at: index) {
                index += symbol.utf8.count
                tokens.append((.symbol(symbol), start..<index))
                continue outer
            }
            throw ExpressionError(start, "unexpected character '\(String(decoding: [byte], as: UTF8.self))'")
        }
        tokens.append((.end, bytes.count..<bytes.count))
    }

    func readString(from index: inout Int, quote: UInt8) throws(ExpressionError) -> String {
        let start = index
        index += 1
        var value: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote { index += 1; return String(decoding: value, as: UTF8.self) }
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                let next = bytes[index + 1]
                switch next {
                case UInt8(ascii: "n"): value.append(0x0a)
                case UInt8(ascii: "t"): value.append(0x09)
                case quote, UInt8(ascii: "\\"): value.append(next)
                // Kept as written so that PCRE2 escapes (`\d`, `\.`) survive in `=~` patterns.
                default: value.append(byte); value.append(next)
                }
                index += 2
                continue
            }
            value.append(byte)
            index += 1
        }
        throw ExpressionError(start, "text literal is not closed")
    }

    func matches(_ symbol: String, at index: Int) -> Bool {
        let symbolBytes = Array(symbol.utf8)
        guard index + symbolBytes.count <= bytes.count else { return false }
        return Array(bytes[index..<index + symbolBytes.count]) == symbolBytes
    }

    func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a) || byte == UInt8(ascii: "_")
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    var current: (token: Token, span: Range<Int>) { tokens[position] }

    func describe(_ token: Token) -> String {
        switch token {
        case .identifier(let name): return "'\(name)'"
        case .int(let value): return "number \(value)"
        case .string: return "text literal"
        case .symbol(let symbol): return "'\(symbol)'"
        case .end: return "end of the expression"
        }
    }

    mutating func accept(_ symbol: String) -> Bool {
        if case .symbol(symbol) = current.token { position += 1; return true }
        return false
    }

    mutating func expect(_ symbol: String) throws(ExpressionError) -> Int {
        let span = current.span
        guard accept(symbol) else { throw ExpressionError(span.lowerBound, "expected '\(symbol)', found \(describe(current.token))") }
        return span.upperBound
    }

    // MARK: grammar

    /// Counts one more level of nesting, refusing to go past `maxDepth`; undo with `nesting -= 1`.
    mutating func enterNested() throws(ExpressionError) {
        nesting += 1
        guard nesting <= Self.maxDepth else { throw tooDeep(at: current.span.lowerBound) }
    }

    func tooDeep(at offset: Int) -> ExpressionError {
        ExpressionError(offset, "the expression is nested more than \(Self.maxDepth) levels deep")
    }

    /// A node with children, refused when it makes the tree too deep (long `a.b.c...` or `a + b + ...`
    /// chains deepen the tree without nesting the parser).
    func node(_ kind: Expression.Kind, _ span: Range<Int>) throws(ExpressionError) -> Expression {
        let expression = Expression(kind, span)
        guard expression.depth <= Self.maxDepth else { throw tooDeep(at: span.lowerBound) }
        return expression
    }

    mutating func parseConditional() throws(ExpressionError) -> Expression {
        try enterNested()
        defer { nesting -= 1 }
        let test = try parseBinary(level: 0)
        guard accept("?") else { return test }
        let then = try parseConditional()
        _ = try expect(":")
        let otherwise = try parseConditional()
        return try node(.conditional(test, then, otherwise), test.span.lowerBound..<otherwise.span.upperBound)
    }

    static let levels: [[String]] = [["||"], ["&&"], ["==", "!=", "<", "<=", ">", ">=", "in", "=~"], ["+", "-"]]

    mutating func parseBinary(level: Int) throws(ExpressionError) -> Expression {
        guard level < Self.levels.count else { return try parseUnary() }
        var left = try parseBinary(level: level + 1)
        while true {
            let symbol: String
            switch current.token {
            case .symbol(let text) where Self.levels[level].contains(text): symbol = text
            case .identifier("in") where Self.levels[level].contains("in"): symbol = "in"
            default: return left
            }
            position += 1
            let right = try parseBinary(level: level + 1)
            let op = Expression.BinaryOperator(rawValue: symbol)!
            left = try node(.binary(op, left, right), left.span.lowerBound..<right.span.upperBound)
            // Comparisons do not chain: `a < b < c` is a mistake, not a range test.
            if level == 2, case .symbol(let next) = current.token, Self.levels[2].contains(next) {
                throw ExpressionError(current.span.lowerBound, "comparisons cannot be chained; use && between them")
            }
        }
    }

    mutating func parseUnary() throws(ExpressionError) -> Expression {
        try enterNested()
        defer { nesting -= 1 }
        let start = current.span.lowerBound
        if accept("!") {
            let operand = try parseUnary()
            return try node(.unary(.not, operand), start..<operand.span.upperBound)
        }
        if accept("-") {
            let operand = try parseUnary()
            return try node(.unary(.negate, operand), start..<operand.span.upperBound)
        }
        return try parsePostfix()
    }

    mutating func parsePostfix() throws(ExpressionError) -> Expression {
        var expression = try parsePrimary()
        while true {
            if accept(".") {
                guard case .identifier(let name) = current.token else {
                    throw ExpressionError(current.span.lowerBound, "expected a field or method name after '.'")
                }
                let nameSpan = current.span
                position += 1
                if case .symbol("(") = current.token {
                    expression = try parseMethod(name, receiver: expression, nameSpan: nameSpan)
                } else {
                    expression = try node(.member(expression, name), expression.span.lowerBound..<nameSpan.upperBound)
                }
            } else if accept("[") {
                let index = try parseConditional()
                let end = try expect("]")
                expression = try node(.index(expression, index), expression.span.lowerBound..<end)
            } else {
                return expression
            }
        }
    }

    mutating func parseMethod(_ name: String, receiver: Expression, nameSpan: Range<Int>) throws(ExpressionError) -> Expression {
        _ = try expect("(")
        if let comprehension = Expression.Comprehension(rawValue: name) {
            guard case .identifier(let variable) = current.token else {
                throw ExpressionError(current.span.lowerBound, "\(name)() takes a variable name first: list.\(name)(x, condition)")
            }
            position += 1
            _ = try expect(",")
            let body = try parseConditional()
            let end = try expect(")")
            return try node(.comprehension(comprehension, list: receiver, variable: variable, body: body), receiver.span.lowerBound..<end)
        }
        let (arguments, end) = try parseArguments()
        return try node(.call(name, receiver: receiver, arguments: arguments), receiver.span.lowerBound..<end)
    }

    mutating func parseArguments() throws(ExpressionError) -> ([Expression], Int) {
        var arguments: [Expression] = []
        if case .symbol(")") = current.token { return (arguments, try expect(")")) }
        repeat { arguments.append(try parseConditional()) } while accept(",")
        return (arguments, try expect(")"))
    }

    mutating func parsePrimary() throws(ExpressionError) -> Expression {
        let (token, span) = current
        position += 1
        switch token {
        case .int(let value): return Expression(.literal(.int(value)), span)
        case .string(let value): return Expression(.literal(.string(value)), span)
        case .identifier("true"): return Expression(.literal(.bool(true)), span)
        case .identifier("false"): return Expression(.literal(.bool(false)), span)
        case .identifier("null"): return Expression(.literal(.null), span)
        case .identifier(let name):
            if accept("(") {
                let (arguments, end) = try parseArguments()
                return try node(.call(name, receiver: nil, arguments: arguments), span.lowerBound..<end)
            }
            return Expression(.identifier(name), span)
        case .symbol("("):
            let inner = try parseConditional()
            let end = try expect(")")
            return try node(inner.kind, span.lowerBound..<end)
        case .symbol("["):
            var items: [Expression] = []
            if !accept("]") {
                repeat { items.append(try parseConditional()) } while accept(",")
                _ = try expect("]")
            }
            return try node(.list(items), span.lowerBound..<tokens[position - 1].span.upperBound)
        default:
            throw ExpressionError(span.lowerBound, "expected a value, found \(describe(token))")
        }
    }
}
