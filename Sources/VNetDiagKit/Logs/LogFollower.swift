import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `--follow`: reads a log to its end, then keeps reading what is appended, like `tail -F`. When
/// the file is replaced (rotation: another inode at the path) or cut (smaller than what was read),
/// it starts again at the beginning of the new file. Runs until the process is stopped.
public struct LogFollower {
    public let path: String
    public let scanner: LogScanner
    public let options: LogScanOptions
    public let year: Int?
    public var pollInterval: Double = 0.25

    public init(path: String, scanner: LogScanner, options: LogScanOptions, year: Int?) {
        self.path = path
        self.scanner = scanner
        self.options = options
        self.year = year
    }

    /// Follows until `shouldStop` says so (the command never stops; tests do).
    public func run(shouldStop: () -> Bool = { false }, emit: (LogEvent) -> Void) throws(InputError) {
        var descriptor: Int32 = -1
        var inode: ino_t = 0
        var offset: off_t = 0
        var pending: [UInt8] = []
        var lineNumber = 1
        let envelopes = EnvelopeReader(year: year ?? Calendar.current.component(.year, from: Date()))
        defer { if descriptor >= 0 { close(descriptor) } }
        while !shouldStop() {
            var status = stat()
            if stat(path, &status) == 0, status.st_ino != inode || status.st_size < offset {
                // New file at the path (rotated) or the file was truncated: read it from the start.
                if descriptor >= 0 { close(descriptor) }
                descriptor = open(path, O_RDONLY)
                inode = status.st_ino
                offset = 0
                pending.removeAll()
                lineNumber = 1
            }
            guard descriptor >= 0 else {
                // Not there (between the steps of a rotation): wait for it.
                usleep(useconds_t(pollInterval * 1_000_000))
                continue
            }
            var source: any ChunkSource = DescriptorSource(descriptor: descriptor, name: path)
            let got = try source.read(into: &pending, limit: min(options.chunkSize, 1 << 16))
            offset += off_t(got)
            if let lastNewline = pending.lastIndex(of: 0x0A) {
                var complete: any ChunkSource = BufferSource(bytes: Array(pending[...lastNewline]))
                pending.removeFirst(lastNewline + 1)
                var stats = LogScanStats()
                let first = lineNumber
                try scanner.scan(&complete, name: path, envelopes: envelopes, options: options, stats: &stats) { event in
                    emit(LogEvent(kind: event.kind, rule: event.rule, time: event.time, host: event.host,
                                  program: event.program, pid: event.pid, fields: event.fields,
                                  origin: LogLine(source: event.origin.source, line: event.origin.line + first - 1,
                                                  text: event.origin.text)))
                }
                lineNumber += stats.lines
            }
            if got == 0 { usleep(useconds_t(pollInterval * 1_000_000)) }
        }
    }
}

/// Bytes already in memory as a chunk source.
public struct BufferSource: ChunkSource {
    var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    public mutating func read(into buffer: inout [UInt8], limit: Int) throws(InputError) -> Int {
        let count = min(limit, bytes.count)
        buffer.append(contentsOf: bytes.prefix(count))
        bytes.removeFirst(count)
        return count
    }
}
