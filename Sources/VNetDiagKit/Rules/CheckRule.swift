import Yams

public enum Severity: String, Sendable, Comparable, CaseIterable {
    case info, warning, error

    var rank: Int { Severity.allCases.firstIndex(of: self)! }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A check from `rules/checks/<id>.yaml`: where it applies, what it needs, the condition that
/// makes it fail, and what to tell the student (DESIGN.md "Rules").
public struct CheckRule: Sendable {
    public struct Scope: Sendable {
        public var hypervisors: [String] = []
        /// Mode ids or `hypervisor.*`; empty = every mode.
        public var modes: [String] = []
        public var exceptModes: [String] = []
        /// Evaluated once per machine with this role (`any`: every machine); nil = once for the whole input.
        public var role: String?
    }

    public let id: String
    public let file: String
    public let catalogue: [String]
    public var severity: Severity
    public var enabled: Bool
    /// Why a course or site waived the check (`.vnetdiag.yaml`), if it did.
    public var waiver: String?
    public let title: LocalizedText
    public let explanation: LocalizedText
    public let fix: LocalizedText
    public let references: [String]
    public let points: Int
    public let scope: Scope
    public let requires: [String]
    public let each: CompiledExpression?
    public let lets: [(name: String, expression: CompiledExpression)]
    public let fail: CompiledExpression
    /// Expressions whose objects' lines are quoted when the check fails (besides `item`'s own).
    public let evidence: [CompiledExpression]
    public let message: (en: MessageTemplate, es: MessageTemplate)
    public let examples: [CheckExample]

    /// Names that stay fixed while the rule runs on one machine: the globals, `machine`, and the
    /// `let`s built only from them (not from `item`). What depends only on these is computed once.
    public var invariantNames: Set<String> {
        var names = Set(CheckSchema.globals.keys)
        if scope.role != nil { names.insert("machine") }
        for (name, expression) in lets where expression.freeVariables.root.isSubset(of: names) { names.insert(name) }
        return names
    }

    static let allowedKeys: Set<String> = ["id", "kind", "title", "catalogue", "severity", "enabled", "scope", "requires", "each",
                                           "let", "fail", "evidence", "message", "explanation", "fix", "references", "points", "examples"]

    /// The names a rule's expressions can read, in the order they are bound.
    static func scope(role: String?, each: ValueType?, lets: [(String, ValueType)]) -> [String: ValueType] {
        var names = CheckSchema.globals
        if role != nil { names["machine"] = .object("Machine") }
        if let each { names["item"] = each }
        for (name, type) in lets { names[name] = type }
        return names
    }

    public static func load(file: String, text: String) throws(RuleError) -> CheckRule {
        let document = try YAMLDocument(file: file, text: text)
        let values = try document.ruleHeader(allowed: allowedKeys, kind: "check", folder: "checks")
        func required(_ key: String) throws(RuleError) -> Node { try values.required(key) }
        func localized(_ key: String) throws(RuleError) -> LocalizedText { try ModeRule.localized(try required(key), key, document) }

        let severityNode = try required("severity")
        guard let severity = Severity(rawValue: try document.string(severityNode, "severity")) else {
            throw document.fail(severityNode, "severity must be one of: info, warning, error")
        }
        let scope = try loadScope(values["scope"], document)
        var requires: [String] = []
        if let node = values["requires"] {
            requires = try document.strings(node, "requires")
            if let unknown = requires.first(where: { !CheckSchema.inputs.contains($0) }) {
                throw document.fail(node, "unknown input '\(unknown)' in requires; expected some of: \(CheckSchema.inputs.sorted().joined(separator: ", "))")
            }
        }
        var names = Self.scope(role: scope.role, each: nil, lets: [])
        var each: CompiledExpression? = nil
        if let node = values["each"] {
            let compiled = try document.expression(node, "each", scope: names)
            guard case .list(let element) = compiled.type else { throw document.fail(node, "each must be a list expression, this one is \(compiled.type)") }
            names["item"] = element
            each = compiled
        }
        var lets: [(String, CompiledExpression)] = []
        if let node = values["let"] {
            for pair in try document.mapping(node, allowed: nil, what: "let") {
                guard names[pair.key] == nil else { throw document.fail(pair.keyNode, "let '\(pair.key)' hides a name already in scope") }
                let compiled = try document.expression(pair.value, "let \(pair.key)", scope: names)
                names[pair.key] = compiled.type
                lets.append((pair.key, compiled))
            }
        }
        let fail = try document.expression(try required("fail"), "fail", scope: names, expecting: .bool)
        var evidence: [CompiledExpression] = []
        switch values["evidence"] {
        case .sequence(let items)?:
            for item in items { evidence.append(try document.expression(item, "evidence", scope: names)) }
        case let node?: evidence = [try document.expression(node, "evidence", scope: names)]
        case nil: break
        }
        let messageNode = try required("message")
        let message = try localized("message")
        let templates = (en: try document.template(message.en, node: messageNode, scope: names),
                         es: try document.template(message.es, node: messageNode, scope: names))
        var points = 0
        if let node = values["points"] {
            guard let value = Int(try document.string(node, "points")), value >= 0 else { throw document.fail(node, "points must be a whole number ≥ 0") }
            points = value
        }
        let examples = try CheckExample.load(values["examples"], document)
        guard examples.contains(where: \.fires), examples.contains(where: { !$0.fires }) else {
            throw document.fail(values["examples"] ?? document.root, "a check needs at least one example that fires and one that does not")
        }
        return CheckRule(
            id: values.id, file: file, catalogue: try values["catalogue"].map { (node) throws(RuleError) in try document.strings(node, "catalogue") } ?? [],
            severity: severity, enabled: try values["enabled"].map { (node) throws(RuleError) in try document.bool(node, "enabled") } ?? true,
            title: try localized("title"), explanation: try localized("explanation"), fix: try localized("fix"),
            references: try values["references"].map { (node) throws(RuleError) in try document.strings(node, "references") } ?? [],
            points: points, scope: scope, requires: requires, each: each, lets: lets, fail: fail, evidence: evidence,
            message: templates, examples: examples)
    }

    static func loadScope(_ node: Node?, _ document: YAMLDocument) throws(RuleError) -> Scope {
        var scope = Scope()
        guard let node else { return scope }
        for pair in try document.mapping(node, allowed: ["hypervisor", "mode", "exceptMode", "role"], what: "scope") {
            switch pair.key {
            case "hypervisor": scope.hypervisors = try document.strings(pair.value, "scope.hypervisor")
            case "mode": scope.modes = try document.strings(pair.value, "scope.mode")
            case "exceptMode": scope.exceptModes = try document.strings(pair.value, "scope.exceptMode")
            default:
                let role = try document.string(pair.value, "scope.role")
                guard ["host", "guest", "observer", "any"].contains(role) else {
                    throw document.fail(pair.value, "scope.role must be host, guest, observer or any")
                }
                scope.role = role
            }
        }
        return scope
    }
}

/// A message with `{{expression}}` placeholders, each type-checked when the rule loads.
public struct MessageTemplate: Sendable {
    public enum Part: Sendable {
        case text(String)
        case value(CompiledExpression)
    }

    public let parts: [Part]
}
