import Yams

/// Reading rule files with Yams' node API, which keeps line numbers for error messages.
struct YAMLDocument {
    let file: String
    let root: Node

    init(file: String, text: String) throws(RuleError) {
        self.file = file
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw RuleError(file: file, line: nil, message: "the file is empty")
            }
            var budget = Self.maxNodes
            Self.nodeCount(node, budget: &budget)
            guard budget > 0 else {
                throw RuleError(file: file, line: nil,
                                message: "the file expands to more than \(Self.maxNodes) YAML nodes (aliases repeated inside aliases?)")
            }
            root = node
        } catch let error as RuleError {
            throw error
        } catch let error as YamlError {
            throw RuleError(file: file, line: YAMLDocument.line(of: error), message: "not valid YAML: \(YAMLDocument.problem(of: error))")
        } catch {
            throw RuleError(file: file, line: nil, message: "not valid YAML: \(error)")
        }
    }

    /// No rule needs this many nodes; aliases can make a short file expand past any memory
    /// (`a: &a [x, x]`, `b: &b [*a, *a]`, ...), so the count stops there.
    static let maxNodes = 100_000

    private static func nodeCount(_ node: Node, budget: inout Int) {
        budget -= 1
        guard budget > 0 else { return }
        switch node {
        case .scalar, .alias: return
        case .sequence(let sequence):
            for child in sequence where budget > 0 { nodeCount(child, budget: &budget) }
        case .mapping(let mapping):
            for (key, value) in mapping where budget > 0 {
                nodeCount(key, budget: &budget)
                nodeCount(value, budget: &budget)
            }
        }
    }

    /// libyaml's problem and context on one line, without the echoed source line and caret.
    static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            return context.map { "\(problem) (\($0.text))" } ?? problem
        default:
            return "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
        }
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    func line(_ node: Node) -> Int? { node.mark.map { $0.line } }

    func fail(_ node: Node?, _ message: String) -> RuleError {
        RuleError(file: file, line: node.flatMap(line), message: message)
    }

    /// The root mapping, refusing keys outside `allowed`.
    func mapping(allowed: Set<String>) throws(RuleError) -> [(key: String, keyNode: Node, value: Node)] {
        try mapping(root, allowed: allowed, what: "the top")
    }

    /// A mapping anywhere in the file, refusing keys outside `allowed`.
    func mapping(_ node: Node, allowed: Set<String>?, what: String) throws(RuleError) -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else { throw fail(node, "expected a mapping of keys at \(what)") }
        var pairs: [(String, Node, Node)] = []
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { throw fail(keyNode, "expected a text key") }
            if let allowed, !allowed.contains(key) {
                throw fail(keyNode, "unknown key '\(key)'; expected one of: \(allowed.sorted().joined(separator: ", "))")
            }
            guard seen.insert(key).inserted else { throw fail(keyNode, "key '\(key)' appears twice") }
            pairs.append((key, keyNode, value))
        }
        return pairs
    }

    func string(_ node: Node, _ what: String) throws(RuleError) -> String {
        guard case .scalar(let scalar) = node else { throw fail(node, "\(what) must be text") }
        return scalar.string
    }

    func bool(_ node: Node, _ what: String) throws(RuleError) -> Bool {
        guard case .scalar(let scalar) = node, let value = Bool(scalar.string.lowercased()) else {
            throw fail(node, "\(what) must be true or false")
        }
        return value
    }

    /// A string or a list of strings.
    func strings(_ node: Node, _ what: String) throws(RuleError) -> [String] {
        switch node {
        case .scalar(let scalar): return [scalar.string]
        case .sequence(let sequence):
            var values: [String] = []
            for item in sequence { values.append(try string(item, what)) }
            return values
        default: throw fail(node, "\(what) must be text or a list of text")
        }
    }

    func stringMap(_ node: Node, _ what: String) throws(RuleError) -> [(String, String)] {
        guard case .mapping(let mapping) = node else { throw fail(node, "\(what) must be a mapping") }
        var pairs: [(String, String)] = []
        for (key, value) in mapping {
            pairs.append((try string(key, what + " key"), try string(value, what + " value")))
        }
        return pairs
    }

    /// The top-level keys of a rule file, checked: only `allowed` keys, an `id` equal to the file
    /// name, and `kind` (when given) equal to the folder's kind.
    func ruleHeader(allowed: Set<String>, kind: String, folder: String) throws(RuleError) -> RuleHeader {
        var values: [String: Node] = [:]
        for pair in try mapping(allowed: allowed) { values[pair.key] = pair.value }
        let header = RuleHeader(document: self, values: values)
        let id = try string(try header.required("id"), "id")
        let baseName = String(file.split(separator: "/").last ?? "").replacingOccurrences(of: ".yaml", with: "")
        if !baseName.isEmpty, baseName != id {
            throw fail(values["id"], "id '\(id)' must equal the file name '\(baseName)'")
        }
        if let kindNode = values["kind"], try string(kindNode, "kind") != kind {
            throw fail(kindNode, "kind must be '\(kind)' for a rule under \(folder)/")
        }
        return header
    }
}

/// A rule file's top-level values by key.
struct RuleHeader {
    let document: YAMLDocument
    let values: [String: Node]

    subscript(key: String) -> Node? { values[key] }

    func required(_ key: String) throws(RuleError) -> Node {
        guard let node = values[key] else { throw document.fail(document.root, "missing key '\(key)'") }
        return node
    }

    var id: String { values["id"]?.string ?? "" }
}
