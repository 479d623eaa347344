import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Events as text, JSON (`vnetdiag.events/1`) or one JSON object per line, and counts per kind.
public enum EventsReport {
    public static let schema = "vnetdiag.events/1"

    /// UTC, with microseconds when the stamp had a fraction: `2026-11-25T21:42:21.066851Z`.
    public static func iso(_ epoch: Double) -> String {
        var seconds = time_t(epoch.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var text = "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
        let micros = Int(((epoch - epoch.rounded(.down)) * 1_000_000).rounded())
        if micros > 0 {
            let digits = String(micros)
            text += "." + String(repeating: "0", count: 6 - digits.count) + digits
        }
        return text + "Z"
    }

    public static func write<Sink: JSONSink>(_ event: LogEvent, to sink: inout Sink) {
        writing(event, to: &sink)
    }

    /// The command line's entry: concrete, so the whole writer is specialised for `JSONStream`
    /// (a generic call from another module runs every sink call through witness tables).
    public static func write(_ event: LogEvent, to stream: inout JSONStream) {
        writing(event, to: &stream)
    }

    private static func writing<Sink: JSONSink>(_ event: LogEvent, to sink: inout Sink) {
        sink.object { sink in
            sink.field("kind", event.kind)
            sink.field("rule", event.rule)
            sink.key("time")
            if let epoch = event.time?.epoch { sink.string(iso(epoch)) } else { sink.null() }
            sink.field("timeText", event.time?.text)
            if let monotonic = event.time?.monotonic {
                sink.key("monotonic")
                sink.double(monotonic)
            }
            sink.field("host", event.host)
            sink.field("program", event.program)
            sink.field("pid", event.pid)
            sink.key("fields")
            sink.object { sink in
                for (name, value) in event.fields { sink.field(JSONKey(name), value) }
            }
            sink.key("source")
            sink.object { sink in
                sink.field("file", event.origin.source)
                sink.field("line", event.origin.line)
                sink.field("text", event.origin.text)
            }
        }
    }

    /// `2026-11-25T21:42:21Z host vmnet-dhcpd  dhcp.ack  ip=172.16.62.128 mac=... (syslog:12)`
    public static func text(_ event: LogEvent) -> String {
        var parts: [String] = []
        if let epoch = event.time?.epoch { parts.append(iso(epoch)) } else if let text = event.time?.text { parts.append(text) }
        if let host = event.host { parts.append(host) }
        if let program = event.program { parts.append(program) }
        parts.append(event.kind)
        parts.append(contentsOf: event.fields.map { "\($0.name)=\($0.value)" })
        parts.append("(\(event.origin.source):\(event.origin.line))")
        return parts.joined(separator: " ")
    }

    public static func writeCounts<Sink: JSONSink>(_ counts: [String: Int], stats: LogScanStats, to sink: inout Sink) {
        sink.object { sink in
            sink.field("schema", schema)
            sink.key("counts")
            sink.object { sink in
                for (kind, count) in counts.sorted(by: { $0.key < $1.key }) { sink.field(JSONKey(kind), count) }
            }
            writeStats(stats, to: &sink)
        }
    }

    public static func writeStats<Sink: JSONSink>(_ stats: LogScanStats, to sink: inout Sink) {
        sink.key("scanned")
        sink.object { sink in
            sink.field("bytes", stats.bytes)
            sink.field("lines", stats.lines)
            sink.field("candidateLines", stats.candidates)
            sink.field("events", stats.events)
            sink.field("skippedLongLines", stats.skippedLongLines)
            sink.field("patternErrors", stats.patternErrors)
            sink.field("outsideTimeWindow", stats.outsideTimeWindow)
            sink.field("binaryInputs", stats.binaryInputs)
        }
    }
}
