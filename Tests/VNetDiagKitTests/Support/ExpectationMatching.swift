import Foundation
import Yams
@testable import VNetDiagKit

/// Compares an expectation written in YAML with actual JSON: every key the YAML names must be
/// there with the same value; keys the YAML leaves out are not checked. Scalars are compared as
/// text, so `00:05:00:e3:4d:db` is never read as a YAML 1.1 sexagesimal number.
enum ExpectationMatching {
    static func load(_ url: URL) throws -> Node {
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let node = try Yams.compose(yaml: text) else {
            throw NSError(domain: "expectation", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(url.path) is empty"])
        }
        return node
    }

    /// nil when `actual` satisfies `expected`, else where and how it differs.
    static func mismatch(_ expected: Node, _ actual: JSONValue?, path: String = "$") -> String? {
        switch expected {
        case .mapping(let mapping):
            guard case .object? = actual else { return "\(path): expected an object, got \(describe(actual))" }
            for (keyNode, valueNode) in mapping {
                let key = keyNode.string ?? "?"
                if let problem = mismatch(valueNode, actual?[key], path: "\(path).\(key)") { return problem }
            }
            return nil
        case .sequence(let sequence):
            // Reports leave out empty lists: an expected `[]` matches a missing key.
            if sequence.isEmpty, actual == nil { return nil }
            guard case .array(let items)? = actual else { return "\(path): expected a list, got \(describe(actual))" }
            guard items.count == sequence.count else {
                return "\(path): expected \(sequence.count) items, got \(items.count): \(describe(actual))"
            }
            for (index, (node, item)) in zip(sequence, items).enumerated() {
                if let problem = mismatch(node, item, path: "\(path)[\(index)]") { return problem }
            }
            return nil
        case .scalar(let scalar):
            let want = scalar.string
            let isNull = want == "null" || want == "~" || (want.isEmpty && scalar.style == .plain)
            let got = text(of: actual)
            if isNull { return got == nil ? nil : "\(path): expected null, got \(got!)" }
            return got == want ? nil : "\(path): expected \(want), got \(got ?? "nothing")"
        case .alias:
            return "\(path): aliases are not used in expectations"
        }
    }

    static func text(of value: JSONValue?) -> String? {
        switch value {
        case .none, .null?: return nil
        case .bool(let flag)?: return flag ? "true" : "false"
        case .int(let number)?: return String(number)
        case .double(let number)?: return String(number)
        case .string(let text)?: return text
        case .array?, .object?: return JSONWriter.string(value!)
        }
    }

    static func describe(_ value: JSONValue?) -> String {
        value.map { JSONWriter.string($0) } ?? "nothing"
    }
}

extension Node {
    subscript(key: String) -> Node? {
        guard case .mapping(let mapping) = self else { return nil }
        return mapping[Node(key)]
    }
}
