import Foundation
import Testing
@testable import VNetDiagKit

/// A deliberately broken rule set (Tests/Fixtures/broken-rules): each file says on its first line
/// `# expect: LINE: message` (`-` when the error has no line). Every one must be refused with that
/// file, line and message; none may be skipped silently.
@Suite struct BrokenRulesTests {
    static let folder = TestPaths.packageRoot.appendingPathComponent("Tests/Fixtures/broken-rules").path

    static func expectations() throws -> [(file: String, line: Int?, message: String)] {
        try RuleCatalog.files(in: folder).compactMap { file in
            guard let first = file.text.split(separator: "\n").first, first.hasPrefix("# expect: ") else { return nil }
            let rest = first.dropFirst("# expect: ".count)
            let colon = try #require(rest.firstIndex(of: ":"))
            return (file.path, Int(rest[..<colon]), String(rest[rest.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
    }

    @Test func everyBrokenFileIsRefusedWithItsLineAndMessage() throws {
        var catalog = RuleCatalog()
        let errors = catalog.addCollectingErrors(files: try RuleCatalog.files(in: Self.folder))
        let expected = try Self.expectations()
        #expect(expected.count >= 15)
        #expect(errors.count == expected.count, "\(errors.map(\.description))")
        for (file, line, message) in expected {
            guard let error = errors.first(where: { $0.file == file }) else {
                Issue.record("\(file) was accepted; expected: \(message)")
                continue
            }
            #expect(error.line == line, "\(error.description)")
            #expect(error.message.contains(message), "\(error.description)")
        }
        // The one valid file loads: errors are per file, not all-or-nothing.
        #expect(catalog.checks.map(\.id) == ["twice"])
    }

    /// Loading for real (diagnose, explain...) stops at the first broken file, naming it.
    @Test func loadingStopsAtTheFirstBrokenFile() {
        #expect(throws: RuleError.self) { try RuleCatalog.load(extraFolders: [Self.folder]) }
    }
}
