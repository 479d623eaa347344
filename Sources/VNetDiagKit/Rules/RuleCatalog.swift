import Foundation

/// The rule files vnetdiag uses: the set built into the binary (a copy of `rules/`, so the binary
/// works from any folder), then each `--rules DIR` in order; a later rule with an id that exists
/// replaces it, two rules with one id in the same place are an error.
public struct RuleCatalog: Sendable {
    public private(set) var extractors: [ExtractorRule] = []
    public private(set) var modes: [ModeRule] = []

    public init() {}

    /// The built-in rules plus the given folders.
    public static func load(extraFolders: [String] = []) throws(RuleError) -> RuleCatalog {
        var catalog = RuleCatalog()
        try catalog.add(files: EmbeddedRules.files.map { ("rules/" + $0.path, $0.text) })
        for folder in extraFolders { try catalog.add(folder: folder) }
        return catalog
    }

    public mutating func add(folder: String) throws(RuleError) {
        let root = URL(fileURLWithPath: folder)
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw RuleError(file: folder, line: nil, message: "cannot list the rules folder")
        }
        var files: [(String, String)] = []
        for case let url as URL in enumerator where url.pathExtension == "yaml" || url.pathExtension == "yml" {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw RuleError(file: url.path, line: nil, message: "cannot read the rule file")
            }
            files.append((url.path, text))
        }
        try add(files: files.sorted { $0.0 < $1.0 })
    }

    /// Adds rule files: `extractors/` holds extractors, `modes/` mode classifiers.
    public mutating func add(files: [(path: String, text: String)]) throws(RuleError) {
        var added: [String: String] = [:]
        for (path, text) in files {
            if path.contains("/extractors/") {
                let rule = try ExtractorRule.load(file: path, text: text)
                try Self.merge(rule, id: rule.id, path: path, into: &extractors, added: &added)
            } else if path.contains("/modes/") {
                let rule = try ModeRule.load(file: path, text: text)
                try Self.merge(rule, id: rule.id, path: path, into: &modes, added: &added)
            }
        }
    }

    /// A rule replaces the one with its id from an earlier place; two in one place are an error.
    static func merge<Rule: CatalogRule>(_ rule: Rule, id: String, path: String, into rules: inout [Rule],
                                         added: inout [String: String]) throws(RuleError) {
        if let earlier = added[id] {
            throw RuleError(file: path, line: nil, message: "rule id '\(id)' is also used by \(earlier)")
        }
        added[id] = path
        if let index = rules.firstIndex(where: { $0.id == id }) {
            rules[index] = rule
        } else {
            rules.append(rule)
        }
    }
}

/// What every kind of rule file has: an id equal to its file name.
public protocol CatalogRule: Sendable {
    var id: String { get }
}

extension ExtractorRule: CatalogRule {}
extension ModeRule: CatalogRule {}
