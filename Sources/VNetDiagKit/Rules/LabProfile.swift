import PCRE2
import Yams

/// A lab as a teacher grades it (`rules/profiles/<mode-id>.yaml`): the mode expected, the
/// addresses, subnets and gateways expected, which checks count and for how many points.
public struct LabProfile: Sendable {
    /// One expected fact: a gateway, address or subnet on a machine of some role.
    public struct Expectation: Sendable {
        public enum Kind: String, Sendable, CaseIterable { case gateway, address, subnet }
        public enum Match: Sendable {
            case exact(String)
            case pattern(Regex)
        }

        public let id: String
        public let kind: Kind
        public let role: String
        public let match: Match
        public let points: Int
        public let title: LocalizedText
    }

    public struct GradedCheck: Sendable {
        public let rule: String
        public let points: Int
    }

    public let id: String
    public let file: String
    public let title: LocalizedText
    public let description: LocalizedText?
    public let mode: String
    public let modePoints: Int
    public let expectations: [Expectation]
    public let checks: [GradedCheck]
    public let total: Int

    static let allowedKeys: Set<String> = ["id", "kind", "title", "description", "mode", "expect", "checks", "total"]

    /// Loads and validates a profile against the rules it names: an unknown mode or check, a total
    /// that is not the sum of the points, a pattern that does not compile are errors with the line.
    public static func load(file: String, text: String, catalog: RuleCatalog) throws(RuleError) -> LabProfile {
        let document = try YAMLDocument(file: file, text: text)
        let values = try document.ruleHeader(allowed: allowedKeys, kind: "profile", folder: "profiles")
        func required(_ key: String) throws(RuleError) -> Node { try values.required(key) }
        let title = try ModeRule.localized(try required("title"), "title", document)
        let description = try values["description"].map { (node) throws(RuleError) in try ModeRule.localized(node, "description", document) }

        var mode = "", modePoints = 0
        let modeNode = try required("mode")
        for pair in try document.mapping(modeNode, allowed: ["id", "points"], what: "mode") {
            if pair.key == "id" { mode = try document.string(pair.value, "mode.id") } else { modePoints = try points(pair.value, document) }
        }
        guard catalog.modes.contains(where: { $0.id == mode }) else {
            throw document.fail(modeNode, "mode.id '\(mode)' is not a mode; expected one of: \(catalog.modes.map(\.id).joined(separator: ", "))")
        }

        var expectations: [Expectation] = []
        if let node = values["expect"] {
            guard case .sequence(let items) = node else { throw document.fail(node, "expect must be a list") }
            for item in items { expectations.append(try expectation(item, document)) }
        }
        var checks: [GradedCheck] = []
        let checksNode = try required("checks")
        guard case .sequence(let items) = checksNode else { throw document.fail(checksNode, "checks must be a list of {rule, points}") }
        for item in items {
            var rule = "", rulePoints = 0
            for pair in try document.mapping(item, allowed: ["rule", "points"], what: "a graded check") {
                if pair.key == "rule" { rule = try document.string(pair.value, "rule") } else { rulePoints = try points(pair.value, document) }
            }
            guard catalog.checks.contains(where: { $0.id == rule }) else {
                throw document.fail(item, "unknown check '\(rule)' (see `vnetdiag rules list`)")
            }
            guard !checks.contains(where: { $0.rule == rule }) else { throw document.fail(item, "check '\(rule)' is listed twice") }
            checks.append(GradedCheck(rule: rule, points: rulePoints))
        }
        let sum = modePoints + expectations.reduce(0) { $0 + $1.points } + checks.reduce(0) { $0 + $1.points }
        let totalNode = try required("total")
        let total = try points(totalNode, document)
        guard total == sum else {
            throw document.fail(totalNode, "total \(total) is not the sum of the points (mode \(modePoints) + expect + checks = \(sum))")
        }
        return LabProfile(id: values.id, file: file, title: title, description: description, mode: mode, modePoints: modePoints,
                          expectations: expectations, checks: checks, total: total)
    }

    static func points(_ node: Node, _ document: YAMLDocument) throws(RuleError) -> Int {
        guard let value = Int(try document.string(node, "points")), value >= 0 else { throw document.fail(node, "points must be a whole number ≥ 0") }
        return value
    }

    static func expectation(_ node: Node, _ document: YAMLDocument) throws(RuleError) -> Expectation {
        var values: [String: Node] = [:]
        for pair in try document.mapping(node, allowed: ["id", "what", "role", "value", "pattern", "points", "title"], what: "an expectation") {
            values[pair.key] = pair.value
        }
        guard let idNode = values["id"], let whatNode = values["what"], let titleNode = values["title"] else {
            throw document.fail(node, "an expectation needs id, what (gateway, address or subnet), title and value or pattern")
        }
        guard let kind = Expectation.Kind(rawValue: try document.string(whatNode, "what")) else {
            throw document.fail(whatNode, "what must be one of: gateway, address, subnet")
        }
        let role = try values["role"].map { (node) throws(RuleError) in try document.string(node, "role") } ?? "guest"
        guard ["host", "guest", "any"].contains(role) else { throw document.fail(values["role"], "role must be host, guest or any") }
        let match: Expectation.Match
        switch (values["value"], values["pattern"]) {
        case (let value?, nil):
            let text = try document.string(value, "value")
            let valid = kind == .subnet ? IPv4Network(text).map { $0.description == text } == true : IPv4Address(text) != nil
            guard valid else { throw document.fail(value, "value '\(text)' is not \(kind == .subnet ? "a network like 10.0.0.0/24" : "an IPv4 address")") }
            match = .exact(text)
        case (nil, let pattern?):
            do {
                match = .pattern(try Regex(try document.string(pattern, "pattern")))
            } catch let error as PCRE2Error {
                throw document.fail(pattern, "pattern does not compile: \(error.description)")
            } catch {
                throw document.fail(pattern, "pattern does not compile: \(error)")
            }
        default:
            throw document.fail(node, "an expectation has either value (exact) or pattern (PCRE2), not both or neither")
        }
        return Expectation(id: try document.string(idNode, "id"), kind: kind, role: role, match: match,
                           points: try values["points"].map { (node) throws(RuleError) in try points(node, document) } ?? 0,
                           title: try ModeRule.localized(titleNode, "title", document))
    }
}

extension RuleCatalog {
    /// A profile by path, or by id among the built-in ones (`xen.route`).
    public func profile(_ pathOrID: String, readFile: (String) -> String?) throws(RuleError) -> LabProfile {
        if let text = readFile(pathOrID) { return try LabProfile.load(file: pathOrID, text: text, catalog: self) }
        if let embedded = Self.embeddedFiles.first(where: { $0.path == "rules/profiles/\(pathOrID).yaml" }) {
            return try LabProfile.load(file: embedded.path, text: embedded.text, catalog: self)
        }
        let known = Self.embeddedFiles.filter { $0.path.hasPrefix("rules/profiles/") }
            .map { String($0.path.dropFirst("rules/profiles/".count).dropLast(".yaml".count)) }
        throw RuleError(file: pathOrID, line: nil, message: "no such profile file, and not a built-in profile (\(known.joined(separator: ", ")))")
    }
}
