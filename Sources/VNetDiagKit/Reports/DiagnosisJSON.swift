/// `vnetdiag.report/1` (DESIGN.md): mode, machines, topology, findings, summary, coverage.
public enum DiagnosisJSON {
    public static func write<Sink: JSONSink>(_ diagnosis: Diagnosis, language: ReportLanguage, to sink: inout Sink) {
        writing(diagnosis, language: language, to: &sink)
    }

    /// The command line's entry: concrete, so the whole writer is specialised for `JSONStream`
    /// (a generic call from another module runs every sink call through witness tables).
    public static func write(_ diagnosis: Diagnosis, language: ReportLanguage, to stream: inout JSONStream) {
        writing(diagnosis, language: language, to: &stream)
    }

    private static func writing<Sink: JSONSink>(_ diagnosis: Diagnosis, language: ReportLanguage, to sink: inout Sink) {
        let quoter = diagnosis.quoter
        sink.object { sink in
            sink.field("schema", "vnetdiag.report/1")
            sink.key("mode")
            writeMode(diagnosis.verdict, language: language, quoter: quoter, to: &sink)
            sink.key("machines")
            MachineJSON.write(diagnosis.machines, language: language, to: &sink)
            sink.key("topology")
            TopologyJSON.write(diagnosis.topology, to: &sink)
            sink.key("findings")
            FindingsJSON.write(diagnosis.checks, language: language, quoter: quoter, to: &sink)
            sink.key("summary")
            sink.object { sink in
                sink.field("machines", diagnosis.machines.count)
                sink.field("sidesSeen", diagnosis.topology.sidesSeen)
                sink.field("sections", diagnosis.results.count)
                sink.field("sectionsRead", diagnosis.readSections.count)
                sink.field("sectionsNotRead", diagnosis.unreadSections.count)
                sink.field("unparsedLines", diagnosis.unparsedLineCount)
                sink.field("checkedMode", diagnosis.checkMode.id)
                sink.key("checks")
                FindingsJSON.writeTally(diagnosis.tally, to: &sink)
            }
            sink.key("coverage")
            sink.array(diagnosis.results) { sink, result in
                sink.object { sink in
                    sink.sectionLocation(result.section)
                    sink.field("format", result.section.format.rawValue)
                    sink.fieldOrNull("machine", result.machine)
                    sink.field("records", result.parsed.records.count)
                    sink.field("unparsed", result.parsed.unparsed.count)
                }
            }
        }
    }

    static func writeMode<Sink: JSONSink>(_ verdict: ModeVerdict, language: ReportLanguage, quoter: EvidenceQuoter, to sink: inout Sink) {
        sink.object { sink in
            sink.fieldOrNull("hypervisor", verdict.hypervisor)
            sink.fieldOrNull("mode", verdict.mode)
            sink.field("id", verdict.id)
            sink.fieldOrNull("title", verdict.winner?.rule.title.text(language))
            sink.key("confidence")
            sink.double(verdict.confidence)
            sink.field("margin", verdict.margin)
            sink.key("runnerUp")
            if let runnerUp = verdict.runnerUp {
                sink.object { sink in
                    sink.field("id", runnerUp.rule.id)
                    sink.field("score", runnerUp.score)
                }
            } else {
                sink.null()
            }
            sink.field("score", verdict.winner?.score ?? verdict.candidates.first?.score ?? 0)
            sink.key("evidence")
            sink.array(verdict.winner?.matched ?? []) { sink, item in writeEvidence(item, language: language, quoter: quoter, to: &sink) }
            sink.key("candidates")
            sink.array(verdict.candidates) { sink, candidate in
                sink.object { sink in
                    sink.field("id", candidate.rule.id)
                    sink.field("score", candidate.score)
                    sink.key("evidence")
                    sink.array(candidate.matched) { sink, item in writeEvidence(item, language: language, quoter: quoter, to: &sink) }
                }
            }
            sink.key("scores")
            sink.array(verdict.scores) { sink, score in
                sink.object { sink in
                    sink.field("id", score.rule.id)
                    sink.field("score", score.score)
                }
            }
            sink.fieldOrNull("missing", verdict.missing)
        }
    }

    static func writeEvidence<Sink: JSONSink>(_ item: (evidence: ModeRule.Evidence, facts: [TopologyFact]), language: ReportLanguage,
                                              quoter: EvidenceQuoter, to sink: inout Sink) {
        sink.object { sink in
            sink.field("fact", item.evidence.fact)
            sink.field("weight", item.evidence.weight)
            sink.field("why", item.evidence.why.text(language))
            sink.key("seen")
            sink.array(item.facts) { sink, fact in
                sink.object { sink in
                    sink.field("machine", fact.machine)
                    sink.field("subject", fact.subject)
                    sink.field("message", fact.message)
                    sink.key("lines")
                    quoter.write(fact.origin, to: &sink)
                }
            }
        }
    }
}

/// The `topology` object: nodes, edges (observed or inferred, with evidence), subnets.
public enum TopologyJSON {
    public static func write<Sink: JSONSink>(_ topology: Topology, to sink: inout Sink) {
        sink.object { sink in
            sink.field("sidesSeen", topology.sidesSeen)
            sink.key("nodes")
            sink.array(topology.nodes) { sink, node in
                sink.object { sink in
                    sink.field("id", node.id)
                    sink.field("kind", node.kind.rawValue)
                    sink.field("label", node.label)
                    sink.fieldOrNull("role", node.role)
                    sink.field("details", node.details)
                }
            }
            sink.key("edges")
            sink.array(topology.edges) { sink, edge in
                sink.object { sink in
                    sink.field("from", edge.from)
                    sink.field("to", edge.to)
                    sink.field("label", edge.label)
                    sink.field("kind", edge.kind)
                    sink.field("observed", edge.observed)
                    sink.key("evidence")
                    sink.array(edge.evidence) { sink, origin in sink.object { $0.origin(origin) } }
                }
            }
            sink.key("segments")
            sink.array(topology.segments) { sink, segment in
                sink.object { sink in
                    sink.field("node", segment.node)
                    sink.key("members")
                    sink.array(segment.members) { sink, member in
                        sink.object { sink in
                            sink.field("node", member.node)
                            sink.field("observed", member.observed)
                        }
                    }
                }
            }
            sink.key("subnets")
            sink.array(topology.subnets) { sink, subnet in
                sink.object { sink in
                    sink.field("network", "\(subnet.network)/\(subnet.prefixLength)")
                    sink.field("members", subnet.members)
                }
            }
        }
    }
}
