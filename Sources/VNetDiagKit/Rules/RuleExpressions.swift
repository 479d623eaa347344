import Yams

/// Conditions and message placeholders inside rule files, with errors on the rule file's line.
extension YAMLDocument {
    func expression(_ node: Node, _ what: String, scope: [String: ValueType], expecting: ValueType? = nil) throws(RuleError) -> CompiledExpression {
        let source = try string(node, what)
        do {
            return try ExpressionChecker.compile(source, scope: scope, expecting: expecting)
        } catch {
            throw expressionFailure(error, source: source, node: node, what: what)
        }
    }

    /// The line of the offending character: the node's line plus the line breaks before it
    /// (a block scalar's text starts on the line after its `|`).
    func expressionFailure(_ error: ExpressionError, source: String, node: Node, what: String) -> RuleError {
        let bytes = Array(source.utf8)
        let offset = min(max(error.offset, 0), bytes.count)
        let breaks = bytes[..<offset].filter { $0 == 0x0a }.count
        var firstLine = line(node) ?? 0
        if case .scalar(let scalar) = node, scalar.style == .literal || scalar.style == .folded { firstLine += 1 }
        let lineStart = bytes[..<offset].lastIndex(of: 0x0a).map { $0 + 1 } ?? 0
        let lineEnd = bytes[offset...].firstIndex(of: 0x0a) ?? bytes.count
        let excerpt = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        return RuleError(file: file, line: firstLine + breaks, message: "\(what): \(error.message) (in `\(excerpt)`, column \(offset - lineStart + 1))")
    }

    func template(_ text: String, node: Node, scope: [String: ValueType]) throws(RuleError) -> MessageTemplate {
        var parts: [MessageTemplate.Part] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            parts.append(.text(String(rest[..<open.lowerBound])))
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw fail(node, "message: '{{' without '}}'")
            }
            let source = String(rest[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespaces)
            do {
                parts.append(.value(try ExpressionChecker.compile(source, scope: scope)))
            } catch {
                throw fail(node, "message placeholder {{\(source)}} is not bound by the rule: \(error.message)")
            }
            rest = rest[close.upperBound...]
        }
        parts.append(.text(String(rest)))
        return MessageTemplate(parts: parts)
    }
}
