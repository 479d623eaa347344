import Foundation
import Testing
@testable import VNetDiagKit

/// A stream with an `output` hands large arrays over piece by piece as they are written; what
/// reaches the output must be the bytes the stream writes without one.
@Suite struct StreamedOutputTests {
    /// Collects what an output is handed, in the order it is handed, and how often.
    final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var bytes: [UInt8] = []
        private(set) var writes = 0
        private var writing = false
        private(set) var overlapped = false

        var output: JSONOutput {
            JSONOutput { chunk in
                self.lock.lock()
                if self.writing { self.overlapped = true }
                self.writing = true
                self.lock.unlock()
                usleep(50)  // a slow destination: a second writer would overlap this one
                self.lock.lock()
                self.bytes += chunk
                self.writes += 1
                self.writing = false
                self.lock.unlock()
            }
        }
    }

    static let results = ParsePipeline().parse(TextDocument(
        name: "big.txt", text: ParallelismTests.generatedIfconfig(interfaces: 300)))

    static func written(pretty: Bool, jc: Bool, threshold: Int, output: JSONOutput?) -> JSONStream {
        var stream = JSONStream(pretty: pretty, capacity: 256)
        stream.parallelThreshold = threshold
        stream.output = output
        if jc {
            JCSchema.write(results, to: &stream)
        } else {
            NativeParseReport.write(results, inputs: [results[0].section.document], to: &stream)
        }
        stream.buffer.append(0x0A)
        stream.flush()
        return stream
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func piecesReachTheOutputInOrder(pretty: Bool, jc: Bool) throws {
        let whole = Self.written(pretty: pretty, jc: jc, threshold: Int.max, output: nil)
        let collector = Collector()
        let streamed = Self.written(pretty: pretty, jc: jc, threshold: 8, output: collector.output)
        // Compared first: a failing #expect on two arrays this long would print them whole.
        let same = collector.bytes == whole.bytes
        #expect(same, "streamed \(collector.bytes.count) bytes, written whole \(whole.bytes.count)")
        // 300 records in pieces of 64: five pieces, what came before them, and the rest.
        #expect(collector.writes == 7)
        #expect(!collector.overlapped, "two workers wrote at once")
        #expect(streamed.bytes.isEmpty, "flushed: nothing left in the stream")
        let decoded = try JSONSerialization.jsonObject(with: Data(collector.bytes))
        #expect(decoded is [Any] || decoded is [String: Any])
    }

    /// The command hands its records to standard output in pieces: all of them, in order, as JSON.
    @Test(arguments: [["parse", "-"], ["parse", "--pretty", "-"], ["parse", "--schema", "jc", "--as", "ifconfig", "-"]])
    func theCommandWritesEveryRecordInOrder(arguments: [String]) throws {
        let count = 3000  // past the 2,048 items from which an array is written in pieces
        let result = try CommandRunner.run(arguments, stdin: ParallelismTests.generatedIfconfig(interfaces: count))
        #expect(result.status == 0)
        let decoded = try JSONSerialization.jsonObject(with: result.stdout)
        let records = (decoded as? [[String: Any]])
            ?? ((decoded as? [String: Any])?["sections"] as? [[String: Any]])?.first?["records"] as? [[String: Any]]
        let names = (records ?? []).map { ($0["name"] as? String) ?? "?" }
        #expect(names == (0..<count).map { "vnet\($0)" })
    }

    @Test func pieceBuffersAreUsedAgain() {
        let collector = Collector()
        let pieces = OrderedPieceOutput(collector.output, pieceCapacity: 64)
        var first = pieces.takeBuffer()
        first.append(Array("first".utf8))
        pieces.finish(0, first)
        var second = pieces.takeBuffer()
        #expect(second.count == 0, "a written buffer comes back empty")
        second.append(Array("second".utf8))
        pieces.finish(1, second)
        #expect(String(decoding: collector.bytes, as: UTF8.self) == "firstsecond")
    }

    /// Pieces finished last-first are held until the ones before them are out.
    @Test func piecesFinishedOutOfOrderAreWrittenInOrder() {
        let collector = Collector()
        let pieces = OrderedPieceOutput(collector.output)
        let texts = (0..<20).map { "piece \($0);" }
        for index in texts.indices.reversed() {
            var buffer = pieces.takeBuffer()
            buffer.append(Array(texts[index].utf8))
            pieces.finish(index, buffer)
            #expect(collector.writes == (index == 0 ? texts.count : 0))
        }
        #expect(String(decoding: collector.bytes, as: UTF8.self) == texts.joined())
    }

    /// The piece due next, finished while another worker writes the one before it, is left to
    /// that worker: its finisher returns at once and nothing is written twice or out of order.
    @Test func aPieceDueWhileAnotherIsWrittenIsLeftToThatWriter() {
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let collector = Collector()
        let calls = CallCounter()
        let output = JSONOutput { chunk in
            if calls.increment() == 1 {
                entered.signal()
                release.wait()
            }
            collector.output.write(chunk)
        }
        let pieces = OrderedPieceOutput(output)
        let firstWriter = DispatchGroup()
        DispatchQueue.global().async(group: firstWriter) {
            var buffer = pieces.takeBuffer()
            buffer.append(Array("0".utf8))
            pieces.finish(0, buffer)
        }
        entered.wait()
        var buffer = pieces.takeBuffer()
        buffer.append(Array("1".utf8))
        pieces.finish(1, buffer)
        #expect(calls.value == 1, "the second piece was written by its own finisher")
        release.signal()
        firstWriter.wait()
        #expect(String(decoding: collector.bytes, as: UTF8.self) == "01")
    }

    final class CallCounter: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var value = 0
        func increment() -> Int {
            lock.lock(); defer { lock.unlock() }
            value += 1
            return value
        }
    }

    /// Many workers finishing pieces in any order: each piece once, in order, one writer at a time.
    @Test func concurrentPiecesAreWrittenOnceInOrder() {
        let collector = Collector()
        let pieces = OrderedPieceOutput(collector.output)
        let count = 400
        DispatchQueue.concurrentPerform(iterations: count) { step in
            let index = (step * 7919) % count  // every index once, scattered
            var buffer = pieces.takeBuffer()
            buffer.append(Array("\(index),".utf8))
            pieces.finish(index, buffer)
        }
        #expect(String(decoding: collector.bytes, as: UTF8.self) == (0..<count).map { "\($0)," }.joined())
        #expect(collector.writes == count)
        #expect(!collector.overlapped)
    }

    /// Arrays too small for pieces leave their output in the buffer until it holds a megabyte.
    @Test func smallArraysAreHandedOverAMegabyteAtATime() {
        let collector = Collector()
        var stream = JSONStream(pretty: false)
        stream.output = collector.output
        stream.beginArray()
        let items = Array(repeating: String(repeating: "x", count: 1000), count: 600)
        for _ in 0..<3 { stream.elements(items) { sink, item in sink.string(item) } }
        #expect(collector.writes == 1, "1.8 MB written in arrays of 600 KB: handed over once, past 1 MB")
        #expect(stream.buffer.count < JSONStream.flushFrom)
        stream.endArray()
        stream.flush()
        #expect(collector.bytes.count == 3 * 600 * 1003 - 1 + 2)
    }
}
