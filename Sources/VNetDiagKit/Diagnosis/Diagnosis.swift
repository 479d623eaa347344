/// Everything `diagnose` and `topology` report: the machines, the facts, the mode, the topology,
/// and which sections were read.
public struct Diagnosis: Sendable {
    public let machines: [Machine]
    public let facts: [TopologyFact]
    public let verdict: ModeVerdict
    public let topology: Topology
    public let results: [SectionResult]
    /// One result per check rule, in catalogue order.
    public let checks: [CheckResult]
    /// The mode checks were run for: the verdict's, or the one an example assumes.
    public let checkMode: CheckMode

    /// sections → machines → roles → facts → mode → topology → checks.
    public static func run(_ results: [SectionResult], catalog: RuleCatalog, assumingMode: String? = nil,
                           onlyChecks: Set<String>? = nil) -> Diagnosis {
        let (grouped, labelled) = MachineGrouping.grouped(results)
        let macOwners = MACOwners(grouped)
        let machines = MachineRoles.assign(grouped, macOwners: macOwners)
        let facts = TopologyFacts.collect(machines)
        let verdict = ModeClassifier(rules: catalog.modes).classify(machines, facts: facts)
        let topology = TopologyBuilder.build(machines, facts: facts, verdict: verdict, macOwners: macOwners)
        let mode = assumingMode.map { CheckMode(assumed: $0) } ?? CheckMode(verdict)
        var runner = CheckRunner(context: CheckContext(machines: machines, mode: mode))
        let checks = catalog.checks.filter { onlyChecks?.contains($0.id) ?? true }.map { runner.run($0) }
        return Diagnosis(machines: machines, facts: facts, verdict: verdict, topology: topology, results: labelled,
                         checks: checks, checkMode: mode)
    }

    public var tally: CheckTally { CheckTally(checks) }

    /// Sections a parser read, and those nobody could (format unknown).
    public var readSections: [SectionResult] { results.filter { $0.section.format != .unknown } }
    public var unreadSections: [SectionResult] { results.filter { $0.section.format == .unknown && $0.section.lineNumbers != nil } }
    public var unparsedLineCount: Int { results.reduce(0) { $0 + $1.parsed.unparsed.count } }

    public var quoter: EvidenceQuoter { EvidenceQuoter(results) }
}

/// Quotes the lines a provenance points at: `(file, line, text)`, at most `limit` lines.
public struct EvidenceQuoter: Sendable {
    let documents: [String: TextDocument]

    public init(_ results: [SectionResult]) {
        documents = Dictionary(results.map { ($0.section.source, $0.section.document) }, uniquingKeysWith: { first, _ in first })
    }

    public func quote(_ origin: Provenance?, limit: Int = 3) -> [(file: String, line: Int, text: String)] {
        guard let origin, let document = documents[origin.source] else { return [] }
        let last = min(origin.lastLine, origin.firstLine + limit - 1, document.lineCount)
        guard origin.firstLine >= 1, origin.firstLine <= last else { return [] }
        return (origin.firstLine...last).map { (origin.source, $0, document.text(ofLine: $0)) }
    }
}
