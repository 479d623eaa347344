import Foundation
import Yams

/// `vnetdiag check`: every folder holding an `expected.yaml` is diagnosed and compared with it —
/// mode, machines and roles, sides seen, and findings by rule id and status (`findings.fail` with
/// the evidence lines they must quote; no other check of severity error may fail).
public struct FixtureCheck: Sendable {
    public struct Outcome: Sendable {
        public let folder: String
        /// `- expected` / `+ actual` lines; empty when the folder agrees.
        public let differences: [String]
        /// The expectation file rewritten from what was found (for `--update`).
        public let updated: String?
    }

    public let catalog: RuleCatalog

    public init(catalog: RuleCatalog) { self.catalog = catalog }

    /// Folders under `roots` (or the roots themselves) that hold an `expected.yaml`, sorted.
    public static func folders(under roots: [String]) -> [String] {
        var found: [String] = []
        for root in roots {
            let url = URL(fileURLWithPath: root)
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("expected.yaml").path) { found.append(url.path); continue }
            guard let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) else { continue }
            for case let file as URL in enumerator where file.lastPathComponent == "expected.yaml" {
                found.append(file.deletingLastPathComponent().path)
            }
        }
        return Array(Set(found)).sorted()
    }

    public static func expectedFailures(_ expected: Node) -> [(rule: String, evidence: [String])] {
        guard case .sequence(let items)? = expected["findings"]?["fail"] else { return [] }
        return items.compactMap { item in
            if let rule = item.string { return (rule, []) }
            guard let rule = item["rule"]?.string else { return nil }
            return (rule, item["evidence"]?.sequence?.compactMap(\.string) ?? [])
        }
    }

    public func checkAll(_ folders: [String], jobs: Int, progress: @Sendable (Int) -> Void = { _ in }) -> [Outcome] {
        ParallelMap.map(folders, jobs: jobs, progress: progress) { check($0) }
    }

    public func check(_ folder: String) -> Outcome {
        let file = URL(fileURLWithPath: folder).appendingPathComponent("expected.yaml")
        guard let text = try? String(contentsOf: file, encoding: .utf8), let expected = try? Yams.compose(yaml: text) else {
            return Outcome(folder: folder, differences: ["! \(file.path): not readable YAML"], updated: nil)
        }
        // Parser-level fixtures (one input per folder, `format:`) are compared by the parser tests.
        guard expected["format"] == nil else { return Outcome(folder: folder, differences: [], updated: nil) }
        let documents: [TextDocument]
        do {
            documents = try InputReader().read(paths: [folder]).map(TextDocument.init)
        } catch {
            return Outcome(folder: folder, differences: ["! \(error)"], updated: nil)
        }
        let diagnosis = Diagnosis.run(ParsePipeline().parse(documents), catalog: catalog, assumingMode: expected["assumeMode"]?.string)
        var differences: [String] = []
        if let mode = expected["mode"]?.string, mode != diagnosis.verdict.id {
            differences += ["- mode: \(mode)", "+ mode: \(diagnosis.verdict.id)"]
        }
        if case .sequence(let machines)? = expected["machines"] {
            for machine in machines {
                guard let name = machine["name"]?.string else { continue }
                let actual = diagnosis.machines.first { $0.name == name }
                if let role = machine["role"]?.string, actual?.role.rawValue != role {
                    differences += ["- machine \(name): \(role)", "+ machine \(name): \(actual?.role.rawValue ?? "(absent)")"]
                }
            }
        }
        if case .sequence(let sides)? = expected["sidesSeen"] {
            let want = sides.compactMap(\.string)
            if want != diagnosis.topology.sidesSeen {
                differences += ["- sidesSeen: \(want)", "+ sidesSeen: \(diagnosis.topology.sidesSeen)"]
            }
        }
        let wanted = Self.expectedFailures(expected)
        let quoter = diagnosis.quoter
        let prefix = URL(fileURLWithPath: folder).path + "/"
        for (rule, evidence) in wanted {
            guard let result = diagnosis.checks.first(where: { $0.rule.id == rule }) else {
                differences.append("! findings: no check '\(rule)'")
                continue
            }
            guard case .fail = result.outcome else {
                differences += ["- \(rule): fail", "+ \(rule): \(result.outcome.status) — \(result.message(.en))"]
                continue
            }
            let quoted = Set(result.evidence.flatMap { quoter.quote($0) }.map { line -> String in
                let file = line.file.hasPrefix(prefix) ? String(line.file.dropFirst(prefix.count)) : line.file
                return "\(file):\(line.line)"
            })
            for line in evidence where !quoted.contains(line) {
                differences += ["- \(rule) evidence \(line)", "+ \(rule) evidence \(quoted.sorted().joined(separator: ", "))"]
            }
        }
        let listed = Set(wanted.map(\.rule))
        for result in diagnosis.checks where !listed.contains(result.rule.id) {
            switch result.outcome {
            case .fail where result.rule.severity >= .warning:
                differences += ["- \(result.rule.id): not failing", "+ \(result.rule.id): fail (\(result.rule.severity.rawValue)) — \(result.message(.en))"]
            case .error(let message):
                differences.append("! \(result.rule.id): error — \(message)")
            default: break
            }
        }
        return Outcome(folder: folder, differences: differences, updated: differences.isEmpty ? nil : Self.rewrite(text, diagnosis: diagnosis))
    }

    /// The expectation with `mode` and `findings` replaced by what was found; other keys and
    /// comments are kept as written.
    static func rewrite(_ text: String, diagnosis: Diagnosis) -> String {
        var lines = text.components(separatedBy: "\n")
        if let index = lines.firstIndex(where: { $0.hasPrefix("mode:") }) { lines[index] = "mode: \(diagnosis.verdict.id)" }
        if let start = lines.firstIndex(where: { $0.hasPrefix("findings:") }) {
            var end = start + 1
            while end < lines.count, lines[end].isEmpty || lines[end].hasPrefix(" ") || lines[end].hasPrefix("#") { end += 1 }
            lines.removeSubrange(start..<end)
        }
        while lines.last == "" { lines.removeLast() }
        let failing = diagnosis.checks.filter { if case .fail = $0.outcome { return $0.rule.severity >= .warning } else { return false } }
        if !failing.isEmpty {
            let quoter = diagnosis.quoter
            lines.append("findings:")
            lines.append("  fail:")
            for result in failing {
                lines.append("    - rule: \(result.rule.id)")
                if let first = result.evidence.first.flatMap({ quoter.quote($0, limit: 1).first }) {
                    let parts = first.file.split(separator: "/")
                    let relative = parts.suffix(2).joined(separator: "/")
                    lines.append("      evidence: [\"\(relative):\(first.line)\"]")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
