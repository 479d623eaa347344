import Foundation
import Testing
@testable import VNetDiagKit

@Suite struct NormalizationTests {
    static func normalized(_ bytes: [UInt8]) -> String {
        String(decoding: TextNormalizer.normalize(bytes).0, as: UTF8.self)
    }

    @Test func crlfAndLoneCRBecomeLF() {
        #expect(Self.normalized(Array("a\r\nb\rc\n".utf8)) == "a\nb\nc\n")
        #expect(Self.normalized(Array("no newline".utf8)) == "no newline")
    }

    @Test func byteOrderMarkIsRemoved() {
        let (bytes, report) = TextNormalizer.normalize([0xEF, 0xBB, 0xBF] + Array("eth0".utf8))
        #expect(String(decoding: bytes, as: UTF8.self) == "eth0")
        #expect(report.removedByteOrderMark)
    }

    @Test func ansiColourIsStripped() {
        let coloured = "\u{1B}[1;34meth0\u{1B}[0m: flags=4163<UP>  mtu 1500"
        #expect(Self.normalized(Array(coloured.utf8)) == "eth0: flags=4163<UP>  mtu 1500")
    }

    /// formats.md §7.4: the three damage patterns seen in Spanish Windows pastes.
    @Test(arguments: [
        ("Direcci¢n f¡sica", "Dirección física"),
        ("M\u{A0}scara de subred", "Máscara de subred"),
        ("Concesi¢n obtenida", "Concesión obtenida"),
        ("V¡nculo: direcci¢n IPv6", "Vínculo: dirección IPv6"),
        ("M‚trica", "Métrica"),
        ("DirecciÃ³n fÃ­sica", "Dirección física"),
        ("ACTIVO DIFUSIÃ“N MULTICAST", "ACTIVO DIFUSIÓN MULTICAST"),
        ("price 10\u{A0}€", "price 10 €"),
        ("costs ¢5", "costs ¢5"),
    ])
    func encodingDamageIsRepaired(damaged: String, repaired: String) {
        #expect(Self.normalized(Array(damaged.utf8)) == repaired)
    }

    @Test func rawCP850BytesAreDecoded() {
        // "Dirección física" as a Windows console writes it to a file (CP850).
        let bytes: [UInt8] = Array("Direcci".utf8) + [0xA2] + Array("n f".utf8) + [0xA1] + Array("sica".utf8)
        #expect(Self.normalized(bytes) == "Dirección física")
    }

    @Test func rawLatin1BytesAreDecoded() {
        let bytes: [UInt8] = Array("inet direcci".utf8) + [0xF3] + Array("n:10.0.0.1".utf8)
        #expect(Self.normalized(bytes) == "inet dirección:10.0.0.1")
    }

    @Test func nulBytesBecomeSpaces() {
        let (bytes, report) = TextNormalizer.normalize([0x61, 0x00, 0x62])
        #expect(bytes == [0x61, 0x20, 0x62])
        #expect(report.nulBytes == 1)
    }

    @Test func tabsAreKept() {
        #expect(Self.normalized(Array("Iface\tDestination".utf8)) == "Iface\tDestination")
    }
}

@Suite struct InputReaderTests {
    @Test func gzipIsReadThroughZlib() throws {
        let path = TestPaths.fixtures.appendingPathComponent("input/syslog.2.gz").path
        let documents = try InputReader().readPath(path)
        let plain = try String(contentsOf: TestPaths.fixtures.appendingPathComponent("seed/vmware-nat/ayla/syslog"), encoding: .utf8)
        #expect(documents.count == 1)
        #expect(documents[0].wasCompressed)
        #expect(String(decoding: documents[0].bytes, as: UTF8.self) == plain)
    }

    @Test func gzipWithTwoMembersIsReadWhole() throws {
        let documents = try InputReader().readPath(TestPaths.fixtures.appendingPathComponent("input/two-members.gz").path)
        let results = ParsePipeline().parse(TextDocument(documents[0]))
        #expect(results.map(\.section.format) == ["route", "route"])
        #expect(results.flatMap(\.parsed.records).count == 5)
    }

    @Test func truncatedGzipKeepsWhatInflated() throws {
        let full = try Data(contentsOf: TestPaths.fixtures.appendingPathComponent("input/syslog.2.gz"))
        let cut = Array(full.prefix(full.count * 2 / 3))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vnetdiag-cut-\(UUID()).gz")
        try Data(cut).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let document = try InputReader().readFile(url.path)
        #expect(document.truncated)
        #expect(String(decoding: document.bytes, as: UTF8.self).hasPrefix("kernel: /dev/vmnet: open called by PID 5428"))
    }

    @Test func foldersAreReadRecursivelyInNameOrderWithoutExpectations() throws {
        let folder = TestPaths.fixtures.appendingPathComponent("seed/xen-route").path
        let names = try InputReader().readPath(folder).map(\.name)
        #expect(names == [folder + "/dom0/ifconfig.txt", folder + "/dom0/route-n.txt", folder + "/ranec/session.txt"])
    }

    @Test func missingPathIsAnErrorNamingIt() {
        #expect(throws: InputError.unreadable(path: "/no/such/file", reason: "no such file or directory")) {
            try InputReader().readPath("/no/such/file")
        }
    }

    @Test func inputsAreCutAtTheByteLimit() throws {
        let path = TestPaths.fixtures.appendingPathComponent("seed/xen-route/dom0/route-n.txt").path
        let document = try InputReader(maxBytesPerInput: 40).readFile(path)
        #expect(document.bytes.count == 40)
        #expect(document.truncated)
    }
}
