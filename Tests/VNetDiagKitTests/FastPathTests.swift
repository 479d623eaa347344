import Foundation
import Testing
@testable import VNetDiagKit

/// Byte-level fast paths must read exactly what the definitions they shortcut read: the
/// `newStart` pattern for net-tools 2.10 first lines, a byte-by-byte scan for token ends, and
/// writing a large jc array in order on one core.
@Suite struct FastPathTests {
    /// Every `NAME: flags=` line in the project's fixtures and the jc fixtures: real captures.
    static let capturedFirstLines: [String] = {
        var lines = Set<String>()
        for text in TestPaths.capturedTexts {
            for line in text.split(separator: "\n") where line.contains(": flags=") { lines.insert(String(line)) }
        }
        return lines.sorted()
    }()

    /// Shapes the byte reader must hand back to the pattern or read like it (written for this test).
    static let craftedFirstLines = [
        "vnet0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500",
        "lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536",
        "en0: flags=8863<UP,BROADCAST,SMART,RUNNING,SIMPLEX,MULTICAST> mtu 1500",
        "em0: flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST> metric 0 mtu 1500",
        "a:b: flags=1<UP>  mtu 1",
        "eth0: flags=4163<UP,BROADCAST  mtu 1500",
        "eth0: flags=4163<UP>mtu 1500",
        "eth0: flags=<UP> mtu 1500",
        "eth0: flags=0<>  mtu 1500",
        "eth0: flags=4163<UP>\tmtu 1500 trailing words",
        "eth0: flags=4163<UP> mtu ",
        "eth0: flags=4163<UP> MTU 1500",
        "eth0 : flags=4163<UP>  mtu 1500",
        "eth0: flags=99999999999999999999<UP>  mtu 1500",
        "ä0: flags=4163<UP>  mtu 1500",
        ": flags=4163<UP>  mtu 1500",
    ]

    static let plainFirstLines = [
        "vnet0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500",
        "lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536",
        "eth0: flags=0<>  mtu 1500",
    ]

    private static func line(_ text: String) -> SourceLine {
        SourceLine(number: 1, bytes: ArraySlice(Array(text.utf8)))
    }

    @Test func capturedLinesAreThere() {
        #expect(Self.capturedFirstLines.count > 20)
    }

    @Test(arguments: capturedFirstLines + craftedFirstLines)
    func byteReaderAgreesWithThePattern(_ text: String) {
        let line = Self.line(text)
        #expect(IfconfigGrammar.NewLayoutStart.accepts(line) == (IfconfigGrammar.NewLayoutStart(line) != nil))
        guard let fast = IfconfigGrammar.NewLayoutStart(line) else { return }
        let pattern = IfconfigGrammar.NewLayoutStart(matching: line)
        #expect(pattern != nil, "the byte reader accepted what the pattern refuses")
        #expect(fast.name == pattern?.name)
        #expect(fast.value == pattern?.value)
        #expect(Array(fast.words) == pattern.map { Array($0.words) })
        #expect(fast.mtu == pattern?.mtu)
        #expect(fast.metric == pattern?.metric)
    }

    @Test(arguments: plainFirstLines)
    func byteReaderTakesThePlainShape(_ text: String) {
        #expect(IfconfigGrammar.NewLayoutStart(Self.line(text)) != nil)
    }

    @Test func wordScanFindsTheFirstBlankLikeAByteLoop() {
        // Deterministic pseudo-random lines of letters, spaces, TABs, NUL and high bytes.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let alphabet: [UInt8] = [0x20, 0x09, 0x61, 0x62, 0x00, 0x80, 0xA0, 0xFF, 0x29, 0x1F, 0x21]
        for length in 0..<40 {
            var bytes: [UInt8] = []
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                // Mostly non-blanks, so that runs longer than eight bytes occur.
                let pick = Int(state >> 59) % 16
                bytes.append(pick < 2 ? alphabet[pick] : alphabet[2 + pick % (alphabet.count - 2)])
            }
            bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                for start in 0...length {
                    var expected = start
                    while expected < length, buffer[expected] != 0x20, buffer[expected] != 0x09 { expected += 1 }
                    #expect(firstBlank(base, from: start, to: length) == expected, "\(bytes) from \(start)")
                }
            }
        }
    }

    @Test(arguments: [(0, 0, 0, 0), (1, 22, 133, 255), (10, 9, 100, 99), (255, 255, 255, 255), (192, 168, 0, 1)])
    func dottedQuadFromTheDigitTableMatchesDecimalText(_ octets: (UInt8, UInt8, UInt8, UInt8)) {
        let address = IPv4Address(octets.0, octets.1, octets.2, octets.3)
        let expected = "\(octets.0).\(octets.1).\(octets.2).\(octets.3)"
        #expect(address.description == expected)
        var stream = JSONStream(pretty: false)
        stream.ipv4(address)
        #expect(String(decoding: stream.bytes, as: UTF8.self) == "\"" + expected + "\"")
    }

    /// Large buffers make their pages present a step at a time; every kind of append must land
    /// where a plain array's would, across the steps and through growth.
    @Test(arguments: [1 << 20, 3 << 19, 4096])
    func largeBufferKeepsEveryByte(_ capacity: Int) {
        var buffer = ByteBuffer(capacity: capacity)
        var expected: [UInt8] = []
        var value: UInt8 = 0
        while expected.count < 5 << 20 {
            value &+= 37
            let run = [UInt8](repeating: value, count: Int(value % 29) + 1)
            switch value % 4 {
            case 0: buffer.append(value); expected.append(value)
            case 1: buffer.append(run); expected += run
            case 2: buffer.append(repeating: value, count: run.count); expected += run
            default:
                buffer.appendInPlace(maximum: 64) { target in
                    for index in 0..<run.count { target[index] = run[index] }
                    return run.count
                }
                expected += run
            }
        }
        #expect(buffer.count == expected.count)
        #expect(buffer.bytes == expected)
    }

    @Test func jcArrayWrittenInPiecesEqualsOneCore() {
        let document = TextDocument(name: "big.txt", text: ParallelismTests.generatedIfconfig(interfaces: 300))
        let results = ParsePipeline().parse(document, forcedFormat: IfconfigParser.format)
        var sequential = JSONStream(pretty: false)
        sequential.parallelThreshold = Int.max
        JCSchema.write(results, to: &sequential)
        var pieces = JSONStream(pretty: false, capacity: 1 << 20)
        pieces.parallelThreshold = 8
        JCSchema.write(results, to: &pieces)
        if ParallelMap.activeProcessorCount > 1 { #expect(pieces.parts.count > 1) }
        #expect(pieces.parallelThreshold == 8, "the stream lent to the first piece came back with its own setting")
        #expect(pieces.bytes == sequential.bytes)
        let decoded = try? JSONSerialization.jsonObject(with: Data(pieces.bytes)) as? [[String: Any]]
        #expect(decoded?.count == 300)
    }
}

/// Interface counters in eight bytes each: every value reads back as set, absent stays absent.
@Suite struct CompactCounterTests {
    @Test(arguments: [nil, 0, 1, 1000, Int.max, -1] as [Int?])
    func aCounterReadsBackAsSet(value: Int?) {
        var counters = InterfaceCounters()
        #expect(counters.rxBytes == nil)
        counters.rxBytes = value
        #expect(counters.rxBytes == value)
        #expect(counters.txBytes == nil, "another counter stayed absent")
        #expect((counters == InterfaceCounters()) == (value == nil))
    }

    @Test func theCountersTakeEightBytesEach() {
        #expect(MemoryLayout<InterfaceCounters>.size == 14 * 8)
    }
}
