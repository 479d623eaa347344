import Foundation
import Testing
@testable import VNetDiagKit

/// Archives are read in memory; what could escape the submission or explode is refused.
@Suite struct ArchiveTests {
    /// A zip with stored (uncompressed) entries, written here so the test needs no zip tool.
    static func zip(_ entries: [(String, String)]) -> [UInt8] {
        func u16(_ value: Int) -> [UInt8] { [UInt8(value & 0xff), UInt8(value >> 8 & 0xff)] }
        func u32(_ value: Int) -> [UInt8] { u16(value & 0xffff) + u16(value >> 16 & 0xffff) }
        var body: [UInt8] = [], central: [UInt8] = []
        for (name, text) in entries {
            let nameBytes = Array(name.utf8), data = Array(text.utf8)
            let offset = body.count
            let common = u16(20) + u16(0) + u16(0) + u16(0) + u16(0) + u32(0) + u32(data.count) + u32(data.count) + u16(nameBytes.count) + u16(0)
            body += u32(0x0403_4b50) + common + nameBytes + data
            central += u32(0x0201_4b50) + u16(20) + common + u16(0) + u16(0) + u16(0) + u32(0) + u32(offset) + nameBytes
        }
        let end = u32(0x0605_4b50) + u16(0) + u16(0) + u16(entries.count) + u16(entries.count) + u32(central.count) + u32(body.count) + u16(0)
        return body + central + end
    }

    @Test func zipEntriesThatLeaveTheSubmissionAreRefused() {
        let bytes = Self.zip([("host/route-n.txt", "Kernel IP routing table\n"), ("../../etc/cron.d/x", "boom"),
                              ("/etc/passwd", "root"), ("C:\\Windows\\x", "w"), ("guest/a/../../../b", "c")])
        let (entries, problems) = ArchiveReader().read(bytes, name: "alumno.zip")
        #expect(entries.map(\.path) == ["host/route-n.txt"])
        #expect(problems.count == 4, "\(problems)")
        #expect(problems.contains("alumno.zip: entry '../../etc/cron.d/x' refused ('..' in the path)"))
        #expect(problems.contains("alumno.zip: entry '/etc/passwd' refused (absolute path)"))
    }

    @Test func tooManyEntriesOrBytesStopTheArchiveNotTheClass() {
        let bytes = Self.zip((0..<20).map { ("f\($0).txt", String(repeating: "x", count: 100)) })
        var reader = ArchiveReader()
        reader.maxEntries = 5
        let (entries, problems) = reader.read(bytes, name: "many.zip")
        #expect(entries.count == 5 && problems == ["many.zip: more than 5 entries; the rest is not read"])
        reader = ArchiveReader()
        reader.maxBytes = 450
        let (capped, messages) = reader.read(bytes, name: "big.zip")
        #expect(capped.count == 4 && messages == ["big.zip: more than 450 bytes unpacked; the rest is not read"])
    }

    @Test func garbageIsAMessageNotACrash() {
        let (entries, problems) = ArchiveReader().read(Array("PK not really a zip".utf8), name: "roto.zip")
        #expect(entries.isEmpty && problems == ["roto.zip: not a readable zip file (no central directory)"])
        let truncated = Array(Self.zip([("a.txt", "hello")]).dropLast(30))
        #expect(ArchiveReader().read(truncated, name: "cut.zip").entries.isEmpty)
    }
}
