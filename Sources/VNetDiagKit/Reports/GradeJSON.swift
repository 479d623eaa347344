/// `vnetdiag.grades/1`: the profile and every submission's items with their evidence lines.
public enum GradeJSON {
    public static func write<Sink: JSONSink>(_ grades: [SubmissionGrade], profile: LabProfile, language: ReportLanguage, to sink: inout Sink) {
        sink.object { sink in
            sink.field("schema", "vnetdiag.grades/1")
            sink.key("profile")
            sink.object { sink in
                sink.field("id", profile.id)
                sink.field("title", profile.title.text(language))
                sink.field("mode", profile.mode)
                sink.field("total", profile.total)
            }
            sink.key("submissions")
            sink.array(grades) { sink, grade in
                let quoter = grade.diagnosis?.quoter ?? EvidenceQuoter([])
                sink.object { sink in
                    sink.field("name", grade.name)
                    sink.field("detectedMode", grade.detectedMode)
                    sink.key("confidence")
                    sink.double(grade.confidence)
                    sink.field("expectedMode", grade.expectedMode)
                    sink.field("score", grade.score)
                    sink.field("maxScore", grade.maxScore)
                    sink.field("language", grade.language.rawValue)
                    sink.field("files", grade.fileCount)
                    sink.field("warnings", grade.warnings.map { $0.text(grade.language) })
                    sink.key("items")
                    sink.array(grade.items) { sink, item in
                        sink.object { sink in
                            sink.field("id", item.id)
                            sink.field("kind", item.kind.rawValue)
                            sink.field("status", item.status)
                            sink.fieldOrNull("reason", item.reason?.rawValue)
                            sink.field("points", item.points)
                            sink.field("earned", item.earned)
                            sink.field("title", item.title.text(grade.language))
                            sink.field("message", item.message.text(grade.language))
                            sink.key("evidence")
                            quoter.write(item.evidence, to: &sink)
                        }
                    }
                }
            }
            sink.key("summary")
            ClassSummary(grades).writeJSON(to: &sink)
        }
    }
}

/// SARIF 2.1.0: one run, the profile's checks as rules with their metadata, one result per failing
/// item of each submission, located at its first evidence line.
public enum GradeSARIF {
    public static func write<Sink: JSONSink>(_ grades: [SubmissionGrade], profile: LabProfile, catalog: RuleCatalog,
                                             language: ReportLanguage, to sink: inout Sink) {
        sink.object { sink in
            sink.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
            sink.field("version", "2.1.0")
            sink.key("runs")
            sink.array { sink in
                sink.object { sink in
                    sink.key("tool")
                    sink.object { sink in
                        sink.key("driver")
                        sink.object { sink in
                            sink.field("name", "vnetdiag")
                            sink.field("version", "0.1.0")
                            sink.field("informationUri", "https://example.invalid/vnetdiag")
                            sink.key("rules")
                            sink.array(profile.checks.compactMap { graded in catalog.checks.first { $0.id == graded.rule } }) { sink, rule in
                                sink.object { sink in
                                    sink.field("id", rule.id)
                                    sink.key("shortDescription"); sink.object { $0.field("text", rule.title.text(language)) }
                                    sink.key("fullDescription"); sink.object { $0.field("text", rule.explanation.text(language)) }
                                    sink.key("help"); sink.object { $0.field("text", rule.fix.text(language)) }
                                    sink.key("defaultConfiguration"); sink.object { $0.field("level", level(rule.severity)) }
                                    sink.key("properties")
                                    sink.object { sink in
                                        sink.field("tags", rule.catalogue)
                                        sink.field("points", profile.checks.first { $0.rule == rule.id }?.points ?? 0)
                                    }
                                }
                            }
                        }
                    }
                    sink.key("results")
                    sink.array { sink in
                        for grade in grades {
                            let quoter = grade.diagnosis?.quoter ?? EvidenceQuoter([])
                            for item in grade.items where item.status == "fail" || item.status == "error" {
                                sink.object { sink in
                                    sink.field("ruleId", item.id)
                                    sink.field("level", item.status == "error" ? "error" : level(item.severity ?? .error))
                                    sink.key("message"); sink.object { $0.field("text", "\(grade.name): \(item.message.text(language))") }
                                    sink.key("locations")
                                    sink.array(item.evidence.prefix(1).flatMap { quoter.quote($0, limit: 1) }) { sink, line in
                                        sink.object { sink in
                                            sink.key("physicalLocation")
                                            sink.object { sink in
                                                sink.key("artifactLocation"); sink.object { $0.field("uri", line.file) }
                                                sink.key("region"); sink.object { $0.field("startLine", line.line) }
                                            }
                                        }
                                    }
                                    sink.key("properties"); sink.object { $0.field("submission", grade.name) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }
}

/// Gradescope's `results.json` for one submission.
public enum GradescopeJSON {
    public static func write<Sink: JSONSink>(_ grade: SubmissionGrade, to sink: inout Sink) {
        let language = grade.language
        sink.object { sink in
            sink.key("score"); sink.double(Double(grade.score))
            sink.field("output", grade.warnings.map { $0.text(language) }.joined(separator: "\n"))
            sink.key("tests")
            sink.array(grade.items) { sink, item in
                sink.object { sink in
                    sink.field("name", item.title.text(language))
                    sink.key("score"); sink.double(Double(item.earned))
                    sink.key("max_score"); sink.double(Double(item.points))
                    sink.field("status", item.status == "pass" ? "passed" : "failed")
                    sink.field("output", item.message.text(language) + (item.fix.map { "\n" + $0.text(language) } ?? ""))
                }
            }
        }
    }
}
