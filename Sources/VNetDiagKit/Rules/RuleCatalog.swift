import Foundation

/// The rule files vnetdiag uses: the set built into the binary (a copy of `rules/`, so the binary
/// works from any folder), then each `--rules DIR` in order; a later rule with an id that exists
/// replaces it, two rules with one id in the same place are an error.
public struct RuleCatalog: Sendable {
    public private(set) var extractors: [ExtractorRule] = []
    public private(set) var modes: [ModeRule] = []
    public internal(set) var checks: [CheckRule] = []

    public init() {}

    /// The kinds of rule, by the folder their files sit in.
    public enum Kind: String, Sendable, CaseIterable {
        case extractors, modes, checks

        /// The kind a rule file's folder gives it (`…/checks/x.yaml`), nil outside the three folders.
        /// The first of the folders named, in this order, decides.
        static func of(path: String) -> Kind? {
            allCases.first { path.contains("/\($0.rawValue)/") }
        }
    }

    /// The built-in rules plus the given folders; the first broken file is the error. `kinds`
    /// leaves the other files unread: `events` needs only extractors, and compiling every check's
    /// conditions was a sixth of its time on a 50 MB log.
    public static func load(extraFolders: [String] = [], kinds: Set<Kind> = Set(Kind.allCases)) throws(RuleError) -> RuleCatalog {
        let (catalog, errors) = loadCollectingErrors(extraFolders: extraFolders, kinds: kinds)
        if let first = errors.first { throw first }
        return catalog
    }

    /// Every rule that loads, and the error of every file (or folder) that does not (`rules lint`).
    public static func loadCollectingErrors(extraFolders: [String] = [], kinds: Set<Kind> = Set(Kind.allCases))
        -> (RuleCatalog, [RuleError]) {
        var catalog = RuleCatalog()
        var errors = catalog.addCollectingErrors(files: embeddedFiles, kinds: kinds)
        for folder in extraFolders {
            do throws(RuleError) {
                errors += catalog.addCollectingErrors(files: try files(in: folder), kinds: kinds)
            } catch {
                errors.append(error)
            }
        }
        return (catalog, errors)
    }

    /// The rule files compiled into the binary, named as under the project's `rules/`.
    public static var embeddedFiles: [(path: String, text: String)] {
        EmbeddedRules.files.map { ("rules/" + $0.path, $0.text) }
    }

    /// Adds rule files: `extractors/` holds extractors, `modes/` mode classifiers, `checks/` checks.
    /// Stops at the first broken file.
    public mutating func add(files: [(path: String, text: String)]) throws(RuleError) {
        if let first = addCollectingErrors(files: files).first { throw first }
    }

    /// Adds every file of the given kinds that loads and returns the errors of those that do not
    /// (for `rules lint`). A file outside the kind folders is an error whatever `kinds` holds.
    public mutating func addCollectingErrors(files: [(path: String, text: String)],
                                             kinds: Set<Kind> = Set(Kind.allCases)) -> [RuleError] {
        var added: [String: String] = [:]
        var errors: [RuleError] = []
        for (path, text) in files {
            do throws(RuleError) {
                switch Kind.of(path: path) {
                case let kind? where !kinds.contains(kind):
                    continue
                case .extractors?:
                    let rule = try ExtractorRule.load(file: path, text: text)
                    try Self.merge(rule, id: rule.id, path: path, into: &extractors, added: &added)
                case .modes?:
                    let rule = try ModeRule.load(file: path, text: text)
                    try Self.merge(rule, id: rule.id, path: path, into: &modes, added: &added)
                case .checks?:
                    let rule = try CheckRule.load(file: path, text: text)
                    try Self.merge(rule, id: rule.id, path: path, into: &checks, added: &added)
                case nil:
                    guard !path.contains("/profiles/") else { continue }
                    throw RuleError(file: path, line: nil, message: "a rule file must sit under extractors/, modes/ or checks/ (its kind)")
                }
            } catch {
                // A clash of ids is found after the file loaded: point at its `id:` line.
                let line = error.line ?? (error.message.contains("is also used by") ? Self.line(ofKey: "id", in: text) : nil)
                errors.append(RuleError(file: error.file, line: line, message: error.message))
            }
        }
        return errors
    }

    static func line(ofKey key: String, in text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(key + ":") }.map { $0 + 1 }
    }

    /// The YAML files of a rules folder, sorted by path.
    public static func files(in folder: String) throws(RuleError) -> [(path: String, text: String)] {
        let root = URL(fileURLWithPath: folder)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue,
              let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw RuleError(file: folder, line: nil, message: "cannot list the rules folder")
        }
        var files: [(String, String)] = []
        for case let url as URL in enumerator where url.pathExtension == "yaml" || url.pathExtension == "yml" {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw RuleError(file: url.path, line: nil, message: "cannot read the rule file")
            }
            files.append((url.path, text))
        }
        return files.sorted { $0.0 < $1.0 }
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
extension CheckRule: CatalogRule {}
