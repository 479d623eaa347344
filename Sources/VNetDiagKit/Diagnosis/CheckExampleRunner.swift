import Foundation

/// Runs a check's examples (they are its tests): each must fire, or not, as it says.
public struct CheckExampleRunner {
    public enum Verdict: Sendable {
        case passed
        /// The check gave the wrong answer; `detail` says what it did instead.
        case failed(detail: String)
    }

    public struct Outcome: Sendable {
        public let rule: String
        public let example: String
        public let line: Int?
        public let verdict: Verdict
    }

    let catalog: RuleCatalog
    /// Where `fixture:` paths are looked up (the project folder).
    let root: String

    public init(catalog: RuleCatalog, root: String) {
        self.catalog = catalog
        self.root = root
    }

    public func run(_ rule: CheckRule) -> [Outcome] {
        rule.examples.map { example in
            Outcome(rule: rule.id, example: example.name, line: example.line, verdict: verdict(rule, example))
        }
    }

    func verdict(_ rule: CheckRule, _ example: CheckExample) -> Verdict {
        let documents: [TextDocument]
        do {
            documents = try self.documents(example)
        } catch {
            return .failed(detail: "cannot read the example's inputs: \(error)")
        }
        var single = catalog
        single.checks = [rule]
        let diagnosis = Diagnosis.run(ParsePipeline().parse(documents), catalog: single, assumingMode: example.mode)
        guard let result = diagnosis.checks.first else { return .failed(detail: "the check did not run") }
        switch (example.fires, result.outcome) {
        case (true, .fail), (false, .pass): return .passed
        case (false, .skip(let reason, _)) where reason == .notApplicable || reason == .missingInput: return .passed
        case (_, .error(let message)): return .failed(detail: "error: \(message)")
        case (true, _): return .failed(detail: "expected it to fire; it gave \(result.outcome.status): \(result.message(.en)) (mode \(diagnosis.checkMode.id))")
        case (false, _): return .failed(detail: "expected no failure; it failed: \(result.message(.en))")
        }
    }

    func documents(_ example: CheckExample) throws -> [TextDocument] {
        if let fixture = example.fixture {
            let folder = fixture.hasPrefix("/") ? fixture : root + "/" + fixture
            return try InputReader().read(paths: [folder]).map(TextDocument.init)
        }
        return example.files.map { file in
            let folders = file.path.split(separator: "/").dropLast().map(String.init)
            return TextDocument(InputDocument(name: file.path, bytes: Array(file.text.utf8), truncated: false, wasCompressed: false, folders: folders))
        }
    }
}
