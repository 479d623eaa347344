import Foundation
import Testing
@testable import VNetDiagKit

/// The net-tools 1.60 byte reader (`IfconfigOldLayout`, `OldLayoutStart`) shortcuts the patterns
/// that define the old layout: for every line it accepts, it must return what the patterns return.
/// Lines come from real captures, from shapes written for this test, and from seeded mutations of
/// both, which walk the edges (a blank before a colon, a letter in a number, a label in another case).
@Suite struct OldLayoutReaderTests {
    /// Every line of every fixture that holds old-layout `ifconfig` output: real captures.
    static let capturedLines: [String] = {
        var lines = Set<String>()
        for text in TestPaths.capturedTexts
        where text.contains("Link encap") || text.contains("inet addr:") || text.contains("Encapsulamento") {
            for line in text.split(separator: "\n") { lines.insert(rightTrimmed(String(line))) }
        }
        return lines.sorted()
    }()

    /// Shapes written for this test: the canonical English lines and near misses.
    static let craftedLines = [
        "eth0      Link encap:Ethernet  HWaddr 00:0C:29:00:00:00",
        "lo        Link encap:Local Loopback",
        "ppp0      Link encap:Point-to-Point Protocol",
        "tun0      Link encap:UNSPEC  HWaddr 00-00-00-00-00-00-00-00-00-00-00-00-00-00-00-00",
        "eth0      Link encap:Ethernet HWaddr 00:0c:29:aa:bb:cc  extra words",
        "eth0      Link encap:Ethernet  HWaddr",
        "eth0      Link encap:Ethernet  hwaddr 00:0C:29:00:00:00",
        "eth0      Link encap:Ethernetz  HWaddr 00:0C:29:00:00:00",
        "eth0      Link encap: Ethernet  HWaddr 00:0C:29:00:00:00",
        "eth0 Link encap:Ethernet  Dirección HW 00:0C:29:00:00:00",
        "eth0: flags=4163<UP> Link encap:Ethernet",
        "eth0      Link encap:Ethernet  HWaddr00:0C:29:00:00:00",
        "eth0      Link encap:Local Loopback  HWaddr 00:00:00:00:00:00",
        "          inet addr:10.0.0.1  Bcast:10.0.0.255  Mask:255.255.255.0",
        "          inet addr:10.0.0.1  P-t-P:10.0.0.2  Mask:255.255.255.255",
        "          inet addr:10.0.0.1  Mask:255.0.0.0",
        "          inet addr:10.0.0.1.5  Mask:255.0.0.0",
        "          inet addr:10.0..1  Mask:255.0.0.0",
        "          inet addr: 10.0.0.1  Mask:255.0.0.0",
        "          inet addr:xx.xx.xx.xx  Bcast:xx.xx.xx.255",
        "          inet addr:10.0.0.1",
        "          inet6 addr: fe80::20c:29ff:fe00:0/64 Scope:Link",
        "          inet6 addr: ::1/128 Scope:Host",
        "          inet6 addr: fe80::1/64",
        "          inet6 addr: fe80::1/64 Scope:",
        "          inet6 addr: fe80::1/64Scope:Link",
        "          inet6 addr: fe80::1/64x Scope:Link",
        "          inet6 addr: fe80::1 Scope:Link",
        "          inet6 addr: fe80::1%eth0/64 Scope:Link",
        "          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1",
        "          UP LOOPBACK RUNNING  MTU:16436  Metric:1",
        "          UP POINTOPOINT RUNNING NOARP MULTICAST  MTU:1500  Metric:1",
        "          UP BROADCAST MTU:1500",
        "          UP BROADCAST  MTU:1500  Metric:1x",
        "          UP BROADCAST  MTU:1500 Metric: 1",
        "          UP BROADCAST  mtu:1500  Metric:1",
        "          UP BROADCASTMTU:1500  Metric:1",
        "          MTU:1500  Metric:1",
        "          BROADCAST RUNNING  MTU:1500  Metric:1",
        "          RUNNING  MTU:1500",
        "          ALLMULTI PROMISC DYNAMIC SLAVE MASTER DEBUG NOTRAILERS  MTU:9000  Metric:0",
        "          UP ARRIBA  MTU:1500  Metric:1",
        "          RX packets:0 errors:0 dropped:0 overruns:0 frame:0",
        "          TX packets:29 errors:0 dropped:0 overruns:0 carrier:0",
        "          RX packets:12x errors:0",
        "          RX packets: 12 errors:0",
        "          RX packets:",
        "          collisions:0 txqueuelen:1000",
        "          collisions:0",
        "          collisions:0 txqueuelen:",
        "          collisions:0 long.colaTX:1000",
        "          RX bytes:0 (0.0 KiB)  TX bytes:0 (0.0 KiB)",
        "          RX bytes:123456789 (117.7 MiB)  TX bytes:98765 (96.4 KiB)",
        "          RX bytes:0 (0.0 b)  TX bytes:0 (0.0 b)",
        "          RX bytes:0 (0.0 B)  tx bytes:0 (0.0 B)",
        "          RX bytes:0 (0.0 B)  Octets transmis:0",
        "          RX bytes:0 TX bytes:5",
        "          RX bytes:0 (0.0 B)  TX bytes:",
        "          Interrupt:19 Base address:0x2000",
    ]

    /// Bytes the mutations insert or substitute: blanks, separators, digits, letters of labels,
    /// a TAB, a carriage return, a NO-BREAK SPACE in Latin-1 and the lead byte of UTF-8 `é`.
    static let mutationBytes: [UInt8] = Array(" \t:./()0 9xXyYoOTtMmSsRrBbe-%*?#\r".utf8) + [0xA0, 0xC3, 0xA9]

    /// Each captured and crafted line, changed one to three times by a seeded generator.
    static let mutatedLines = mutations(of: craftedLines + capturedLines.filter { !$0.isEmpty })

    /// `count` seeded variants of each line, each changed one to three times.
    static func mutations(of originals: [String], count: Int = 24) -> [String] {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % bound
        }
        var lines: [String] = []
        for original in originals {
            for _ in 0..<count {
                var bytes = Array(original.utf8)
                for _ in 0...next(3) {
                    let position = next(bytes.count + 1)
                    let byte = mutationBytes[next(mutationBytes.count)]
                    switch next(3) {
                    case 0: bytes.insert(byte, at: position)
                    case 1 where position < bytes.count: bytes[position] = byte
                    default: if position < bytes.count { bytes.remove(at: position) }
                    }
                }
                lines.append(rightTrimmed(String(decoding: bytes, as: UTF8.self)))
            }
        }
        return lines
    }

    private static func rightTrimmed(_ text: String) -> String {
        var text = text
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }

    private static func line(_ text: String) -> SourceLine {
        SourceLine(number: 1, bytes: ArraySlice(Array(text.utf8)))
    }

    /// The mutations must land on both sides of the reader, or they test nothing.
    @Test func linesReachBothSidesOfTheReader() {
        #expect(Self.capturedLines.count > 100)
        let mutated = Self.mutatedLines.map(Self.line)
        let details = mutated.filter { IfconfigOldLayout.classify($0) != nil }.count
        let starts = mutated.filter { IfconfigGrammar.OldLayoutStart($0) != nil }.count
        print("mutated lines: \(mutated.count), detail reader took \(details), start reader \(starts)")
        #expect(details > 800 && details < mutated.count - 800)
        #expect(starts > 80)
    }

    enum Lines: String, CaseIterable {
        case captured, crafted, mutated
        var texts: [String] {
            switch self {
            case .captured: OldLayoutReaderTests.capturedLines
            case .crafted: OldLayoutReaderTests.craftedLines
            case .mutated: OldLayoutReaderTests.mutatedLines
            }
        }
    }

    @Test(arguments: Lines.allCases)
    func detailReaderAgreesWithThePatterns(_ lines: Lines) {
        for text in lines.texts {
            let line = Self.line(text)
            guard let fast = IfconfigOldLayout.classify(line) else { continue }
            let pattern = IfconfigGrammar.classifyByPattern(line)
            #expect(pattern.map { String(describing: $0) } == String(describing: fast), "\(text.debugDescription)")
        }
    }

    @Test(arguments: Lines.allCases)
    func startReaderAgreesWithThePatterns(_ lines: Lines) {
        for text in lines.texts {
            let line = Self.line(text)
            #expect(IfconfigGrammar.OldLayoutStart.accepts(line) == (IfconfigGrammar.OldLayoutStart(line) != nil))
            guard let fast = IfconfigGrammar.OldLayoutStart(line) else { continue }
            let pattern = IfconfigGrammar.OldLayoutStart(matching: line)
            #expect(pattern?.name == fast.name, "\(text.debugDescription)")
            #expect(pattern?.title == fast.title, "\(text.debugDescription)")
            #expect(pattern?.hardware == fast.hardware, "\(text.debugDescription)")
            // blockStart asks the byte readers before the patterns: their shapes must not overlap.
            #expect(IfconfigGrammar.NewLayoutStart(matching: line) == nil, "\(text.debugDescription)")
        }
    }

    /// The sniffer skips its pattern union for lines `isCertainMarker` takes: the union must
    /// say ifconfig for every one of them (no other format's marker may match).
    @Test func certainMarkersAreIfconfigMarkersForTheUnion() {
        let firstLines = FastPathTests.capturedFirstLines + FastPathTests.craftedFirstLines
        let lines = Lines.allCases.flatMap(\.texts) + firstLines + Self.mutations(of: firstLines)
        let sniffer = FormatSniffer()
        var certain = 0
        for text in lines {
            let line = Self.line(text)
            guard IfconfigParser.isCertainMarker(line) else { continue }
            certain += 1
            let union = sniffer.markerByPattern(in: line)
            #expect(union?.format == IfconfigParser.format && union?.isHeader == false, "\(text.debugDescription)")
        }
        #expect(certain > 500)
    }

    @Test func flagWordsAreRecognisedExactly() {
        func isFlag(_ word: String) -> Bool {
            Array(word.utf8).withUnsafeBufferPointer { IfconfigVocabulary.isEnglishFlag($0[...]) }
        }
        for flag in IfconfigVocabulary.englishFlags { #expect(isFlag(flag), "\(flag)") }
        for word in ["", "U", "UPP", "up", "BROADCASt", "ARRIBA", "MULTICASTS", "POINTOPOINTX", "MTU:1500"] {
            #expect(!isFlag(word), "\(word)")
        }
    }

    /// A vertical tab, form feed or carriage return inside a word (where the patterns' `\S` stops)
    /// makes the byte readers hand the line back to the patterns.
    @Test(arguments: ["\u{0B}", "\u{0C}", "\r"])
    func aControlByteInsideAWordRefusesTheLine(control: String) {
        let first = Self.line("eth\(control)0      Link encap:Ethernet  HWaddr 00:0C:29:3D:5E:7F")
        #expect(!IfconfigGrammar.OldLayoutStart.accepts(first))
        let flags = Self.line("          UP BROAD\(control)CAST RUNNING  MTU:1500  Metric:1")
        #expect(IfconfigOldLayout.classify(flags) == nil)
        let scope = Self.line("          inet6 addr: fe80::1/64 Scope:Li\(control)nk")
        #expect(IfconfigOldLayout.classify(scope) == nil)
    }

    /// A flag word is found where it stands in a line, not only at the start of a buffer.
    @Test func flagWordsAreRecognisedInsideALine() {
        let line = Array("  UP BROADCASTS RUNNING MTU:1500".utf8)
        line.withUnsafeBufferPointer { buffer in
            #expect(IfconfigVocabulary.isEnglishFlag(buffer[2..<4]))
            #expect(!IfconfigVocabulary.isEnglishFlag(buffer[5..<15]))
            #expect(IfconfigVocabulary.isEnglishFlag(buffer[5..<14]))
            #expect(IfconfigVocabulary.isEnglishFlag(buffer[16..<23]))
            #expect(!IfconfigVocabulary.isEnglishFlag(buffer[16..<22]))
        }
    }

    /// The reader must actually take net-tools' English lines, or the agreement above is empty.
    @Test func readerTakesTheEnglishLinesOfARealCapture() throws {
        let url = TestPaths.jcFixtures.appendingPathComponent("ubuntu-16.04/ifconfig.out")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { Self.rightTrimmed(String($0)) }
        let details = lines.filter { $0.hasPrefix(" ") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let starts = lines.filter { $0.contains("Link encap:") }
        #expect(!details.isEmpty && !starts.isEmpty)
        for text in details { #expect(IfconfigOldLayout.classify(Self.line(text)) != nil, "\(text.debugDescription)") }
        for text in starts { #expect(IfconfigGrammar.OldLayoutStart(Self.line(text)) != nil, "\(text.debugDescription)") }
    }
}
