import Testing
@testable import VNetDiagKit

/// The eight-bytes-at-a-time scans answer exactly what a byte loop answers: the word tests
/// themselves, the clean-text check that lets a document skip normalisation, and the prompt
/// candidate scan. Inputs are deterministic pseudo-random bytes drawn mostly from the bytes each
/// scan looks for (written for this test).
@Suite struct WordScanTests {
    /// A small deterministic generator (PCG-style LCG), so that a failure repeats.
    struct Bytes {
        var state: UInt64
        mutating func next(from alphabet: [UInt8]) -> UInt8 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return alphabet[Int(state >> 33) % alphabet.count]
        }
        mutating func array(_ count: Int, from alphabet: [UInt8]) -> [UInt8] { (0..<count).map { _ in next(from: alphabet) } }
    }

    static func word(_ bytes: [UInt8]) -> UInt64 {
        bytes.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }

    @Test(arguments: [UInt8(0x00), 0x0D, 0x1B, 0x23, 0x5C, 0xFF])
    func containsMatchesAByteLoop(_ byte: UInt8) {
        var random = Bytes(state: UInt64(byte) &+ 11)
        let alphabet: [UInt8] = [0x00, 0x01, byte &- 1, byte, byte &+ 1, 0x80, 0xFF, 0x20]
        for _ in 0..<4000 {
            let bytes = random.array(8, from: alphabet)
            #expect(ByteWords.contains(Self.word(bytes), byte) == bytes.contains(byte), "\(bytes) holds \(byte)")
        }
    }

    /// Lengths around the 32-byte blocks and past 255 blocks (where the lane counters are summed),
    /// with runs of the byte long enough to wrap a lane counter that was summed too late.
    @Test(arguments: [0, 1, 31, 32, 33, 95, 8159, 8160, 8161, 8192, 20_000, 70_000])
    func byteCountMatchesAByteLoop(length: Int) {
        var random = Bytes(state: 0x2E20 &+ UInt64(length))
        for alphabet: [UInt8] in [[0x0A, 0x0B, 0x8A, 0xFF], [0x0A], [0x00, 0x09]] {
            let bytes = random.array(length, from: alphabet)
            let counted = bytes.withUnsafeBytes { ByteWords.count(0x0A, in: $0) }
            #expect(counted == bytes.filter { $0 == 0x0A }.count, "length \(length), alphabet \(alphabet)")
        }
    }

    @Test func cleanTextCheckMatchesItsDefinition() {
        var random = Bytes(state: 0x5EED)
        // Mostly plain text, with the bytes that make a text unclean (high, CR, ESC, NUL) and the
        // control bytes that do not (LF, TAB, FF) mixed in.
        let plain = Array("abc xyz:0123".utf8)
        let rare: [UInt8] = [0x0A, 0x09, 0x0C, 0x0D, 0x1B, 0x00, 0x80, 0xC3, 0xFF, 0x1F]
        // Short texts, and lengths around the 128-byte blocks the check reads at once.
        let positions = Array(0...UInt8.max)
        for length in Array(0..<48) + [127, 128, 129, 255, 256, 257, 383, 384, 385, 1000] {
            for round in 0..<40 {
                var bytes = random.array(length, from: plain)
                for _ in 0..<(round % 3) where length > 0 {
                    bytes[Int(random.next(from: positions)) * length / 256] = random.next(from: rare)
                }
                let expected = !bytes.contains { $0 >= 0x80 || $0 == 0x0D || $0 == 0x1B || $0 == 0 }
                #expect(TextNormalizer.isAlreadyClean(bytes) == expected, "\(bytes)")
            }
        }
    }

    @Test func promptCandidatesMatchAByteLoop() {
        var random = Bytes(state: 0xC0FFEE)
        let alphabet = Array("ab :@~-/".utf8) + [UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "\\"), 0x09]
        for _ in 0..<60 {
            let lines = (0..<40).map { _ in random.array(Int(random.next(from: Array(0..<30))), from: alphabet) }
            let text = lines.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
            let document = TextDocument(name: "prompts", text: text)
            guard document.lineCount > 0 else { continue }
            let expected = (1...document.lineCount).filter { number in
                let range = document.range(ofLine: number)
                let bytes = document.bytes[range.lowerBound..<(number < document.lineCount ? document.lineStarts[number] : document.bytes.count)]
                guard let first = bytes.first, first != 0x20, first != 0x09 else { return false }
                return bytes.contains { "#$%\\".utf8.contains($0) }
            }
            #expect(PromptSplitter.promptCandidates(document, 1...document.lineCount) == expected)
        }
    }
}
