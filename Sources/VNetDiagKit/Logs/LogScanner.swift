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
    private let literals: [(bytes: [UInt8], rules: [Int])]

    public init(rules: [ExtractorRule]) {
        self.rules = rules
        var byLiteral: [String: [Int]] = [:]
        var always: [Int] = []
        for (index, rule) in rules.enumerated() {
            if rule.require.isEmpty { always.append(index) }
            for literal in rule.require { byLiteral[literal, default: []].append(index) }
        }
        let sorted = byLiteral.sorted { $0.key < $1.key }
        literals = sorted.map { (Array($0.key.utf8), $0.value) }
        unfiltered = always
        prefilter = LiteralPrefilter(sorted.map { Array($0.key.utf8) })
    }

    /// Scans a source to its end, calling `emit` for each event in line order.
    public func scan(_ source: inout any ChunkSource, name: String, envelopes: EnvelopeReader,
                     options: LogScanOptions = LogScanOptions(), stats: inout LogScanStats,
                     emit: (LogEvent) -> Void) throws(InputError) {
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
            for event in result.events {
                emit(LogEvent(kind: event.kind, rule: event.rule, time: event.time, host: event.host,
                              program: event.program, pid: event.pid, fields: event.fields,
                              origin: LogLine(source: event.origin.source, line: event.origin.line + offset,
                                              text: event.origin.text)))
            }
            stats.candidates += result.stats.candidates
            stats.events += result.stats.events
            stats.skippedLongLines += result.stats.skippedLongLines
            stats.patternErrors += result.stats.patternErrors
            stats.outsideTimeWindow += result.stats.outsideTimeWindow
            offset += result.newlines
        }
        return offset - (firstLine - 1)
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
    private func scanRegion(_ region: UnsafeRawBufferPointer, name: String, firstLine: Int, envelopes: EnvelopeReader,
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
        for literal in literals where literal.bytes.withUnsafeBufferPointer({ needle in
            findBytes(line.baseAddress!.assumingMemoryBound(to: UInt8.self), count: line.count,
                      needle: needle.baseAddress!, needleCount: needle.count) != nil
        }) {
            candidates.append(contentsOf: literal.rules)
        }
        guard !candidates.isEmpty else { return }
        let envelope = envelopes.read(line)
        if let epoch = envelope.time?.epoch {
            if let since = options.since, epoch < since { stats.outsideTimeWindow += 1; return }
            if let until = options.until, epoch > until { stats.outsideTimeWindow += 1; return }
        }
        var text: String? = nil
        var seen = Set<Int>()
        for index in candidates where seen.insert(index).inserted {
            let rule = rules[index]
            if !rule.programs.isEmpty, !rule.programs.contains(envelope.program ?? "") { continue }
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
                continue
            }
            guard let fields else { continue }
            if text == nil { text = String(decoding: line, as: UTF8.self) }
            stats.events += 1
            emit(LogEvent(kind: rule.event, rule: rule.id, time: envelope.time, host: envelope.host,
                          program: envelope.program, pid: envelope.pid, fields: fields,
                          origin: LogLine(source: name, line: number, text: text!)))
        }
    }

    /// Newlines in a buffer, eight bytes at a time.
    func countNewlines(_ bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ ByteWords.splat(0x0A)
            // A zero byte marks a newline; counted exactly (no false positives from borrows).
            count += ByteWords.exactZeroLanes(word).nonzeroBitCount
            offset += 8
        }
        while offset < bytes.count {
            if bytes[offset] == 0x0A { count += 1 }
            offset += 1
        }
        return count
    }
}
