import Yams
import PCRE2

/// A log extractor (DESIGN.md "Rules"): a PCRE2 pattern with named groups run over a line's
/// message, the event it emits, and literals that must occur in the line before the pattern runs.
public struct ExtractorRule: Sendable {
    public struct Example: Sendable {
        public let line: String
        /// Fields the event must carry (fire examples); empty for quiet examples.
        public let fields: [(String, String)]
        public let sourceLine: Int?
    }

    public let id: String
    public let event: String
    public let description: String?
    /// Envelope programs the rule applies to (`dhcpd`, `vmnet-dhcpd`); empty means any.
    public let programs: [String]
    /// Any of these literals must occur in the raw line (the fast prefilter).
    public let require: [String]
    public let pattern: Regex
    /// Extra fields from templates over the captures: `interface: "vmnet{hub}"`.
    public let set: [(String, String)]
    public let fireExamples: [Example]
    public let quietExamples: [Example]
    public let file: String
    /// The pattern's named groups in group order and `set` cut into text and captures, worked out
    /// once: sorting the groups and rewriting templates per matching line was a third of `events`.
    private let captureFields: [(name: String, groups: [Int])]
    private let templates: [(name: String, parts: [TemplatePart])]

    enum TemplatePart: Sendable {
        case text(String)
        case capture(groups: [Int])
    }

    init(id: String, event: String, description: String?, programs: [String], require: [String], pattern: Regex,
         set: [(String, String)], fireExamples: [Example], quietExamples: [Example], file: String) {
        self.id = id
        self.event = event
        self.description = description
        self.programs = programs
        self.require = require
        self.pattern = pattern
        self.set = set
        self.fireExamples = fireExamples
        self.quietExamples = quietExamples
        self.file = file
        captureFields = pattern.namedGroupsInOrder
        let groupsByName = Dictionary(captureFields, uniquingKeysWith: { first, _ in first })
        templates = set.map { name, template in
            (name, Self.parts(of: template).map { part in
                switch part {
                case .text(let text): return .text(text)
                case .placeholder(let group): return .capture(groups: groupsByName[group] ?? [])
                }
            })
        }
    }

    static let allowedKeys: Set<String> = ["id", "kind", "event", "description", "programs", "require", "pattern",
                                           "caseless", "set", "examples"]
    static let eventShape = Patterns.compile(#"^[a-z]+(?:\.[a-z]+(?:-[a-z]+)*)+$"#)

    /// Loads and checks one rule file; every problem names the file and the line.
    public static func load(file: String, text: String) throws(RuleError) -> ExtractorRule {
        let document = try YAMLDocument(file: file, text: text)
        let values = try document.ruleHeader(allowed: allowedKeys, kind: "extractor", folder: "extractors")
        let id = values.id
        func required(_ key: String) throws(RuleError) -> Node { try values.required(key) }
        let event = try document.string(try required("event"), "event")
        guard eventShape.matches(event) else {
            throw document.fail(values["event"], "event '\(event)' must look like 'dhcp.ack' (lower-case words joined by dots)")
        }
        let caseless = try values["caseless"].map { node throws(RuleError) in try document.bool(node, "caseless") } ?? false
        let patternNode = try required("pattern")
        let source = try document.string(patternNode, "pattern")
        let pattern: Regex
        do {
            pattern = try Regex(source, options: caseless ? [.caseless] : [])
        } catch {
            throw document.fail(patternNode, "pattern does not compile: \(error.description)")
        }
        guard !pattern.namedGroups.isEmpty || values["set"] != nil else {
            throw document.fail(patternNode, "pattern has no named group: an event needs fields")
        }
        let set = try values["set"].map { node throws(RuleError) in try document.stringMap(node, "set") } ?? []
        for (name, template) in set {
            for group in placeholders(in: template) where pattern.namedGroups[group] == nil {
                throw document.fail(values["set"], "set.\(name) uses {\(group)}, which the pattern does not capture")
            }
        }
        let require = try values["require"].map { node throws(RuleError) in try document.strings(node, "require") } ?? []
        let programs = try values["programs"].map { node throws(RuleError) in try document.strings(node, "programs") } ?? []
        let description = try values["description"].map { node throws(RuleError) in try document.string(node, "description") }
        let (fire, quiet) = try examples(values["examples"], document: document)
        return ExtractorRule(id: id, event: event, description: description, programs: programs, require: require,
                             pattern: pattern, set: set, fireExamples: fire, quietExamples: quiet, file: file)
    }

    static func placeholders(in template: String) -> [String] {
        parts(of: template).compactMap { part in
            if case .placeholder(let name) = part { return name }
            return nil
        }
    }

    enum TemplateText {
        case text(String)
        case placeholder(String)
    }

    /// `vmnet{hub}` as the text `vmnet` and the placeholder `hub`.
    static func parts(of template: String) -> [TemplateText] {
        var parts: [TemplateText] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            parts.append(.placeholder(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        return parts
    }

    static func examples(_ node: Node?, document: YAMLDocument) throws(RuleError) -> ([Example], [Example]) {
        guard let node else { return ([], []) }
        guard case .mapping(let mapping) = node else { throw document.fail(node, "examples must have 'fire' and 'quiet' lists") }
        var fire: [Example] = []
        var quiet: [Example] = []
        for (keyNode, value) in mapping {
            let key = try document.string(keyNode, "examples key")
            guard key == "fire" || key == "quiet" else {
                throw document.fail(keyNode, "unknown key 'examples.\(key)'; expected fire or quiet")
            }
            guard case .sequence(let items) = value else { throw document.fail(value, "examples.\(key) must be a list") }
            for item in items {
                let example: Example
                switch item {
                case .scalar(let scalar):
                    example = Example(line: scalar.string, fields: [], sourceLine: document.line(item))
                case .mapping:
                    guard let line = item["line"]?.string else { throw document.fail(item, "an example needs 'line'") }
                    let fields = try item["fields"].map { node throws(RuleError) in try document.stringMap(node, "fields") } ?? []
                    example = Example(line: line, fields: fields, sourceLine: document.line(item))
                default:
                    throw document.fail(item, "an example is a line of text or {line, fields}")
                }
                if key == "fire" { fire.append(example) } else { quiet.append(example) }
            }
        }
        return (fire, quiet)
    }

    /// The fields of an event when the pattern matches the message, else nil.
    func extract(message: UnsafeRawBufferPointer) throws(PCRE2Error) -> [(name: String, value: String)]? {
        guard let match = try pattern.firstMatch(in: message) else { return nil }
        func captured(_ groups: [Int]) -> String? {
            match.range(firstOf: groups).map { String(decoding: UnsafeRawBufferPointer(rebasing: message[$0]), as: UTF8.self) }
        }
        var fields: [(name: String, value: String)] = []
        fields.reserveCapacity(captureFields.count + templates.count)
        for (name, groups) in captureFields {
            if let value = captured(groups), !value.isEmpty { fields.append((name, value)) }
        }
        for (name, parts) in templates {
            var value = ""
            for part in parts {
                switch part {
                case .text(let text): value += text
                case .capture(let groups): value += captured(groups) ?? ""
                }
            }
            fields.append((name, value))
        }
        return fields
    }
}

extension Node {
    subscript(key: String) -> Node? {
        guard case .mapping(let mapping) = self else { return nil }
        return mapping[Node(key)]
    }
}
