import Foundation
import Testing
@testable import VNetDiagKit

/// Input that is not what a parser hopes for: binary, NULs, UTF-16, devices, FIFOs, files that
/// change under the reader. Each case ends with records or a clear note, never a hang or a crash.
/// The large versions (300,000 interfaces, 200,000 prompts, a 50 MB line through the CLI) run in
/// `scripts/hostile-input` against the release build, with time and memory bounds.
@Suite struct HostileInputTests {
    static let windowsCapture = TestPaths.fixtures.appendingPathComponent("parsers/ipconfig/formats-es-all/input.txt")
    static let xenCapture = TestPaths.fixtures.appendingPathComponent("seed/xen-bridge")

    static func nativeJSON(_ documents: [TextDocument]) -> [JSONValue] {
        Parsing.nativeSections(ParsePipeline().parse(documents)).map { section in
            guard case .object(let fields) = section else { return section }
            return .object(fields.filter { $0.0 != "source" })
        }
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vnetdiag-hostile-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func devZeroStopsAfterTheSniffedPrefix() throws {
        let documents = try InputReader().read(paths: ["/dev/zero"])
        #expect(documents.count == 1)
        #expect(documents[0].looksBinary && documents[0].truncated)
        #expect(documents[0].bytes.count == ContentSniffer.sniffLength)
        #expect(documents[0].shortReadWarning(maxBytes: 1)?.contains("looks binary") == true)
    }

    /// Random bytes (compressed data, an image) have few NULs but a control byte in ten.
    @Test func randomBytesStopAfterTheSniffedPrefix() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SplitMix64(seed: 9)
        let bytes = (0..<(1 << 20)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let path = folder.appendingPathComponent("random.bin").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let document = try #require(try InputReader().read(paths: [path]).first)
        #expect(document.looksBinary && document.bytes.count == ContentSniffer.sniffLength)
        // Text with colour codes, tabs and CRLF is not binary.
        let text = Array(String(repeating: "\u{1B}[1meth0\u{1B}[0m\tUP\r\n", count: 5000).utf8)
        #expect(!ContentSniffer.looksBinary(text))
    }

    /// A gzip file is sniffed once inflated: a compressed block of zeros is binary too.
    @Test func gzippedBinaryIsSniffedAfterInflating() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("zeros.gz").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(Gzip.deflate([UInt8](repeating: 0, count: 1 << 20)))))
        let document = try #require(try InputReader().read(paths: [path]).first)
        #expect(document.wasCompressed && document.looksBinary)
        #expect(document.bytes.count == ContentSniffer.sniffLength)
    }

    /// PowerShell's `>` writes UTF-16LE with a byte-order mark; some editors save it without one, or big-endian.
    @Test(arguments: [(true, true), (true, false), (false, true), (false, false)])
    func utf16ReadsLikeUTF8(littleEndian: Bool, withMark: Bool) throws {
        let utf8 = try Data(contentsOf: Self.windowsCapture)
        let text = String(decoding: utf8, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n")
        var bytes: [UInt8] = withMark ? (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) : []
        for unit in text.utf16 {
            let pair = littleEndian ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
            bytes += pair
        }
        let document = TextDocument(InputDocument(name: "ipconfig.txt", bytes: bytes, truncated: false, wasCompressed: false))
        #expect(document.repairs.decodedUTF16)
        #expect(!ContentSniffer.looksBinary(bytes))
        let plain = TextDocument(InputDocument(name: "ipconfig.txt", bytes: Array(utf8), truncated: false, wasCompressed: false))
        let sections = Self.nativeJSON([document])
        #expect(!sections.isEmpty)
        #expect(sections == Self.nativeJSON([plain]))
    }

    /// NULs padding the lines of a capture (serial consoles, `script` logs) read as blanks.
    @Test func nulBytesPaddingLinesKeepTheRecords() throws {
        let clean = try Parsing.documents(at: [Self.xenCapture.path])
        let dirty = clean.map { document in
            var bytes: [UInt8] = []
            for byte in document.bytes {
                if byte == 0x0A { bytes += [0, 0, 0] }
                bytes.append(byte)
            }
            return TextDocument(InputDocument(name: document.name, bytes: bytes, truncated: false, wasCompressed: false))
        }
        #expect(dirty.allSatisfy { $0.repairs.nulBytes > 0 })
        let dirtyRecords = ParsePipeline().parse(dirty).map(\.parsed.records.count)
        #expect(dirtyRecords == ParsePipeline().parse(clean).map(\.parsed.records.count))
        #expect(dirtyRecords.reduce(0, +) >= 5)
    }

    /// A section no format claims still lists its over-long lines: otherwise nothing says they were skipped.
    @Test func aLongLineOfUnknownFormatIsListed() {
        let bytes = [UInt8](repeating: UInt8(ascii: "z"), count: 100_000)
        let document = TextDocument(InputDocument(name: "blob", bytes: bytes, truncated: false, wasCompressed: false))
        let results = ParsePipeline().parse(document)
        #expect(results.map(\.section.format) == [.unknown])
        #expect(results.flatMap(\.parsed.unparsed).map(\.line) == [1])
    }

    @Test func aLongLineIsCopiedNotRepaired() {
        var bytes = [UInt8](repeating: 0xE9, count: 200_000)  // Latin-1 é: would need a repair
        bytes += Array("\neth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n".utf8)
        let document = TextDocument(InputDocument(name: "long", bytes: bytes, truncated: false, wasCompressed: false),
                                    maxParsedLineLength: 1000)
        #expect(document.repairs.repairedLines == 0)
        #expect(document.range(ofLine: 1).count == 200_000)
        let result = ParsePipeline().parse(document, forcedFormat: "ifconfig")
        #expect(result.flatMap(\.parsed.unparsed).map(\.line) == [1])
        #expect(result.flatMap(\.parsed.unparsed).first?.reason.contains("--max-line-bytes") == true)
        #expect(result.flatMap(\.parsed.records).count == 1)
    }

    /// A FIFO with no writer would block `open` forever; inside a folder it is left out with a note.
    @Test func aFIFOInAFolderIsLeftOutWithANote() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(mkfifo(folder.appendingPathComponent("pipe").path, 0o600) == 0)
        try Data("eth0      Link encap:Ethernet  HWaddr 00:40:D0:65:B2:84\n".utf8)
            .write(to: folder.appendingPathComponent("ifconfig.txt"))
        let (documents, notes) = try InputReader().readNoting(paths: [folder.path])
        #expect(documents.map(\.name) == [folder.path + "/ifconfig.txt"])
        #expect(notes == [folder.path + "/pipe: not a regular file (a link, FIFO, socket or device); left out"])
    }

    /// Named on the command line, a FIFO is read like standard input: to its writer's end.
    @Test func aNamedFIFOIsReadToItsEnd() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pipe").path
        #expect(mkfifo(path, 0o600) == 0)
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: path)
            handle?.write(Data(repeating: UInt8(ascii: "x"), count: 300_000))
            try? handle?.close()
        }
        writer.start()
        let documents = try InputReader().read(paths: [path])
        #expect(documents.first?.bytes.count == 300_000)
    }

    /// A log being written while it is read: the reader takes what is there, up to its limit.
    @Test func aGrowingFileIsReadUpToTheLimit() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("growing.log").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(repeating: 0x0A, count: 1 << 20)))
        let stop = StopFlag()
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: path) else { return }
            handle.seekToEndOfFile()
            while !stop.isSet { handle.write(Data(repeating: UInt8(ascii: "y"), count: 1 << 16)) }
            try? handle.close()
        }
        writer.start()
        defer { stop.set() }
        let documents = try InputReader(maxBytesPerInput: 4 << 20).read(paths: [path])
        #expect(documents.count == 1)
        #expect(documents[0].bytes.count >= 1 << 20 && documents[0].bytes.count <= 4 << 20)
    }

    /// `events` on a log written faster than it is scanned would run as long as the writer does:
    /// a regular file is read to the size it had when it was opened.
    @Test func aGrowingLogIsReadToItsSizeWhenOpened() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("growing.log").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(repeating: 0x0A, count: 100_000)))
        var (source, _) = try LogSources.open(path)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(repeating: 0x0A, count: 50_000))
        try handle.close()
        var buffer: [UInt8] = []
        while try source.read(into: &buffer, limit: 1 << 14) > 0 {}
        #expect(buffer.count == 100_000)
    }

    /// A folder member deleted between the listing and the look at it (a folder being rewritten)
    /// is one that cannot be read, not "a link, FIFO, socket or device".
    @Test func folderMembersAreToldApartWithoutFollowingLinks() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("ifconfig.txt").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data("eth0\n".utf8)))
        let pipe = folder.appendingPathComponent("pipe").path
        #expect(mkfifo(pipe, 0o600) == 0)
        let link = folder.appendingPathComponent("link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: file)
        #expect(InputReader.memberKind(file) == .file)
        #expect(InputReader.memberKind(folder.path) == .folder)
        #expect(InputReader.memberKind(pipe) == .other)
        #expect(InputReader.memberKind(link) == .other)
        #expect(InputReader.memberKind(folder.appendingPathComponent("gone.txt").path)
                == .unreadable(reason: "no such file or directory"))
    }

    /// A path that is gone names the reason; inside a folder, a dangling link is a note, not the end.
    @Test func missingPathsAndDanglingLinks() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("gone.txt").path
        #expect(throws: InputError.unreadable(path: missing, reason: "no such file or directory")) {
            try InputReader().readFile(missing)
        }
        #expect(throws: InputError.unreadable(path: missing, reason: "no such file or directory")) {
            try InputReader().read(paths: [missing])
        }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link").path, withDestinationPath: missing)
        let (documents, notes) = try InputReader().readNoting(paths: [folder.path])
        #expect(documents.isEmpty)
        #expect(notes.count == 1 && notes[0].hasPrefix(folder.path + "/link: not a regular file"))
    }
}

/// Set once by the test, read by a writer thread.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
