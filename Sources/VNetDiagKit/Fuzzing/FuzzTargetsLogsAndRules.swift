import Foundation

extension FuzzTargets {
    /// The built-in rules, loaded once: extractors for `syslog`, modes for the examples `rules` runs.
    static let catalog = (try? RuleCatalog.load()) ?? RuleCatalog()
    static let scanner = LogScanner(rules: catalog.extractors)
    /// A fixed year and zone: the same bytes give the same events on any machine and any day.
    static let envelopes = EnvelopeReader(year: 2024, timeZone: TimeZone(identifier: "UTC")!)

    static func syslog(_ bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        // Every line through the envelope reader, not only those holding an extractor's literal.
        var lineStart = 0
        for end in bytes.indices.filter({ bytes[$0] == 0x0A }) + [bytes.count] {
            bytes[lineStart..<end].withUnsafeBytes { line in
                let message = envelopes.read(line).message
                if message.lowerBound < 0 || message.upperBound > line.count {
                    problems.append("envelope message \(message) outside a line of \(line.count) bytes")
                }
            }
            lineStart = end + 1
        }
        // One chunk, then chunks far smaller than the lines: where a chunk ends must not change the events.
        var small = LogScanOptions()
        small.chunkSize = 97
        let whole = scan(bytes, options: LogScanOptions())
        let chunked = scan(bytes, options: small)
        if whole.map(\.summary) != chunked.map(\.summary) {
            problems.append("\(whole.count) events read whole, \(chunked.count) read in small chunks")
        }
        let lines = bytes.count(where: { $0 == 0x0A }) + 1
        for event in whole where event.origin.line < 1 || event.origin.line > lines {
            problems.append("event \(event.kind) on line \(event.origin.line) of \(lines)")
        }
        // The same bytes pasted as a log section.
        var pipeline = ParsePipeline(sniffer: sniffer)
        pipeline.parallelism = 1
        let document = document(bytes)
        problems += resultProblems(pipeline.parse(document, forcedFormat: SyslogParser.format), in: document)
        return problems
    }

    static func scan(_ bytes: [UInt8], options base: LogScanOptions, rules: LogScanner = scanner) -> [LogEvent] {
        var options = base
        options.parallelism = 1
        var source: any ChunkSource = BufferSource(bytes: bytes)
        var stats = LogScanStats()
        var events: [LogEvent] = []
        try? rules.scan(&source, name: inputName, envelopes: envelopes, options: options, stats: &stats) { events.append($0) }
        return events
    }

    /// The bytes as a rule file of each kind, named after its `id:` line so the file-name check
    /// lets it through; the examples of a rule that loads are run as `vnetdiag rules test` runs them.
    static func rules(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        let lineCount = yamlLineCount(text)
        var problems: [String] = []
        for folder in ["extractors", "modes", "checks"] {
            let path = "rules/\(folder)/\(ruleID(in: text)).yaml"
            var loaded = RuleCatalog()
            for error in loaded.addCollectingErrors(files: [(path, text)]) {
                if error.file != path { problems.append("error names \(error.file), not \(path)") }
                if let line = error.line, line < 0 || line > lineCount + 1 {
                    problems.append("error on line \(line) of a \(lineCount)-line file: \(error.message)")
                }
            }
            for rule in loaded.extractors {
                for example in rule.fireExamples + rule.quietExamples {
                    let events = scan(Array((example.line + "\n").utf8), options: LogScanOptions(), rules: LogScanner(rules: [rule]))
                    if events.contains(where: { $0.kind != rule.event }) { problems.append("extractor emitted another rule's event") }
                }
            }
            // Inline examples only: a `fixture:` names a folder to read, and the fuzzer must not read files.
            let runner = CheckExampleRunner(catalog: catalog, root: "/nonexistent")
            for rule in loaded.checks {
                for example in rule.examples where example.fixture == nil { _ = runner.verdict(rule, example) }
            }
        }
        return problems
    }

    /// Lines as YAML counts them for its error marks: CR, LF, CRLF, NEL, LS and PS each end one.
    static func yamlLineCount(_ text: String) -> Int {
        var count = 1
        var afterCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": if !afterCR { count += 1 }
            case "\r", "\u{85}", "\u{2028}", "\u{2029}": count += 1
            default: break
            }
            afterCR = scalar == "\r"
        }
        return count
    }

    /// The value of the first `id:` line, without quotes; `fuzz` when there is none.
    static func ruleID(in text: String) -> String {
        for line in text.split(separator: "\n") where line.hasPrefix("id:") {
            let value = line.dropFirst(3).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["'", "\""])
            if !value.isEmpty, !value.contains("/") { return value }
        }
        return "fuzz"
    }
}

extension LogEvent {
    /// What two scans of the same bytes must agree on.
    var summary: String {
        "\(origin.line) \(rule) \(kind) " + fields.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
    }
}
