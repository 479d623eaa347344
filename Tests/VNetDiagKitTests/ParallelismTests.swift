import Foundation
import Testing
@testable import VNetDiagKit

/// Large sections are parsed in chunks and large arrays written in pieces on all cores; the
/// bytes must be the same as doing it in order on one core.
@Suite struct ParallelismTests {
    static func generatedIfconfig(interfaces: Int) -> String {
        (0..<interfaces).map { index in
            """
            vnet\(index): flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
                    inet 10.0.\(index / 250).\(index % 250 + 1)  netmask 255.255.255.0  broadcast 10.0.\(index / 250).255
                    ether 52:54:00:00:\(String(format2: UInt8(index / 256))):\(String(format2: UInt8(index % 256)))  txqueuelen 1000  (Ethernet)
                    RX packets \(index)  bytes \(index * 100) (0.0 B)


            """
        }.joined()
    }

    @Test func chunkedParsingEqualsSequentialParsing() throws {
        let document = TextDocument(name: "big.txt", text: Self.generatedIfconfig(interfaces: 600))
        var sequential = ParsePipeline()
        sequential.parallelism = 1
        var chunked = ParsePipeline()
        chunked.parallelism = 4
        chunked.chunkLines = 200
        let one = sequential.parse(document)
        let many = chunked.parse(document)
        // A few chunks per core (the last may absorb a remainder shorter than a chunk).
        let wanted = 4 * ParallelMap.piecesPerCore
        #expect((wanted - 1)...wanted ~= chunked.chunk(one[0].section, with: IfconfigParser.self).count)
        #expect(many[0].parsed.records.count == 600)
        #expect(NativeParseReport.json(one, inputs: [document]) == NativeParseReport.json(many, inputs: [document]))
    }

    @Test(arguments: [false, true])
    func parallelArrayWritingEqualsTheTree(pretty: Bool) {
        let document = TextDocument(name: "big.txt", text: Self.generatedIfconfig(interfaces: 300))
        let results = ParsePipeline().parse(document)
        var stream = JSONStream(pretty: pretty)
        stream.parallelThreshold = 8
        NativeParseReport.write(results, inputs: [document], to: &stream)
        let tree = NativeParseReport.json(results, inputs: [document])
        #expect(stream.bytes == JSONWriter.bytes(tree, pretty: pretty))
    }

    /// The own core count agrees with Foundation's, which reads the cgroup quota the slow way but
    /// ignores the affinity mask, and with `nproc`, which honours the mask but not the quota
    /// (`taskset -c 0 swift test` checks the mask).
    @Test func coreCountAgreesWithFoundationAndNproc() throws {
        let nproc = Process()
        nproc.executableURL = URL(fileURLWithPath: "/usr/bin/nproc")
        let output = Pipe()
        nproc.standardOutput = output
        try nproc.run()
        nproc.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let allowed = try #require(Int(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(ProcessorCount.active() == min(allowed, ProcessInfo.processInfo.activeProcessorCount))
    }

    @Test(arguments: [(150_000, 100_000, 2), (100_000, 100_000, 1), (50_000, 100_000, 1), (-1, 100_000, nil),
                      (400_000, 0, nil)] as [(Int, Int, Int?)])
    func aCPUQuotaIsRoundedUpToWholeCores(quota: Int, period: Int, cores: Int?) {
        #expect(ProcessorCount.cores(quota: quota, period: period) == cores)
    }

    /// The files as the kernel writes them: a cgroup v2 `cpu.max` line, and the affinity mask
    /// among the other lines of /proc/self/status (a mask of 36 CPUs with one group cleared).
    @Test(arguments: [("150000 100000\n", 2), ("max 100000\n", nil), ("250000 100000", 3), ("", nil)] as [(String, Int?)])
    func cpuMaxLinesAreRead(text: String, cores: Int?) {
        let words = ProcessorCount.words(Array(text.utf8))
        let read = words.count == 2 ? ProcessorCount.cores(quota: ProcessorCount.number(words[0]),
                                                           period: ProcessorCount.number(words[1])) : nil
        #expect(read == cores)
    }

    @Test func theAffinityMaskIsFoundAmongTheStatusLines() {
        let status = Array("Name:\tvnetdiag\nCpus_allowed:\tf,ffff0000\nCpus_allowed_list:\t16-35\n".utf8)
        let mask = ProcessorCount.value(after: "\nCpus_allowed:", in: status)
        #expect(mask.map { String(decoding: $0, as: UTF8.self) } == "f,ffff0000")
        #expect(mask.flatMap(ProcessorCount.cpus(inMask:)) == 20)
        #expect(ProcessorCount.cpus(inMask: Array("0".utf8)[...]) == nil)
        #expect(ProcessorCount.number(Array("-1".utf8)[...]) == -1)
        #expect(ProcessorCount.number(Array("max".utf8)[...]) == nil)
    }

    /// Pieces cover their range exactly, in order, none empty, never more than asked for.
    @Test(arguments: [(0, 4), (1, 4), (3, 4), (8, 4), (9, 4), (1_000_003, 8), (17, 1)])
    func piecesCoverTheirRange(length: Int, count: Int) {
        let pieces = ParallelMap.pieces(of: 5..<(5 + length), count: count)
        #expect(pieces.count <= count)
        #expect(pieces.allSatisfy { !$0.isEmpty })
        #expect(pieces.first?.lowerBound ?? 5 == 5 && pieces.last?.upperBound ?? 5 == 5 + length)
        #expect(zip(pieces, pieces.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
    }
}
