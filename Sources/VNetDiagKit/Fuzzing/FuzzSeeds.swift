/// Seed inputs that only the library can make from the project's files (scripts/fuzz copies the
/// plain ones itself).
public enum FuzzSeeds {
    /// A `parsers` input that forces `format` on `text` (the first byte picks the parser); without
    /// a format, or with one no parser reads, the format of the text's first recognised section.
    public static func parserInput(format: String?, text: [UInt8]) -> [UInt8] {
        let names = ParserRegistry.formatNames
        let sniffed = FuzzTargets.sniffer.sniff(PromptSplitter.split(FuzzTargets.document(text))).map(\.format)
        let wanted = [format.map { FormatName(rawValue: $0) }].compactMap { $0 } + sniffed
        let index = wanted.lazy.compactMap { names.firstIndex(of: $0) }.first ?? 0
        return [UInt8(index)] + text
    }

    /// `expressions` inputs: the conditions of the check rules, rewritten to stand alone in the
    /// target's scope (`let` names replaced by their definitions, `item` bound by its `each:`).
    public static func expressions(fromCheckRules files: [(path: String, text: String)]) -> [String] {
        var seeds: [String] = []
        for (path, text) in files {
            guard let rule = try? CheckRule.load(file: path, text: text) else { continue }
            var definitions: [String: String] = [:]
            for (name, expression) in rule.lets {
                definitions[name] = inline(expression.source, definitions)
            }
            let each = rule.each.map { inline($0.source, definitions) }
            func standalone(_ source: String, _ comprehension: String) -> String {
                let body = inline(source, definitions)
                guard let each, (try? ExpressionParser.parse(body)).map({ FreeVariables($0).root.contains("item") }) == true else { return body }
                return "(\(each)).\(comprehension)(item, \(body))"
            }
            seeds += [each].compactMap { $0 } + definitions.values.sorted().map { standalone($0, "map") }
            seeds.append(standalone(rule.fail.source, "exists"))
            seeds += rule.evidence.map { standalone($0.source, "map") }
            for template in [rule.message.en, rule.message.es] {
                for case .value(let placeholder) in template.parts { seeds.append(standalone(placeholder.source, "map")) }
            }
        }
        var seen: Set<String> = []
        return seeds.filter { seen.insert($0).inserted }
    }

    /// `source` with every free name that is a `let` replaced by its definition in parentheses.
    static func inline(_ source: String, _ definitions: [String: String]) -> String {
        guard !definitions.isEmpty, let root = try? ExpressionParser.parse(source) else { return source }
        var spans: [(Range<Int>, String)] = []
        func walk(_ expression: Expression, bound: Set<String>) {
            switch expression.kind {
            case .identifier(let name) where !bound.contains(name):
                if let definition = definitions[name] { spans.append((expression.span, "(\(definition))")) }
            case .comprehension(_, let list, let variable, let body):
                walk(list, bound: bound)
                walk(body, bound: bound.union([variable]))
            default:
                for child in expression.children { walk(child, bound: bound) }
            }
        }
        walk(root, bound: [])
        var bytes = Array(source.utf8)
        for (span, replacement) in spans.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
            bytes.replaceSubrange(span, with: replacement.utf8)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
