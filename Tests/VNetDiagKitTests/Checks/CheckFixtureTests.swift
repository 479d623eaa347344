import Foundation
import Testing
import Yams
@testable import VNetDiagKit

/// Every fixture folder is diagnosed with the built-in checks. A folder's `expected.yaml` may list
/// `findings.fail` (rule ids, optionally with `file:line` evidence that must be quoted); no other
/// check of severity error may fail. Folders without `findings` are healthy: no error at all.
@Suite struct CheckFixtureTests {
    static let roots = ["seed", "modes", "mixed", "checks", "problems"]

    static let allFolders: [String] = roots.flatMap { root in
        TestPaths.folders(under: TestPaths.fixtures.appendingPathComponent(root), containing: "expected.yaml").map { "\(root)/\($0)" }
    }

    static var foldersWithFindings: [String] {
        allFolders.filter { folder in
            let url = TestPaths.fixtures.appendingPathComponent(folder).appendingPathComponent("expected.yaml")
            return (try? ExpectationMatching.load(url))?["findings"] != nil
        }
    }

    static func expectedFailures(_ expected: Node) -> [(rule: String, evidence: [String])] {
        guard case .sequence(let items)? = expected["findings"]?["fail"] else { return [] }
        return items.compactMap { item in
            if let rule = item.string { return (rule, []) }
            guard let rule = item["rule"]?.string else { return nil }
            let evidence = item["evidence"]?.sequence?.compactMap(\.string) ?? []
            return (rule, evidence)
        }
    }

    static let catalog = try! RuleCatalog.load()

    @Test(arguments: allFolders)
    func findings(_ folder: String) throws {
        let url = TestPaths.fixtures.appendingPathComponent(folder)
        let expected = try ExpectationMatching.load(url.appendingPathComponent("expected.yaml"))
        let documents = try InputReader().read(paths: [url.path]).map(TextDocument.init)
        let diagnosis = Diagnosis.run(ParsePipeline().parse(documents), catalog: Self.catalog,
                                      assumingMode: expected["assumeMode"]?.string)
        #expect(diagnosis.checks.count == Self.catalog.checks.count, "one result per check")
        let wanted = Self.expectedFailures(expected)
        let quoter = diagnosis.quoter
        for (rule, evidence) in wanted {
            guard let result = diagnosis.checks.first(where: { $0.rule.id == rule }) else {
                Issue.record("\(folder): no check '\(rule)'")
                continue
            }
            guard case .fail = result.outcome else {
                Issue.record("\(folder): \(rule) should fail, gave \(result.outcome.status): \(result.message(.en))")
                continue
            }
            let quoted = Set(result.evidence.flatMap { quoter.quote($0) }.map { "\($0.file.dropFirst(url.path.count + 1)):\($0.line)" })
            for line in evidence {
                #expect(quoted.contains(line), "\(folder): \(rule) does not quote \(line); it quotes \(quoted.sorted())")
            }
        }
        let listed = Set(wanted.map(\.rule))
        for result in diagnosis.checks where !listed.contains(result.rule.id) {
            switch result.outcome {
            case .fail where result.rule.severity == .error:
                Issue.record("\(folder): unexpected error \(result.rule.id): \(result.message(.en))")
            case .error(let message):
                Issue.record("\(folder): \(result.rule.id) could not run: \(message)")
            default: break
            }
        }
    }

    /// The seed's six configurations are healthy: they get no finding at all, not even a warning.
    @Test(arguments: FixtureFolderTests.seedConfigurations)
    func seedConfigurationIsClean(_ name: String) throws {
        let url = TestPaths.fixtures.appendingPathComponent("seed/\(name)")
        let documents = try InputReader().read(paths: [url.path]).map(TextDocument.init)
        let diagnosis = Diagnosis.run(ParsePipeline().parse(documents), catalog: Self.catalog)
        #expect(diagnosis.tally.fail == 0 && diagnosis.tally.error == 0,
                "\(name): \(diagnosis.checks.filter { $0.outcome.status != "pass" && $0.outcome.status != "skip" }.map { "\($0.rule.id): \($0.message(.en))" })")
        #expect(diagnosis.tally.pass > 0)
    }
}
