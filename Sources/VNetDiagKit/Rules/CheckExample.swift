import Yams

/// One of a check's examples, which are its tests: inline files (path → text; the first folder
/// names the machine) or a Fixtures folder, whether the check must fail on them, and optionally
/// the mode to assume when a few lines cannot name it alone.
public struct CheckExample: Sendable {
    public let name: String
    public let fires: Bool
    public let mode: String?
    public let files: [(path: String, text: String)]
    public let fixture: String?
    public let line: Int?

    static let allowedKeys: Set<String> = ["name", "fires", "mode", "files", "fixture"]

    static func load(_ node: Node?, _ document: YAMLDocument) throws(RuleError) -> [CheckExample] {
        guard let node else { throw document.fail(document.root, "missing key 'examples' (at least one that fires and one that does not)") }
        guard case .sequence(let items) = node else { throw document.fail(node, "examples must be a list") }
        var examples: [CheckExample] = []
        for item in items {
            var values: [String: Node] = [:]
            for pair in try document.mapping(item, allowed: allowedKeys, what: "an example") { values[pair.key] = pair.value }
            guard let firesNode = values["fires"] else { throw document.fail(item, "example without 'fires: true|false'") }
            let name = try values["name"].map { (node) throws(RuleError) in try document.string(node, "name") } ?? "example \(examples.count + 1)"
            var files: [(String, String)] = []
            if let filesNode = values["files"] { files = try document.stringMap(filesNode, "files") }
            let fixture = try values["fixture"].map { (node) throws(RuleError) in try document.string(node, "fixture") }
            guard files.isEmpty != (fixture == nil) else {
                throw document.fail(item, "an example has either 'files' (inline inputs) or 'fixture' (a Fixtures folder), not both or neither")
            }
            examples.append(CheckExample(
                name: name, fires: try document.bool(firesNode, "fires"),
                mode: try values["mode"].map { (node) throws(RuleError) in try document.string(node, "mode") },
                files: files, fixture: fixture, line: document.line(item)))
        }
        return examples
    }
}
