/// The `machines` list of `vnetdiag.report/1`: each machine's name and where the name came
/// from, its role with every reason and the lines each rests on, and the sections it was read from.
public enum MachineJSON {
    public static func write<Sink: JSONSink>(_ machines: [Machine], language: ReportLanguage = .en, to sink: inout Sink) {
        sink.array(machines) { sink, machine in writeMachine(machine, language: language, to: &sink) }
    }

    public static func json(_ machines: [Machine]) -> JSONValue {
        JSONTreeBuilder.build { write(machines, to: &$0) }
    }

    static func writeMachine<Sink: JSONSink>(_ machine: Machine, language: ReportLanguage, to sink: inout Sink) {
        let quoter = EvidenceQuoter(machine.sections)
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
                    sink.field("message", reason.message.text(language))
                    sink.key("evidence")
                    quoter.write(reason.origin, limit: 8, to: &sink)
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
}
