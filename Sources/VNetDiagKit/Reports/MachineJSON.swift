/// The `machines` list of `vnetdiag.report/1`: each machine's name and where the name came
/// from, its role with every reason and the lines each rests on, and the sections it was read from.
public enum MachineJSON {
    public static func write<Sink: JSONSink>(_ machines: [Machine], to sink: inout Sink) {
        sink.array(machines) { sink, machine in writeMachine(machine, to: &sink) }
    }

    public static func json(_ machines: [Machine]) -> JSONValue {
        JSONTreeBuilder.build { write(machines, to: &$0) }
    }

    static func writeMachine<Sink: JSONSink>(_ machine: Machine, to sink: inout Sink) {
        let documents = Dictionary(machine.sections.map { ($0.section.source, $0.section.document) },
                                   uniquingKeysWith: { first, _ in first })
        sink.object { sink in
            sink.field("name", machine.name)
            sink.field("nameSource", machine.nameSource.rawValue)
            sink.field("aliases", machine.aliases)
            sink.field("role", machine.role.rawValue)
            sink.key("roleReasons")
            sink.array(machine.roleReasons) { sink, reason in
                sink.object { sink in
                    sink.field("role", reason.role.rawValue)
                    sink.field("weight", reason.weight)
                    sink.field("message", reason.message)
                    sink.key("evidence")
                    sink.array(evidence(reason.origin, in: documents)) { sink, line in
                        sink.object { sink in
                            sink.field("file", line.file)
                            sink.field("line", line.number)
                            sink.field("text", line.text)
                        }
                    }
                }
            }
            sink.key("sections")
            sink.array(machine.sections) { sink, result in
                sink.object { sink in
                    sink.field("source", result.section.source)
                    sink.field("format", result.section.format.rawValue)
                    sink.field("records", result.parsed.records.count)
                }
            }
        }
    }

    /// The lines an origin covers, as `{file, line, text}` (at most the first eight).
    static func evidence(_ origin: Provenance?, in documents: [String: TextDocument]) -> [(file: String, number: Int, text: String)] {
        guard let origin, let document = documents[origin.source] else { return [] }
        let last = min(origin.lastLine, origin.firstLine + 7, document.lineCount)
        guard origin.firstLine <= last else { return [] }
        return (origin.firstLine...last).map { (origin.source, $0, document.text(ofLine: $0)) }
    }
}
