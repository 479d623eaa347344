import Foundation
import PCRE2

/// What a scan read and kept.
public struct LogScanStats: Sendable, Equatable {
    public var bytes = 0
    public var lines = 0
    /// Lines that held a rule's literal and went through the envelope and patterns.
    public var candidates = 0
    public var events = 0
    /// Lines longer than the limit (their events are not read) and matches stopped by a limit.
    public var skippedLongLines = 0
    public var patternErrors = 0
    public var outsideTimeWindow = 0
    /// Inputs not scanned because their first bytes look binary (`ContentSniffer`), by name.
    public var binaryInputs: [String] = []

    public init() {}

    /// Adds what a piece of the same input found (its bytes and lines are counted by the caller).
    mutating func add(_ piece: LogScanStats) {
        candidates += piece.candidates
        events += piece.events
        skippedLongLines += piece.skippedLongLines
        patternErrors += piece.patternErrors
        outsideTimeWindow += piece.outsideTimeWindow
    }
}

public struct LogScanOptions: Sendable {
    public var since: Double?
    public var until: Double?
    public var maxLineLength = 1 << 16
    public var chunkSize = 1 << 22
    /// Pieces of each chunk scanned at once (one per core by default).
    public var parallelism = ParallelMap.activeProcessorCount

    public init(since: Double? = nil, until: Double? = nil) {
        self.since = since
        self.until = until
    }
}

/// One pass over a log's bytes for all extractors: the rules' literals are searched over the
/// whole chunk at once (`LiteralPrefilter`, no per-line work), and only the lines holding one go
/// through the envelope and the rules' PCRE2 patterns. No String per line.
public struct LogScanner: Sendable {
    public let rules: [ExtractorRule]
    private let prefilter: LiteralPrefilter
    /// Rules with no literal run on every line.
    private let unfiltered: [Int]
    /// The rules that require each of the prefilter's literals (same order).
    private let rulesByLiteral: [[Int]]

    public init(rules: [ExtractorRule]) {
        self.rules = rules
        var byLiteral: [String: [Int]] = [:]
        var always: [Int] = []
        for (index, rule) in rules.enumerated() {
            if rule.require.isEmpty { always.append(index) }
            for literal in rule.require { byLiteral[literal, default: []].append(index) }
        }
        let sorted = byLiteral.sorted { $0.key < $1.key }
        rulesByLiteral = sorted.map(\.value)
        unfiltered = always
        prefilter = LiteralPrefilter(sorted.map { Array($0.key.utf8) })
    }

    /// Scans a source to its end, calling `emit` for each event in line order.
    public func scan(_ source: inout any ChunkSource, name: String, envelopes: EnvelopeReader,
                     options: LogScanOptions = LogScanOptions(), stats: inout LogScanStats,
                     emit: (LogEvent) -> Void) throws(InputError) {
        if let file = source.regularFile {
            try scanRegularFile(file, name: name, envelopes: envelopes, options: options, stats: &stats, emit: emit)
            return
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(options.chunkSize * 2)
        var lineNumber = 1
        var ended = false
        var sniffed = false
        while !ended {
            let got = try source.read(into: &buffer, limit: options.chunkSize)
            stats.bytes += got
            ended = got == 0
            if !sniffed, ended || buffer.count >= ContentSniffer.sniffLength {
                sniffed = true
                if ContentSniffer.looksBinary(buffer) {
                    stats.binaryInputs.append(name)
                    return
                }
            }
            // Work on complete lines; the tail waits for the next chunk (or is the last line).
            let end: Int
            if ended {
                end = buffer.count
            } else if let lastNewline = buffer.lastIndex(of: 0x0A) {
                end = lastNewline + 1
            } else if buffer.count > options.maxLineLength {
                // A line longer than the limit: skip it to its end, in bounded memory.
                stats.skippedLongLines += 1
                buffer.removeAll(keepingCapacity: true)
                try skipToNewline(&source, &buffer, options: options, stats: &stats)
                lineNumber += 1
                continue
            } else {
                continue
            }
            guard end > 0 else { continue }
            buffer.withUnsafeBytes { raw in
                let region = UnsafeRawBufferPointer(rebasing: raw[0..<end])
                let newlines = scanInParallel(region, name: name, firstLine: lineNumber, envelopes: envelopes,
                                              options: options, stats: &stats, emit: emit)
                lineNumber += newlines
                stats.lines += newlines + (ended && region.last != 0x0A ? 1 : 0)
            }
            buffer.removeFirst(end)
        }
    }

    /// Cuts a region of complete lines into one piece per core (at line ends), scans the pieces at
    /// once, then hands their events on in file order with their line numbers put right.
    /// Returns the region's newline count.
    private func scanInParallel(_ region: UnsafeRawBufferPointer, name: String, firstLine: Int,
                                envelopes: EnvelopeReader, options: LogScanOptions, stats: inout LogScanStats,
                                emit: (LogEvent) -> Void) -> Int {
        let pieces = options.parallelism
        guard pieces > 1, region.count >= 1 << 20 else {
            return scanRegion(region, name: name, firstLine: firstLine, envelopes: envelopes, options: options,
                              stats: &stats, emit: emit)
        }
        var bounds: [Range<Int>] = []
        var start = 0
        for index in 1...pieces {
            var end = index == pieces ? region.count : region.count * index / pieces
            while end < region.count && end > start && region[end - 1] != 0x0A { end += 1 }
            if end > start { bounds.append(start..<end) }
            start = end
        }
        let base = UInt(bitPattern: region.baseAddress!)
        let results = ParallelMap.map(bounds) { range -> (events: [LogEvent], stats: LogScanStats, newlines: Int) in
            let piece = UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: base + UInt(range.lowerBound)),
                                               count: range.count)
            var events: [LogEvent] = []
            var pieceStats = LogScanStats()
            let newlines = scanRegion(piece, name: name, firstLine: 1, envelopes: envelopes, options: options,
                                      stats: &pieceStats, emit: { events.append($0) })
            return (events, pieceStats, newlines)
        }
        var offset = firstLine - 1
        for result in results {
            emitShifted(result.events, by: offset, emit)
            stats.add(result.stats)
            offset += result.newlines
        }
        return offset - (firstLine - 1)
    }

    /// Events of a piece scanned with its own line numbers, renumbered after the `lines` before it.
    func emitShifted(_ events: [LogEvent], by lines: Int, _ emit: (LogEvent) -> Void) {
        for var event in events {
            event.origin.line += lines
            emit(event)
        }
    }

    private func skipToNewline(_ source: inout any ChunkSource, _ buffer: inout [UInt8], options: LogScanOptions,
                               stats: inout LogScanStats) throws(InputError) {
        while true {
            let got = try source.read(into: &buffer, limit: options.chunkSize)
            stats.bytes += got
            if got == 0 { buffer.removeAll(); return }
            if let newline = buffer.firstIndex(of: 0x0A) {
                buffer.removeFirst(newline + 1)
                stats.lines += 1
                return
            }
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Finds candidate lines in `region` (complete lines) and runs the rules on them.
    @discardableResult
    func scanRegion(_ region: UnsafeRawBufferPointer, name: String, firstLine: Int, envelopes: EnvelopeReader,
                    options: LogScanOptions, stats: inout LogScanStats, emit: (LogEvent) -> Void) -> Int {
        let base = region.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var countedUpTo = 0
        var lineNumber = firstLine
        var position = 0
        var cursor = prefilter.cursor()
        func lineBounds(around offset: Int) -> Range<Int> {
            var start = offset
            while start > 0 && region[start - 1] != 0x0A { start -= 1 }
            let end = memchrIndex(base, from: offset, count: region.count, byte: 0x0A) ?? region.count
            return start..<end
        }
        while position < region.count {
            let lineRange: Range<Int>
            if !unfiltered.isEmpty {
                lineRange = lineBounds(around: position)
            } else {
                guard let hit = prefilter.firstOccurrence(in: region, from: position, cursor: &cursor) else { break }
                lineRange = lineBounds(around: hit)
            }
            lineNumber += countNewlines(UnsafeRawBufferPointer(rebasing: region[countedUpTo..<lineRange.lowerBound]))
            countedUpTo = lineRange.lowerBound
            var line = UnsafeRawBufferPointer(rebasing: region[lineRange])
            if line.last == 0x0D { line = UnsafeRawBufferPointer(rebasing: line[0..<(line.count - 1)]) }
            if line.count > options.maxLineLength {
                stats.skippedLongLines += 1
            } else {
                stats.candidates += 1
                process(line, number: lineNumber, name: name, envelopes: envelopes, options: options, stats: &stats, emit: emit)
            }
            position = lineRange.upperBound + 1
        }
        // The region's newlines, counted once: up to the last candidate above, the rest here.
        return lineNumber - firstLine + countNewlines(UnsafeRawBufferPointer(rebasing: region[countedUpTo...]))
    }

    private func process(_ line: UnsafeRawBufferPointer, number: Int, name: String, envelopes: EnvelopeReader,
                         options: LogScanOptions, stats: inout LogScanStats, emit: (LogEvent) -> Void) {
        var candidates = unfiltered
        // In literal order, as before the one-pass lookup: a line that fires several rules keeps its events' order.
        for literal in prefilter.literals(in: line) { candidates.append(contentsOf: rulesByLiteral[literal]) }
        guard !candidates.isEmpty else { return }
        let envelope = envelopes.read(line)
        if let epoch = envelope.time?.epoch {
            if let since = options.since, epoch < since { stats.outsideTimeWindow += 1; return }
            if let until = options.until, epoch > until { stats.outsideTimeWindow += 1; return }
        }
        var text: String? = nil
        for (position, index) in candidates.enumerated() where !candidates[..<position].contains(index) {
            extract(rules[index], line: line, envelope: envelope, number: number, name: name, text: &text,
                    stats: &stats, emit: emit)
        }
    }

    /// One rule over a candidate line; the rule is passed from the array, not bound to a local copy
    /// (which retained each of its fields).
    private func extract(_ rule: ExtractorRule, line: UnsafeRawBufferPointer, envelope: LogEnvelope,
                         number: Int, name: String, text: inout String?, stats: inout LogScanStats,
                         emit: (LogEvent) -> Void) {
        if !rule.programs.isEmpty, !rule.programs.contains(envelope.program ?? "") { return }
        let fields: [(name: String, value: String)]?
        do {
            if let decoded = envelope.decodedMessage {
                var copy = decoded
                fields = try copy.withUTF8 { utf8 throws(PCRE2Error) in try rule.extract(message: UnsafeRawBufferPointer(utf8)) }
            } else {
                fields = try rule.extract(message: UnsafeRawBufferPointer(rebasing: line[envelope.message]))
            }
        } catch {
            stats.patternErrors += 1
            return
        }
        guard let fields else { return }
        if text == nil { text = String(decoding: line, as: UTF8.self) }
        stats.events += 1
        emit(LogEvent(kind: rule.event, rule: rule.id, time: envelope.time, host: envelope.host,
                      program: envelope.program, pid: envelope.pid, fields: fields,
                      origin: LogLine(source: name, line: number, text: text!)))
    }

    func countNewlines(_ bytes: UnsafeRawBufferPointer) -> Int { ByteWords.count(0x0A, in: bytes) }
}
