#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An input after normalisation: UTF-8 bytes with LF line ends, and where each line starts.
/// Lines are numbered from 1 as in the normalised text (a lone CR counts as a line break).
public final class TextDocument: Sendable {
    public let name: String
    public let bytes: [UInt8]
    /// Byte offset of each line's first byte; the line runs to the next LF (exclusive).
    public let lineStarts: [Int]
    public let repairs: NormalizationReport
    /// Folders between the named input folder and this file (see `InputDocument.folders`).
    public let folders: [String]
    /// Lines longer than this are listed as unparsed instead of going to a parser (`--max-line-bytes`).
    public let maxParsedLineLength: Int
    /// Bytes in the longest line (its line end not counted): most documents have no over-long
    /// line, and this says so without looking at each.
    public let longestLineLength: Int

    public init(name: String, normalizedBytes: [UInt8], repairs: NormalizationReport, folders: [String] = [],
                maxParsedLineLength: Int = Section.maxParsedLineLength) {
        self.name = name
        self.maxParsedLineLength = maxParsedLineLength
        self.folders = folders
        self.bytes = normalizedBytes
        self.repairs = repairs
        (lineStarts, longestLineLength) = Self.lineIndex(normalizedBytes)
    }

    /// Inputs this large are indexed by all cores at once, each finding the lines of its piece.
    static let parallelIndexFrom = 1 << 20

    /// Where each line starts, and the longest line's length (its LF not counted).
    static func lineIndex(_ bytes: [UInt8]) -> (starts: [Int], longest: Int) {
        guard !bytes.isEmpty else { return ([], 0) }
        let count = bytes.count
        let starts = count >= parallelIndexFrom && ParallelMap.activeProcessorCount > 1
            ? lineStartsInPieces(bytes) : lineStartsInOrder(bytes)
        var longest = (bytes.last == 0x0A ? count - 1 : count) - starts[starts.count - 1]
        starts.withUnsafeBufferPointer { lines in
            for index in 1..<max(1, lines.count) { longest = max(longest, lines[index] - 1 - lines[index - 1]) }
        }
        return (starts, longest)
    }

    /// A line starts at 0 and after every newline but a last byte's.
    private static func lineStartsInOrder(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            forEachLineStart(buffer.baseAddress!, in: 0..<buffer.count, count: buffer.count) { starts.append($0) }
        }
        return starts
    }

    /// The same on all cores: the newlines of each piece counted first, then each piece writes its
    /// starts into its own part of one array (joining per-piece arrays copied them and touched
    /// twice the memory).
    private static func lineStartsInPieces(_ bytes: [UInt8]) -> [Int] {
        let count = bytes.count
        let pieces = ParallelMap.pieces(of: 0..<count, count: ParallelMap.activeProcessorCount)
        let newlines = ParallelMap.map(pieces) { range in
            bytes.withUnsafeBytes { ByteWords.count(0x0A, in: UnsafeRawBufferPointer(rebasing: $0[range])) }
        }
        let total = 1 + newlines.reduce(0, +) - (bytes[count - 1] == 0x0A ? 1 : 0)
        // Each piece's first slot: after line 1's start and the newlines of the pieces before it.
        let firstSlots = newlines.indices.map { 1 + newlines[..<$0].reduce(0, +) }
        return [Int](unsafeUninitializedCapacity: total) { slots, initialized in
            slots[0] = 0
            let address = UInt(bitPattern: slots.baseAddress!)
            _ = ParallelMap.map(Array(pieces.indices)) { piece in
                let target = UnsafeMutablePointer<Int>(bitPattern: address)!
                var next = firstSlots[piece]
                bytes.withUnsafeBufferPointer { buffer in
                    forEachLineStart(buffer.baseAddress!, in: pieces[piece], count: count) { start in
                        target[next] = start
                        next += 1
                    }
                }
            }
            initialized = total
        }
    }

    /// Calls `body` with the start of the line after each newline in `range`, up to the input's end.
    @inline(__always)
    private static func forEachLineStart(_ base: UnsafePointer<UInt8>, in range: Range<Int>, count: Int,
                                         _ body: (Int) -> Void) {
        var index = range.lowerBound
        while let found = memchrIndex(base, from: index, count: range.upperBound, byte: 0x0A) {
            if found + 1 < count { body(found + 1) }
            index = found + 1
        }
    }

    public convenience init(_ input: InputDocument) {
        self.init(input, maxParsedLineLength: Section.maxParsedLineLength)
    }

    public convenience init(_ input: InputDocument, maxParsedLineLength: Int) {
        let (bytes, report) = TextNormalizer.normalize(input.bytes, maxLineLength: maxParsedLineLength)
        self.init(name: input.name, normalizedBytes: bytes, repairs: report, folders: input.folders,
                  maxParsedLineLength: maxParsedLineLength)
    }

    public convenience init(name: String, text: String) {
        self.init(InputDocument(name: name, bytes: Array(text.utf8), truncated: false, wasCompressed: false))
    }

    public var lineCount: Int { lineStarts.count }

    /// Byte range of line `number` (1-based), without its LF and trailing blanks.
    public func range(ofLine number: Int) -> Range<Int> {
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
        if end > start && end <= bytes.count && end > 0 && bytes[end - 1] == 0x0A { end -= 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return start..<end
    }

    public func line(_ number: Int) -> SourceLine {
        SourceLine(number: number, bytes: bytes[range(ofLine: number)])
    }

    public func text(ofLine number: Int) -> String {
        String(decoding: bytes[range(ofLine: number)], as: UTF8.self)
    }
}

/// One right-trimmed line of a document, as bytes, with its 1-based number.
public struct SourceLine: Sendable {
    public let number: Int
    public let bytes: ArraySlice<UInt8>

    public init(number: Int, bytes: ArraySlice<UInt8>) {
        self.number = number
        self.bytes = bytes
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public var isBlank: Bool { leadingBlanks == bytes.count }

    /// Whether the line contains `needle` (a byte search, no String made).
    public func contains(_ needle: StaticString) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return findBytes(base, count: buffer.count, needle: needle.utf8Start, needleCount: needle.utf8CodeUnitCount) != nil
        }
    }

    /// Whitespace-separated fields (spaces and TABs; NO-BREAK SPACE was folded to a space earlier).
    public var fields: [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start: Int? = nil
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 {
                if let begin = start { result.append(bytes[begin..<index]); start = nil }
            } else if start == nil {
                start = index
            }
        }
        if let begin = start { result.append(bytes[begin..<bytes.endIndex]) }
        return result
    }

    /// Spaces and TABs at the start; eight spaces (the usual indentation) are compared at once.
    public var leadingBlanks: Int {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            return firstNonBlank(base, from: 0, to: buffer.count)
        }
    }

    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBytes(body)
    }
}

/// The offset of the first byte in `bytes[start..<end]` that is neither a space nor a TAB, or `end`;
/// runs of eight spaces (the usual indentation) are compared as one word.
@inline(__always)
func firstNonBlank(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
    let eightSpaces: UInt64 = 0x2020_2020_2020_2020
    var index = start
    while index + 8 <= end, UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self) == eightSpaces {
        index += 8
    }
    while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    return index
}

@inline(__always)
func memchrIndex(_ base: UnsafePointer<UInt8>, from start: Int, count: Int, byte: UInt8) -> Int? {
    guard start < count else { return nil }
    guard let found = memchr(base + start, Int32(byte), count - start) else { return nil }
    return UnsafeRawPointer(found) - UnsafeRawPointer(base)
}

/// A set of bytes as a 256-bit map: membership without hashing, for per-line dispatch.
public struct ByteSet: Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    public init<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes { insert(byte) }
    }

    public mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    @inline(__always)
    public func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }
}

/// The non-empty runs of `bytes` between separators, as Strings (`UP,BROADCAST` → [UP, BROADCAST]).
/// Byte-level: the generic `split` on byte views was a hot spot in profiles.
func words(in bytes: ArraySlice<UInt8>, separatedBy separator: UInt8) -> [String] {
    bytes.withUnsafeBufferPointer { buffer in
        var words: [String] = []
        words.reserveCapacity(6)
        var start = 0
        for index in 0..<buffer.count where buffer[index] == separator {
            if index > start { words.append(String(decoding: buffer[start..<index], as: UTF8.self)) }
            start = index + 1
        }
        if start < buffer.count { words.append(String(decoding: buffer[start..<buffer.count], as: UTF8.self)) }
        return words
    }
}

/// Offset of the first occurrence of `needle` (memchr for its first byte, then a compare).
func findBytes(_ base: UnsafePointer<UInt8>, count: Int, needle: UnsafePointer<UInt8>, needleCount: Int) -> Int? {
    guard needleCount > 0, count >= needleCount else { return needleCount == 0 ? 0 : nil }
    var start = 0
    let lastStart = count - needleCount
    while start <= lastStart {
        guard let found = memchrIndex(base, from: start, count: lastStart + 1, byte: needle[0]) else { return nil }
        if memcmp(base + found, needle, needleCount) == 0 { return found }
        start = found + 1
    }
    return nil
}

extension String {
    /// Substring test on UTF-8 bytes; Foundation's `contains` goes through CFString and was
    /// half of the parse time in a profile.
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        var pattern = needle
        return haystack.withUTF8 { text in
            pattern.withUTF8 { target in
                guard let base = text.baseAddress else { return target.isEmpty }
                guard let needleBase = target.baseAddress else { return true }
                return findBytes(base, count: text.count, needle: needleBase, needleCount: target.count) != nil
            }
        }
    }
}

extension ArraySlice where Element == UInt8 {
    var string: String { String(decoding: self, as: UTF8.self) }
}
