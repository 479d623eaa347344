import Foundation
import Testing
import Yams
@testable import VNetDiagKit

/// Every fixture folder with an `expected.yaml` is parsed and compared section by section
/// (the seed's six configurations) or record by record (one captured output per folder).
@Suite struct FixtureFolderTests {
    static let seedConfigurations = TestPaths.folders(under: TestPaths.fixtures.appendingPathComponent("seed"),
                                                      containing: "expected.yaml")
    static let parserCases = TestPaths.folders(under: TestPaths.fixtures.appendingPathComponent("parsers"),
                                               containing: "expected.yaml")

    static let mixedCaptures = TestPaths.folders(under: TestPaths.fixtures.appendingPathComponent("mixed"),
                                                 containing: "expected.yaml")

    @Test func seedHasSixConfigurations() {
        #expect(Self.seedConfigurations == ["vmware-bridged", "vmware-hostonly", "vmware-nat",
                                            "xen-bridge", "xen-nat", "xen-route"])
    }

    @Test(arguments: seedConfigurations.map { "seed/" + $0 } + mixedCaptures.map { "mixed/" + $0 })
    func captureFolder(_ name: String) throws {
        let folder = TestPaths.fixtures.appendingPathComponent(name)
        let expected = try ExpectationMatching.load(folder.appendingPathComponent("expected.yaml"))
        let results = try Parsing.results(at: [folder.path])
        guard case .sequence(let sections)? = expected["sections"] else {
            Issue.record("\(name)/expected.yaml has no sections list")
            return
        }
        let actual = Parsing.nativeSections(results)
        #expect(actual.count == sections.count, "\(name): \(actual.count) sections, expected \(sections.count)")
        for (want, got) in zip(sections, actual) {
            let file = want["file"]?.string ?? "?"
            #expect(ExpectationMatching.text(of: got["source"])?.hasSuffix("/" + file) == true,
                    "\(name): section order differs at \(file)")
            if let problem = mismatch(want, got) { Issue.record("\(name)/\(file): \(problem)") }
        }
    }

    @Test(arguments: parserCases)
    func parserCase(_ name: String) throws {
        let folder = TestPaths.fixtures.appendingPathComponent("parsers").appendingPathComponent(name)
        let expected = try ExpectationMatching.load(folder.appendingPathComponent("expected.yaml"))
        let forced = expected["as"]?.string.map { FormatName(rawValue: $0) }
        let inputs = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("input") }.sorted().map { folder.appendingPathComponent($0).path }
        let results = try Parsing.results(at: inputs, forced: forced)
        #expect(results.count == 1, "\(name): \(results.count) sections")
        guard let section = Parsing.nativeSections(results).first else { return }
        if let problem = mismatch(expected, section) { Issue.record("\(name): \(problem)") }
    }

    /// Compares the section-level keys of an expectation; `records` and `unparsed` counts included.
    func mismatch(_ want: Node, _ got: JSONValue) -> String? {
        for key in ["format", "variant", "locale", "machine", "command"] {
            if let node = want[key], let problem = ExpectationMatching.mismatch(node, got[key], path: key) { return problem }
        }
        if let count = want["unparsed"]?.int {
            let lines = got["unparsed"]?.arrayValue ?? []
            if lines.count != count { return "unparsed: expected \(count), got \(ExpectationMatching.describe(got["unparsed"]))" }
        }
        if let count = want["recordCount"]?.int {
            let records = got["records"]?.arrayValue ?? []
            if records.count != count { return "records: expected \(count), got \(records.count)" }
        }
        if case .sequence(let wanted)? = want["contains"] {
            // Each item must match some record (a fact checked without listing every record).
            let records = got["records"]?.arrayValue ?? []
            for item in wanted where !records.contains(where: { ExpectationMatching.mismatch(item, $0) == nil }) {
                return "contains: no record matches \(item)"
            }
        }
        if let records = want["records"] {
            return ExpectationMatching.mismatch(records, got["records"], path: "records")
        }
        return nil
    }
}
