import Foundation
import Testing
import Yams
@testable import VNetDiagKit

/// Every fixture folder is diagnosed with the built-in checks. A folder's `expected.yaml` may list
/// `findings.fail` (rule ids, optionally with `file:line` evidence that must be quoted); no other
/// check of severity warning or error may fail. Folders without `findings` are healthy.
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

    static let catalog = try! RuleCatalog.load()

    /// The same comparison `vnetdiag check` makes (one implementation): mode, machines, sides,
    /// findings with their evidence lines, no unlisted failure of severity warning or error.
    @Test(arguments: allFolders)
    func findings(_ folder: String) throws {
        let outcome = FixtureCheck(catalog: Self.catalog).check(TestPaths.fixtures.appendingPathComponent(folder).path)
        #expect(outcome.differences.isEmpty, "\(folder):\n\(outcome.differences.joined(separator: "\n"))")
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
