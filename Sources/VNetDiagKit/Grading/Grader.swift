
/// Grades submissions against a lab profile: the mode, the expected facts, the profile's checks
/// (run for the profile's mode, as `diagnose --mode` does), points for each.
public struct Grader: Sendable {
    public let profile: LabProfile
    public let catalog: RuleCatalog
    public let defaultLanguage: ReportLanguage
    public var reader = SubmissionReader()

    public init(profile: LabProfile, catalog: RuleCatalog, defaultLanguage: ReportLanguage) {
        self.profile = profile
        self.catalog = catalog
        self.defaultLanguage = defaultLanguage
    }

    /// Every submission under `root`, `jobs` at a time, in name order whatever finishes first;
    /// `progress` is called (from any thread) after each one. Identical submissions are flagged.
    public func gradeAll(root: String, names: [String], jobs: Int, progress: @Sendable (Int) -> Void = { _ in }) -> [SubmissionGrade] {
        let graded = ParallelMap.map(names, jobs: jobs, progress: progress) { name -> (SubmissionGrade, UInt64?) in
            let submission = reader.read(root: root, name: name)
            return (grade(submission), submission.documents.isEmpty ? nil : submission.fingerprint)
        }
        var grades = graded.map(\.0)
        var byFingerprint: [UInt64: [Int]] = [:]
        for (index, entry) in graded.enumerated() { if let fingerprint = entry.1 { byFingerprint[fingerprint, default: []].append(index) } }
        for group in byFingerprint.values where group.count > 1 {
            for index in group {
                let others = group.filter { $0 != index }.map { grades[$0].name }
                grades[index].identicalTo = others
                // A whole class handing in one capture must not make every row list every name.
                let shown = others.prefix(5).joined(separator: ", ")
                let more = others.count > 5 ? (en: " and \(others.count - 5) more", es: " y \(others.count - 5) más") : (en: "", es: "")
                grades[index].warnings.append(LocalizedText(en: "identical to \(shown)\(more.en)", es: "idéntica a \(shown)\(more.es)"))
            }
        }
        return grades
    }

    public func grade(_ submission: Submission) -> SubmissionGrade {
        var warnings = submission.problems.map { LocalizedText(en: $0, es: $0) }
        guard !submission.documents.isEmpty else {
            warnings.append(LocalizedText(en: "empty: no readable file, scored 0", es: "vacía: ningún fichero legible, puntuación 0"))
            return SubmissionGrade(name: submission.name, detectedMode: "unknown", confidence: 0, expectedMode: profile.mode,
                                   items: emptyItems(), warnings: warnings, language: defaultLanguage, diagnosis: nil, fileCount: 0)
        }
        let results = ParsePipeline().parse(submission.documents.map(TextDocument.init))
        let diagnosis = Diagnosis.run(results, catalog: catalog, assumingMode: profile.mode, onlyChecks: Set(profile.checks.map(\.rule)))
        if !diagnosis.unreadSections.isEmpty {
            let count = diagnosis.unreadSections.count
            warnings.append(LocalizedText(en: "\(count) section(s) in no known format", es: "\(count) sección(es) en ningún formato conocido"))
        }
        var items = [modeItem(diagnosis.verdict)]
        items += profile.expectations.map { Expectations.grade($0, machines: diagnosis.machines) }
        for graded in profile.checks {
            guard let result = diagnosis.checks.first(where: { $0.rule.id == graded.rule }) else { continue }
            items.append(checkItem(result, points: graded.points))
        }
        let spanish = results.contains { $0.parsed.locale?.hasPrefix("es") == true }
        return SubmissionGrade(name: submission.name, detectedMode: diagnosis.verdict.id, confidence: diagnosis.verdict.confidence,
                               expectedMode: profile.mode, items: items, warnings: warnings, language: spanish ? .es : defaultLanguage,
                               diagnosis: diagnosis, fileCount: submission.documents.count)
    }

    func modeItem(_ verdict: ModeVerdict) -> GradedItem {
        let title = LocalizedText(en: "Virtualization mode \(profile.mode)", es: "Modo de virtualización \(profile.mode)")
        let status: String, reason: SkipReason?, message: LocalizedText
        if verdict.id == profile.mode {
            (status, reason) = ("pass", nil)
            message = LocalizedText(en: "recognised as \(verdict.id)", es: "reconocido como \(verdict.id)")
        } else if verdict.id == "unknown" || (verdict.id == "ambiguous" && verdict.candidates.contains { $0.rule.id == profile.mode }) {
            (status, reason) = ("skip", .missingInput)
            let extra = verdict.missing.map { " (\($0))" } ?? ""
            message = LocalizedText(en: "the outputs do not show the mode clearly: add the host's and the guest's ifconfig/ip addr and routes\(extra)",
                                    es: "las salidas no muestran el modo con claridad: añade ifconfig/ip addr y las rutas del anfitrión y del invitado\(extra)")
        } else {
            (status, reason) = ("fail", nil)
            message = LocalizedText(en: "the outputs show \(verdict.id), not \(profile.mode)", es: "las salidas muestran \(verdict.id), no \(profile.mode)")
        }
        let evidence = verdict.winner?.matched.flatMap { $0.facts.compactMap(\.origin) }.prefix(3) ?? []
        return GradedItem(id: "mode", kind: .mode, title: title, points: profile.modePoints, earned: status == "pass" ? profile.modePoints : 0,
                          status: status, reason: reason, message: message, evidence: Array(evidence), fix: nil, severity: nil)
    }

    func checkItem(_ result: CheckResult, points: Int) -> GradedItem {
        // A skip for want of input (or of a host or guest to judge) says what to paste instead.
        let needs = result.skipReason != nil ? result.missing : []
        let message = needs.isEmpty ? LocalizedText(en: result.message(.en), es: result.message(.es)) : InputHints.text(needs)
        let status = result.outcome.status
        let fix: LocalizedText? = status == "fail" ? result.rule.fix : nil
        return GradedItem(id: result.rule.id, kind: .check, title: result.rule.title, points: points, earned: status == "pass" ? points : 0,
                          status: status, reason: result.skipReason, message: message, evidence: result.evidence, fix: fix,
                          severity: result.rule.severity, needs: needs)
    }

    func emptyItems() -> [GradedItem] {
        let none = LocalizedText(en: "nothing to grade: the submission has no readable file", es: "nada que corregir: la entrega no tiene ningún fichero legible")
        var items = [GradedItem(id: "mode", kind: .mode, title: LocalizedText(en: "Virtualization mode \(profile.mode)", es: "Modo de virtualización \(profile.mode)"),
                                points: profile.modePoints, earned: 0, status: "skip", reason: .missingInput, message: none, evidence: [], fix: nil, severity: nil)]
        items += profile.expectations.map {
            GradedItem(id: "expect:\($0.id)", kind: .expectation, title: $0.title, points: $0.points, earned: 0, status: "skip", reason: .missingInput,
                       message: none, evidence: [], fix: nil, severity: nil)
        }
        items += profile.checks.map { graded in
            let rule = catalog.checks.first { $0.id == graded.rule }
            return GradedItem(id: graded.rule, kind: .check, title: rule?.title ?? LocalizedText(en: graded.rule, es: graded.rule), points: graded.points,
                              earned: 0, status: "skip", reason: .missingInput, message: none, evidence: [], fix: nil, severity: rule?.severity)
        }
        return items
    }
}
