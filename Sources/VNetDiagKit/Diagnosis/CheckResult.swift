/// The mode a check sees: the classifier's verdict, or the one an example assumes.
public struct CheckMode: Sendable {
    public let id: String
    public let hypervisor: String?
    public let mode: String?
    public let confidence: Int
    public let candidates: [String]

    public init(_ verdict: ModeVerdict) {
        id = verdict.id
        hypervisor = verdict.hypervisor
        mode = verdict.mode
        confidence = Int((verdict.confidence * 100).rounded())
        candidates = verdict.candidates.map(\.rule.id)
    }

    /// An assumed mode id (`vmware.nat`).
    public init(assumed id: String) {
        self.id = id
        let parts = id.split(separator: ".", maxSplits: 1).map(String.init)
        hypervisor = parts.count == 2 ? parts[0] : nil
        mode = parts.count == 2 ? parts[1] : nil
        confidence = 100
        candidates = []
    }
}

public enum SkipReason: String, Sendable {
    case notApplicable = "not-applicable"
    case missingInput = "missing-input"
    case waived, disabled
}

/// One place where a check failed: which machine, what to say, the lines it rests on.
public struct CheckFailure: Sendable {
    public let machine: String?
    public let message: LocalizedText
    public let evidence: [Provenance]
}

/// Exactly one per rule per input (DESIGN.md "Rules").
public enum CheckOutcome: Sendable {
    case pass
    case fail([CheckFailure])
    case skip(SkipReason, LocalizedText)
    case error(String)

    public var status: String {
        switch self {
        case .pass: return "pass"
        case .fail: return "fail"
        case .skip: return "skip"
        case .error: return "error"
        }
    }
}

public struct CheckResult: Sendable {
    public let rule: CheckRule
    public let outcome: CheckOutcome
    /// The inputs it lacked, when skipped for missing input (`routes`, `sysctls`, `guest`...).
    public var missing: [String] = []

    public var failures: [CheckFailure] {
        if case .fail(let failures) = outcome { return failures }
        return []
    }

    /// One line: the first failure's message (and how many more), the skip reason or the error.
    public func message(_ language: ReportLanguage) -> String {
        switch outcome {
        case .pass: return rule.title.text(language)
        case .fail(let failures):
            let first = failures[0].message.text(language)
            guard failures.count > 1 else { return first }
            return first + (language == .es ? " (y \(failures.count - 1) más)" : " (and \(failures.count - 1) more)")
        case .skip(_, let why): return why.text(language)
        case .error(let message): return message
        }
    }

    public var skipReason: SkipReason? {
        if case .skip(let reason, _) = outcome { return reason }
        return nil
    }

    /// Every line the failures rest on, once, in order of appearance.
    public var evidence: [Provenance] {
        var seen: Set<Provenance> = []
        return failures.flatMap(\.evidence).filter { seen.insert($0).inserted }
    }
}

/// How many results of each kind a run produced (reports count all four).
public struct CheckTally: Sendable {
    public var pass = 0, fail = 0, skip = 0, error = 0
    public var failBySeverity: [Severity: Int] = [:]

    public init(_ results: [CheckResult]) {
        for result in results {
            switch result.outcome {
            case .pass: pass += 1
            case .fail: fail += 1; failBySeverity[result.rule.severity, default: 0] += 1
            case .skip: skip += 1
            case .error: error += 1
            }
        }
    }

    /// Whether something failed at or above `severity` (or a check could not run).
    public func reaches(_ severity: Severity) -> Bool {
        error > 0 || failBySeverity.contains { $0.key >= severity && $0.value > 0 }
    }
}
