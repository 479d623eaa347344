/// The `findings` of `vnetdiag.report/1`: one entry per check rule, whatever its result.
public enum FindingsJSON {
    public static func write<Sink: JSONSink>(_ results: [CheckResult], language: ReportLanguage, quoter: EvidenceQuoter, to sink: inout Sink) {
        sink.array(results) { sink, result in
            sink.object { sink in
                sink.field("rule", result.rule.id)
                sink.field("status", result.outcome.status)
                sink.fieldOrNull("reason", result.skipReason?.rawValue)
                sink.field("severity", result.rule.severity.rawValue)
                sink.field("title", result.rule.title.text(language))
                sink.field("message", result.message(language))
                sink.field("catalogue", result.rule.catalogue)
                sink.field("points", result.rule.points)
                sink.key("evidence")
                quoter.write(result.evidence, to: &sink)
                sink.key("failures")
                sink.array(result.failures) { sink, failure in
                    sink.object { sink in
                        sink.fieldOrNull("machine", failure.machine)
                        sink.field("message", failure.message.text(language))
                        sink.key("evidence")
                        quoter.write(failure.evidence, to: &sink)
                    }
                }
                if case .fail = result.outcome { sink.field("fix", result.rule.fix.text(language)) }
            }
        }
    }

    public static func writeTally<Sink: JSONSink>(_ tally: CheckTally, to sink: inout Sink) {
        sink.object { sink in
            sink.field("pass", tally.pass)
            sink.field("fail", tally.fail)
            sink.field("skip", tally.skip)
            sink.field("error", tally.error)
        }
    }
}

/// The findings part of the human report: failures and errors in full, passes and skips counted.
public enum FindingsText {
    public static func render(_ results: [CheckResult], language: ReportLanguage, quoter: EvidenceQuoter, markdown: Bool) -> [String] {
        let es = language == .es
        var out: [String] = []
        let failing = results.filter { if case .fail = $0.outcome { return true } else { return false } }
            .sorted { $0.rule.severity != $1.rule.severity ? $0.rule.severity > $1.rule.severity : $0.rule.id < $1.rule.id }
        for result in failing {
            let severity = es ? ["error": "error", "warning": "aviso", "info": "info"][result.rule.severity.rawValue]! : result.rule.severity.rawValue
            out.append("\(markdown ? "- **" : "")[\(severity)] \(result.rule.title.text(language))\(markdown ? "**" : "") (\(result.rule.id))")
            for failure in result.failures {
                out.append("    \(failure.message.text(language))")
                for line in failure.evidence.flatMap({ quoter.quote($0) }).prefix(6) {
                    out.append(markdown ? "    - `\(line.file):\(line.line)` `\(line.text)`" : "      \(line.file):\(line.line)  \(line.text)")
                }
            }
            out.append("    \(es ? "Solución" : "Fix"): \(result.rule.fix.text(language))")
        }
        for result in results {
            if case .error(let message) = result.outcome { out.append("[\(es ? "fallo de regla" : "rule error")] \(result.rule.id): \(message)") }
        }
        if failing.isEmpty { out.append(es ? "Ninguna comprobación ha fallado." : "No check failed.") }
        let tally = CheckTally(results)
        var reasons: [String: Int] = [:]
        for result in results { if let reason = result.skipReason { reasons[reason.rawValue, default: 0] += 1 } }
        let spanish = ["not-applicable": "no aplicables", "missing-input": "faltan datos", "waived": "dispensadas", "disabled": "desactivadas"]
        let skipped = reasons.sorted { $0.key < $1.key }.map { "\(es ? spanish[$0.key] ?? $0.key : $0.key) \($0.value)" }.joined(separator: ", ")
        out.append(es
            ? "Comprobaciones: \(tally.pass) correctas, \(tally.fail) fallidas, \(tally.skip) omitidas\(skipped.isEmpty ? "" : " (\(skipped))"), \(tally.error) con error."
            : "Checks: \(tally.pass) passed, \(tally.fail) failed, \(tally.skip) skipped\(skipped.isEmpty ? "" : " (\(skipped))"), \(tally.error) errored.")
        return out
    }
}
