import Foundation
import Testing
@testable import VNetDiagKit

/// The check catalogue: every example of every check is a test (as in SwiftLint), and the
/// catalogue as a whole covers the misconfigurations the inputs can show.
@Suite struct CheckRuleTests {
    static let catalog = try! RuleCatalog.load()

    /// `rule-id#n`: one test case per example, named so a failure says which.
    static let exampleIDs: [String] = catalog.checks.flatMap { rule in rule.examples.indices.map { "\(rule.id)#\($0)" } }

    @Test(arguments: exampleIDs)
    func example(_ id: String) throws {
        let parts = id.split(separator: "#")
        let rule = try #require(Self.catalog.checks.first { $0.id == parts[0] })
        let index = try #require(Int(parts[1]))
        let outcome = CheckExampleRunner(catalog: Self.catalog, root: TestPaths.packageRoot.path).run(rule)[index]
        if case .failed(let detail) = outcome.verdict {
            Issue.record("\(rule.file):\(outcome.line ?? 0) \(outcome.example): \(detail)")
        }
    }

    @Test func atLeastTwentyFiveChecksEachWithBothKindsOfExamples() {
        #expect(Self.catalog.checks.count >= 25)
        for rule in Self.catalog.checks {
            #expect(rule.examples.contains { $0.fires } && rule.examples.contains { !$0.fires }, "\(rule.id)")
        }
    }

    @Test func everyCheckSpeaksBothLanguagesAndNamesItsCatalogueEntries() {
        for rule in Self.catalog.checks {
            for text in [rule.title, rule.explanation, rule.fix] {
                #expect(!text.en.isEmpty && !text.es.isEmpty && text.en != text.es, "\(rule.id): \(text.en)")
            }
            #expect(!rule.catalogue.isEmpty, "\(rule.id) names no M-entry")
            for entry in rule.catalogue {
                #expect(entry.count == 3 && entry.hasPrefix("M") && Int(entry.dropFirst()).map { (1...30).contains($0) } == true,
                        "\(rule.id): \(entry)")
            }
            #expect(!rule.references.isEmpty, "\(rule.id) has no reference")
        }
    }

    /// domain.md §9: every M-entry a check covers is fired by at least one Fixtures folder.
    @Test func everyCoveredCatalogueEntryHasAFixtureThatFiresIt() throws {
        let covered = Set(Self.catalog.checks.flatMap(\.catalogue))
        var fired: Set<String> = []
        for folder in CheckFixtureTests.foldersWithFindings {
            let expected = try ExpectationMatching.load(TestPaths.fixtures.appendingPathComponent(folder).appendingPathComponent("expected.yaml"))
            for rule in FixtureCheck.expectedFailures(expected).map(\.rule) {
                fired.formUnion(Self.catalog.checks.first { $0.id == rule }?.catalogue ?? [])
            }
        }
        #expect(covered.subtracting(fired).sorted() == [], "catalogue entries no fixture fires")
    }

    /// The embedded copy of rules/ is what the binary uses; it must not drift from the files.
    @Test func everyCheckFileIsEmbedded() throws {
        let files = try RuleCatalog.files(in: TestPaths.packageRoot.appendingPathComponent("rules/checks").path)
        #expect(files.count == Self.catalog.checks.count)
    }
}
