import Foundation
import Testing
@testable import VNetDiagKit

/// A regular file is scanned by pieces that each core reads for itself; whatever the piece size,
/// the events, their line numbers and the counts must be those of reading the same bytes in order.
@Suite struct RegularFileScanTests {
    /// A log with lines of many lengths (some empty, some CRLF, some invalid UTF-8) and events
    /// scattered among them, so that piece boundaries fall everywhere: before, inside and just
    /// after an event's line and its newline.
    static func generatedLog(lines: Int, endsWithNewline: Bool) -> [UInt8] {
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % bound
        }
        var bytes: [UInt8] = []
        for index in 0..<lines {
            switch next(9) {
            case 0: bytes += Array("Nov 25 10:00:01 h kernel: device vif\(index).0 entered promiscuous mode".utf8)
            case 1: bytes += Array("Nov 25 10:00:02 h vmnet-dhcpd: DHCPACK on 10.0.0.\(index % 250) to 00:0c:29:00:00:\(String(format: "%02x", index % 256)) via vmnet8".utf8)
            case 2: bytes += []
            case 3: bytes += Array(repeating: UInt8(ascii: "z"), count: next(300)) + [0xC3, 0x28]
            default: bytes += Array("Nov 25 10:00:03 h sshd[\(index)]: session closed for user \(String(repeating: "s", count: next(40)))".utf8)
            }
            if next(7) == 0 { bytes.append(0x0D) }
            if index < lines - 1 || endsWithNewline { bytes.append(0x0A) }
        }
        return bytes
    }

    static func scanFile(_ bytes: [UInt8], options: LogScanOptions) throws -> ([LogEvent], LogScanStats, usedRegularFile: Bool) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vnetdiag-pieces-\(UUID()).log").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var (source, _) = try LogSources.open(path)
        let usedRegularFile = source.regularFile != nil
        var stats = LogScanStats()
        var events: [LogEvent] = []
        try LogScannerTests.scanner.scan(&source, name: "log", envelopes: EnvelopeReader(year: 2026, timeZone: TimeZone(identifier: "UTC")!),
                                         options: options, stats: &stats) { events.append($0) }
        return (events, stats, usedRegularFile)
    }

    @Test(arguments: [1, 2, 7, 64, 333, 4096, 1 << 22], [1, 2, 4])
    func piecesOfAnySizeGiveTheEventsOfOnePass(chunkSize: Int, parallelism: Int) throws {
        for endsWithNewline in [true, false] {
            let bytes = Self.generatedLog(lines: 600, endsWithNewline: endsWithNewline)
            var options = LogScanOptions()
            options.chunkSize = chunkSize
            options.parallelism = parallelism
            let (inOrder, inOrderStats) = LogScannerTests.scan(bytes)
            let (pieces, piecesStats, usedRegularFile) = try Self.scanFile(bytes, options: options)
            #expect(usedRegularFile)
            #expect(inOrder.count > 100)
            #expect(LogScannerTests.summary(pieces) == LogScannerTests.summary(inOrder))
            #expect(pieces.map(\.origin.text) == inOrder.map(\.origin.text))
            #expect(piecesStats == inOrderStats, "ends with newline: \(endsWithNewline)")
        }
    }

    @Test(arguments: [16, 100, 1 << 20])
    func aLongLineAcrossPiecesIsSkippedAndTheNextOneRead(chunkSize: Int) throws {
        var options = LogScanOptions()
        options.maxLineLength = 1000
        options.chunkSize = chunkSize
        let long = "kernel: device eth9 entered promiscuous mode " + String(repeating: "x", count: 5000)
        let text = "kernel: device eth1 entered promiscuous mode\n" + long + "\nkernel: device eth0 entered promiscuous mode\n"
        let (events, stats, _) = try Self.scanFile(Array(text.utf8), options: options)
        #expect(events.map { $0.field("interface") } == ["eth1", "eth0"])
        #expect(events.map(\.origin.line) == [1, 3])
        #expect(stats.skippedLongLines == 1)
        #expect(stats.lines == 3)
    }

    @Test func aFileIsReadToTheSizeItHadWhenOpened() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vnetdiag-grows-\(UUID()).log").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("kernel: device eth0 entered promiscuous mode\n".utf8)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var (source, _) = try LogSources.open(path)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("kernel: device eth1 entered promiscuous mode\n".utf8))
        try handle.close()
        var stats = LogScanStats()
        var interfaces: [String?] = []
        try LogScannerTests.scanner.scan(&source, name: "log", envelopes: EnvelopeReader(year: 2026), stats: &stats) {
            interfaces.append($0.field("interface"))
        }
        #expect(source.regularFile != nil)
        #expect(interfaces == ["eth0"])
        #expect(stats.lines == 1)
    }

    @Test func aFileThatShrinksAfterOpeningEndsWhereItNowEnds() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vnetdiag-shrinks-\(UUID()).log").path
        let text = String(repeating: "kernel: device eth0 entered promiscuous mode\n", count: 100)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var (source, _) = try LogSources.open(path)
        #expect(truncate(path, off_t(text.utf8.count / 2 + 10)) == 0)
        var options = LogScanOptions()
        options.chunkSize = 256
        var stats = LogScanStats()
        var count = 0
        try LogScannerTests.scanner.scan(&source, name: "log", envelopes: EnvelopeReader(year: 2026), options: options,
                                         stats: &stats) { _ in count += 1 }
        #expect(count == 50)
        #expect(stats.bytes == text.utf8.count / 2 + 10)
    }

    @Test func aBinaryFileIsNotScanned() throws {
        var bytes = [UInt8](repeating: 0, count: 1 << 17)
        bytes += Array("kernel: device eth0 entered promiscuous mode\n".utf8)
        let (events, stats, usedRegularFile) = try Self.scanFile(bytes, options: LogScanOptions())
        #expect(usedRegularFile)
        #expect(events.isEmpty)
        #expect(stats.binaryInputs == ["log"])
    }

    /// `events < syslog` after something read the start of it: the scan by pieces starts where
    /// standard input stands, and finds what scanning the rest in order finds.
    @Test func standardInputFromAFileIsScannedFromItsOffset() throws {
        let bytes = Self.generatedLog(lines: 3000, endsWithNewline: true)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vnetdiag-stdin-\(UUID()).log").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let skipped = bytes.count / 3
        let handle = try #require(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(skipped))
        var options = LogScanOptions()
        options.chunkSize = 4096
        var source: any ChunkSource = DescriptorSource(descriptor: handle.fileDescriptor, name: "-",
                                                       remaining: bytes.count - skipped, regularFileStart: skipped)
        var stats = LogScanStats()
        var events: [LogEvent] = []
        try LogScannerTests.scanner.scan(&source, name: "log", envelopes: EnvelopeReader(year: 2026, timeZone: TimeZone(identifier: "UTC")!),
                                         options: options, stats: &stats) { events.append($0) }
        let (inOrder, inOrderStats) = LogScannerTests.scan(Array(bytes[skipped...]))
        #expect(inOrder.count > 100)
        #expect(LogScannerTests.summary(events) == LogScannerTests.summary(inOrder))
        #expect(stats == inOrderStats)

        // The same through the command, standard input being the file at that offset.
        try handle.seek(toOffset: UInt64(skipped))
        let redirected = try CommandRunner.run(["events", "--format", "ndjson", "--year", "2026", "-"], stdinFile: handle)
        let tail = path + ".tail"
        #expect(FileManager.default.createFile(atPath: tail, contents: Data(bytes[skipped...])))
        defer { try? FileManager.default.removeItem(atPath: tail) }
        let named = try CommandRunner.run(["events", "--format", "ndjson", "--year", "2026", tail])
        #expect(redirected.status == 0)
        #expect(String(decoding: redirected.stdout, as: UTF8.self).replacingOccurrences(of: "\"-\"", with: "\"\(tail)\"")
                == String(decoding: named.stdout, as: UTF8.self))
    }
}
