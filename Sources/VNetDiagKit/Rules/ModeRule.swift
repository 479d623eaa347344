import PCRE2
import Yams

/// A mode classifier from `rules/modes/<id>.yaml`: weighted evidence over topology facts.
/// A rule scores the sum of the weights of its evidence items that match at least one fact;
/// negative weights count against the mode (a trap, like LXC's use of Xen's MAC prefix).
public struct ModeRule: Sendable {
    public struct Evidence: Sendable {
        public let fact: String
        /// Matched against the fact's subject; nil matches any subject.
        public let subject: Regex?
        public let weight: Int
        public let why: LocalizedText

        public func matches(_ fact: TopologyFact) -> Bool {
            fact.kind == self.fact && (subject?.matches(fact.subject) ?? true)
        }
    }

    public let id: String
    public let hypervisor: String
    public let mode: String
    public let title: LocalizedText
    public let evidence: [Evidence]
    public let file: String

    static let allowedKeys: Set<String> = ["id", "kind", "hypervisor", "mode", "title", "description", "evidence"]
    static let evidenceKeys: Set<String> = ["fact", "subject", "weight", "why"]

    public static func load(file: String, text: String) throws(RuleError) -> ModeRule {
        let document = try YAMLDocument(file: file, text: text)
        let values = try document.ruleHeader(allowed: allowedKeys, kind: "mode", folder: "modes")
        let id = values.id
        func required(_ key: String) throws(RuleError) -> Node { try values.required(key) }
        let hypervisor = try document.string(try required("hypervisor"), "hypervisor")
        let mode = try document.string(try required("mode"), "mode")
        guard id == "\(hypervisor).\(mode)" else {
            throw document.fail(values["id"], "id must be '<hypervisor>.<mode>' ('\(hypervisor).\(mode)')")
        }
        let title = try localized(try required("title"), "title", document)
        let evidenceNode = try required("evidence")
        guard case .sequence(let items) = evidenceNode, !items.isEmpty else {
            throw document.fail(evidenceNode, "evidence must be a non-empty list")
        }
        var evidence: [Evidence] = []
        for item in items { evidence.append(try loadEvidence(item, document)) }
        return ModeRule(id: id, hypervisor: hypervisor, mode: mode, title: title, evidence: evidence, file: file)
    }

    static func loadEvidence(_ node: Node, _ document: YAMLDocument) throws(RuleError) -> Evidence {
        var values: [String: Node] = [:]
        for pair in try document.mapping(node, allowed: evidenceKeys, what: "an evidence item") { values[pair.key] = pair.value }
        guard let factNode = values["fact"] else { throw document.fail(node, "evidence item without 'fact'") }
        let fact = try document.string(factNode, "fact")
        guard TopologyFact.kinds[fact] != nil else {
            throw document.fail(factNode, "unknown fact '\(fact)'; expected one of: \(TopologyFact.kinds.keys.sorted().joined(separator: ", "))")
        }
        guard let weightNode = values["weight"], let weight = Int(try document.string(weightNode, "weight")), weight != 0 else {
            throw document.fail(values["weight"] ?? node, "weight must be a whole number other than 0")
        }
        var subject: Regex? = nil
        if let subjectNode = values["subject"] {
            let source = try document.string(subjectNode, "subject")
            do {
                subject = try Regex(source)
            } catch {
                throw document.fail(subjectNode, "subject does not compile: \(error.description)")
            }
        }
        guard let whyNode = values["why"] else { throw document.fail(node, "evidence item without 'why' (en and es)") }
        return Evidence(fact: fact, subject: subject, weight: weight,
                        why: try localized(whyNode, "why", document))
    }

    static func localized(_ node: Node, _ what: String, _ document: YAMLDocument) throws(RuleError) -> LocalizedText {
        var values: [String: String] = [:]
        for pair in try document.mapping(node, allowed: ["en", "es"], what: what) {
            values[pair.key] = try document.string(pair.value, "\(what).\(pair.key)")
        }
        guard let en = values["en"], let es = values["es"] else { throw document.fail(node, "\(what) needs both 'en' and 'es'") }
        return LocalizedText(en: en, es: es)
    }
}
