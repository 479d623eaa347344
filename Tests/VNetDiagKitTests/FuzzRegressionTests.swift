import Foundation
import Testing
@testable import VNetDiagKit

/// Replays every input under `Tests/Fixtures/fuzz-crashes/<target>/` through the fuzz target's
/// own code (`FuzzHarness`, what `scripts/fuzz` runs): each input once crashed, hung or broke an
/// invariant there, or is a seed that reaches a corner of it (the folder's README.md says which).
/// Each must now return, with no invariant broken.
@Suite struct FuzzRegressionTests {
    static let folder = TestPaths.packageRoot.appendingPathComponent("Tests/Fixtures/fuzz-crashes")
    static let modelFixture = TestPaths.fixtures.appendingPathComponent("lab/xen-nat").path

    /// `target/file` for every input, README.md files left out.
    static let inputs: [String] = FuzzTarget.allCases.flatMap { target in
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(target.rawValue).path)) ?? []
        return names.filter { $0 != "README.md" }.sorted().map { "\(target.rawValue)/\($0)" }
    }

    /// A parameterized test over an empty folder would pass without running anything.
    @Test func everyTargetHasInputs() {
        for target in FuzzTarget.allCases {
            #expect(Self.inputs.contains { $0.hasPrefix(target.rawValue + "/") }, "no input for \(target.rawValue)")
        }
    }

    @Test(arguments: inputs)
    func replays(_ input: String) throws {
        let target = try #require(FuzzTarget(rawValue: String(input.prefix { $0 != "/" })))
        // A harness per input: the expressions model caches object fields and tests run in parallel.
        let harness = try FuzzHarness(target: target, modelFixture: Self.modelFixture)
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(input)))
        #expect(harness.run(bytes) == [])
    }
}
