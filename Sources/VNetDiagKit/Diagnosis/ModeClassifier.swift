/// One mode's score: the evidence items that matched, each with the facts it matched.
public struct ModeScore: Sendable {
    public let rule: ModeRule
    public let score: Int
    public let matched: [(evidence: ModeRule.Evidence, facts: [TopologyFact])]
}

/// The classifier's answer. `id` is a mode id, `ambiguous`, `none` (no VM networking seen) or
/// `unknown` (too little was read to tell).
public struct ModeVerdict: Sendable {
    public let id: String
    public let hypervisor: String?
    public let mode: String?
    /// 0...1: how far the winner stands from the runner-up, damped when the winner's own score is low.
    public let confidence: Double
    public let margin: Int
    public let winner: ModeScore?
    public let runnerUp: ModeScore?
    /// Modes within the ambiguity margin of the best, when `id` is `ambiguous`.
    public let candidates: [ModeScore]
    /// Every mode with a score other than 0, best first.
    public let scores: [ModeScore]
    /// Why the answer is `none` or `unknown`, or what would settle an ambiguity.
    public let missing: String?
}

/// Scores every mode rule against the facts and picks the winner (DESIGN.md "mode").
public struct ModeClassifier: Sendable {
    public let rules: [ModeRule]
    /// A mode needs this score to be named at all.
    public var threshold = 3
    /// Modes closer than this to the best are candidates of an ambiguity.
    public var ambiguityMargin = 2
    /// A winner scoring this much or more gets its full separation as confidence.
    public var fullConfidenceScore = 8

    public init(rules: [ModeRule]) {
        self.rules = rules
    }

    public func score(_ facts: [TopologyFact]) -> [ModeScore] {
        rules.map { rule in
            var matched: [(ModeRule.Evidence, [TopologyFact])] = []
            for evidence in rule.evidence {
                let hits = facts.filter(evidence.matches)
                if !hits.isEmpty { matched.append((evidence, hits)) }
            }
            return ModeScore(rule: rule, score: matched.reduce(0) { $0 + $1.0.weight }, matched: matched)
        }
        .filter { $0.score != 0 }
        .sorted { $0.score != $1.score ? $0.score > $1.score : $0.rule.id < $1.rule.id }
    }

    public func classify(_ machines: [Machine], facts: [TopologyFact]) -> ModeVerdict {
        let scores = score(facts)
        let positive = scores.filter { $0.score > 0 }
        guard let best = positive.first, best.score >= threshold else {
            let readSomething = machines.contains { !$0.interfaces.isEmpty || !$0.routes.isEmpty || !$0.neighbors.isEmpty }
            let hint = positive.first.map { " (best: \($0.rule.id) with \($0.score), below \(threshold))" } ?? ""
            return ModeVerdict(id: readSomething ? "none" : "unknown", hypervisor: nil, mode: nil, confidence: 0, margin: 0,
                               winner: nil, runnerUp: positive.first, candidates: [], scores: scores,
                               missing: readSomething
                                ? "no virtual-machine networking seen\(hint)"
                                : "no interfaces, routes or neighbour tables were read")
        }
        let runnerUp = positive.dropFirst().first
        let margin = best.score - (runnerUp?.score ?? 0)
        let strength = min(1.0, Double(best.score) / Double(fullConfidenceScore))
        let confidence = (Double(margin) / Double(best.score) * strength * 100).rounded() / 100
        let close = positive.filter { best.score - $0.score < ambiguityMargin }
        if close.count > 1 {
            let hypervisors = Set(close.map(\.rule.hypervisor))
            return ModeVerdict(id: "ambiguous", hypervisor: hypervisors.count == 1 ? best.rule.hypervisor : nil, mode: nil,
                               confidence: confidence, margin: margin, winner: nil, runnerUp: runnerUp, candidates: close,
                               scores: scores, missing: ambiguityNote(close))
        }
        return ModeVerdict(id: best.rule.id, hypervisor: best.rule.hypervisor, mode: best.rule.mode, confidence: confidence,
                           margin: margin, winner: best, runnerUp: runnerUp, candidates: [], scores: scores, missing: nil)
    }

    /// What to say of an ambiguity: strong evidence on each side means the capture contradicts
    /// itself (or mixes two setups); otherwise the deciding side is missing.
    func ambiguityNote(_ candidates: [ModeScore]) -> String {
        let ids = candidates.map(\.rule.id).joined(separator: ", ")
        let strong = candidates.filter { $0.matched.contains { $0.evidence.weight >= 4 } }
        if strong.count > 1 {
            return "the capture holds strong evidence for each of \(ids): it contradicts itself or mixes two setups"
        }
        return "the guest side (its addresses and routes) or the host's DHCP log would tell \(ids) apart"
    }
}
