import ArgumentParser
import Foundation
import VNetDiagKit

struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Extract typed events (DHCP, bridge ports, promiscuous mode, vmnet, Xen hotplug...) from syslog or journal output.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, ndjson }

    @Argument(help: "Log files (plain or .gz), or - for standard input. None: standard input.")
    var paths: [String] = []

    @Option(help: "text: one line per event; json: vnetdiag.events/1; ndjson: one event object per line.")
    var format: Format = .text

    @Flag(help: "Print the number of events of each kind instead of the events.")
    var count = false

    @Option(help: "Only events at or after this time (2026-11-25, 2026-11-25T21:40, or with seconds and zone).")
    var since: String?

    @Option(help: "Only events at or before this time.")
    var until: String?

    @Flag(help: "Keep reading a file as it grows, across rotation (like tail -F). Stop with Ctrl-C.")
    var follow = false

    @Option(help: "Year of syslog dates, which have none (default: the file's modification year).")
    var year: Int?

    @OptionGroup var rules: RuleOptions

    func validate() throws {
        if follow && (paths.count != 1 || paths.first == "-") {
            throw ValidationError("--follow reads exactly one file")
        }
        if follow && count { throw ValidationError("--follow and --count do not go together") }
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, TimeArgument.epoch(value) == nil {
                throw ValidationError("\(name): '\(value)' is not a time like 2026-11-25 or 2026-11-25T21:40:00")
            }
        }
    }

    func run() throws {
        try reportingFailures {
            let catalog = try rules.catalog(kinds: [.extractors])
            let scanner = LogScanner(rules: catalog.extractors)
            var options = LogScanOptions(since: since.flatMap(TimeArgument.epoch), until: until.flatMap(TimeArgument.epoch))
            options.chunkSize = 1 << 22
            var stats = LogScanStats()
            var counts: [String: Int] = [:]
            var output = EventOutput(format: format, count: count)
            for path in paths.isEmpty ? ["-"] : paths {
                do {
                    if follow {
                        try LogFollower(path: path, scanner: scanner, options: options, year: year).run { output.emit($0) }
                    } else {
                        var (source, modified) = try LogSources.open(path)
                        let envelopes = EnvelopeReader(year: year ?? Calendar.current.component(.year, from: modified ?? Date()))
                        try scanner.scan(&source, name: path, envelopes: envelopes, options: options, stats: &stats) { event in
                            if count { counts[event.kind, default: 0] += 1 } else { output.emit(event) }
                        }
                    }
                } catch let error as InputError {
                    throw UsageFailure(message: error.description)
                }
            }
            for name in stats.binaryInputs {
                FileHandle.standardError.write(Data("vnetdiag: \(ContentSniffer.binaryWarning(name: name))\n".utf8))
            }
            output.finish(counts: counts, stats: stats)
            exitWithoutTeardown()
        }
    }
}

/// Writes events as they come (text and ndjson stream; json collects the array).
struct EventOutput {
    let format: EventsCommand.Format
    let count: Bool
    var stream = JSONStream(pretty: false, capacity: 1 << 16)
    var started = false

    init(format: EventsCommand.Format, count: Bool) {
        self.format = format
        self.count = count
    }

    mutating func emit(_ event: LogEvent) {
        switch format {
        case .text:
            stream.buffer.append(Array((EventsReport.text(event) + "\n").utf8))
        case .ndjson:
            EventsReport.write(event, to: &stream)
            stream = flushLine(stream)
        case .json:
            if !started {
                stream.beginObject()
                stream.field("schema", EventsReport.schema)
                stream.key("events")
                stream.beginArray()
                started = true
            }
            EventsReport.write(event, to: &stream)
        }
        if stream.buffer.count > 1 << 20 || format != .json { stream = flush(stream) }
    }

    /// ndjson: one complete object per line; a fresh stream so the next object has no comma.
    func flushLine(_ stream: JSONStream) -> JSONStream {
        var current = stream
        current.buffer.append(0x0A)
        writeStandardOutput(current.buffer)
        return JSONStream(pretty: false, capacity: 1 << 16)
    }

    func flush(_ stream: JSONStream) -> JSONStream {
        guard format != .json else {
            // Keep the open array's state; write what is done and continue in place.
            writeStandardOutput(stream.buffer)
            var next = stream
            next.buffer = ByteBuffer(capacity: 1 << 16)
            return next
        }
        writeStandardOutput(stream.buffer)
        return JSONStream(pretty: false, capacity: 1 << 16)
    }

    mutating func finish(counts: [String: Int], stats: LogScanStats) {
        if count {
            var out = JSONStream(pretty: format == .json, capacity: 4096)
            switch format {
            case .text:
                let lines = counts.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value)" }
                out.buffer.append(Array((lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")).utf8))
            case .json, .ndjson:
                EventsReport.writeCounts(counts, stats: stats, to: &out)
                out.buffer.append(0x0A)
            }
            writeStandardOutput(out.buffer)
            return
        }
        if format == .json {
            if !started {
                stream.beginObject()
                stream.field("schema", EventsReport.schema)
                stream.key("events")
                stream.beginArray()
            }
            stream.endArray()
            EventsReport.writeStats(stats, to: &stream)
            stream.endObject()
            stream.buffer.append(0x0A)
        }
        writeStandardOutput(stream.buffer)
    }
}

/// `--since` / `--until` values.
enum TimeArgument {
    static func epoch(_ text: String) -> Double? {
        let formats = ["yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm",
                       "yyyy-MM-dd HH:mm", "yyyy-MM-dd"]
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
        }
        return nil
    }
}
